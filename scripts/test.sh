#!/usr/bin/env bash
# Runs every test: formatting, lints, native tests (importer, search quality,
# entity gold set, diff properties), the built reader in headless Chromium,
# and short fuzz smoke runs. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

bash scripts/setup.sh >/dev/null

if ! command -v chromium >/dev/null 2>&1; then
  say "installing Debian's chromium for the browser tests"
  apt-get update -qq >&2 && apt-get install -y -qq chromium chromium-driver >&2
fi

say "cargo fmt --check"
cargo fmt --check
say "cargo clippy"
cargo clippy --all-targets --quiet -- -D warnings
say "cargo test"
cargo test --quiet 2>&1
say "browser tests"
node --test tests/browser/
