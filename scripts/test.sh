#!/usr/bin/env bash
# Runs every test: formatting, lints, native tests (importer, search quality,
# entity gold set, diff properties), and the built reader (optimized wasm,
# dist/docent.html) in headless Chromium over file://. Installs what is
# missing first (via scripts/setup.sh, and Debian's chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

bash scripts/setup.sh >/dev/null

if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  say "installing Debian's chromium for the browser tests"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq >&2 && $SUDO apt-get install -y -qq chromium chromium-driver >&2
fi

say "cargo fmt --check"
cargo fmt --check
say "cargo clippy"
cargo clippy --all-targets --quiet -- -D warnings
say "cargo test"
cargo test --quiet 2>&1
say "citations parsed back by citation-js"
node --test tests/cite/
say "browser tests"
node --test tests/browser/

# Fuzz smoke: a few seconds per target, on a quick unoptimized build without
# ASan, with the pinned nightly (scripts/nightly-toolchain, installed by
# setup.sh); cargo-fuzz is installed when missing.
NIGHTLY=$(cat scripts/nightly-toolchain)
if cargo +"$NIGHTLY" --version >/dev/null 2>&1; then
  if ! cargo +"$NIGHTLY" fuzz --version >/dev/null 2>&1; then
    say "installing cargo-fuzz (a few minutes, once)"
    cargo install cargo-fuzz >&2 || cargo install --locked cargo-fuzz >&2 || true
  fi
  if cargo +"$NIGHTLY" fuzz --version >/dev/null 2>&1; then
    say "fuzz smoke (${FUZZ_SECONDS:-5} s per target; the long runs: bash scripts/fuzz.sh)"
    FUZZ_BUILD="${FUZZ_BUILD:---dev -s none}" bash scripts/fuzz.sh "${FUZZ_SECONDS:-5}"
  else
    say "WARNING: cargo-fuzz could not be installed: fuzz smoke skipped"
  fi
else
  say "no $NIGHTLY toolchain: fuzz smoke skipped (bash scripts/setup.sh installs it)"
fi
