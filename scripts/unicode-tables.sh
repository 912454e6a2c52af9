#!/usr/bin/env bash
# Regenerates src/text/unicode_data.rs from the unicode-normalization crate
# (after a version bump of the crate): see scripts/unicode-tables.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release --quiet --example unicode-tables > src/text/unicode_data.rs.new
mv src/text/unicode_data.rs.new src/text/unicode_data.rs
echo "src/text/unicode_data.rs regenerated; run cargo test --lib text" >&2
