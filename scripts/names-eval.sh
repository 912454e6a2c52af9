#!/usr/bin/env bash
# Prints the figures of names found with no register against FRUS's persName,
# placeName and orgName markup (tuned and held-out documents), and with -v
# every difference. See tests/names_eval.rs for the matching rule.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "-v" ]; then export NAMES_EVAL_VERBOSE=1; fi
cargo test -q --test names_eval -- --nocapture --test-threads 1 2>&1 | grep -oE '(tuned|held-out(-b)?) .*|^    .*'
