#!/usr/bin/env bash
# Installs what is missing, builds the engine (wasm) and the reader, and
# prints the path of the single HTML file. Safe to run again: it only
# installs what is not there yet.
#
#   bash scripts/setup.sh [--corpus DIR] [--out DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

need() { command -v "$1" >/dev/null 2>&1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif need sudo; then sudo "$@"; else return 1; fi; }

if ! need cargo || ! need rustup; then
  echo "Rust is missing: install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi
if ! need node || ! need npm; then
  say "installing Node.js and npm (Debian packages)"
  { as_root apt-get update -qq && as_root apt-get install -y -qq nodejs npm; } >&2 ||
    { echo "Node.js 18+ and npm are missing: install them, then run this again." >&2; exit 1; }
fi

# Rust target for the engine.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown >&2
fi

# The pinned nightly with rust-src: scripts/build-engine.sh rebuilds std with
# the engine for a smaller wasm. Without it, stable builds a larger engine.
NIGHTLY=$(cat scripts/nightly-toolchain)
if ! rustup component list --toolchain "$NIGHTLY" --installed 2>/dev/null | grep -q '^rust-src'; then
  say "installing $NIGHTLY with rust-src (for a smaller engine)"
  rustup toolchain install "$NIGHTLY" --profile minimal --component rust-src --no-self-update >&2 ||
    say "WARNING: $NIGHTLY could not be installed: the engine will be built with stable Rust, larger"
fi

# wasm-bindgen CLI, the same version as the crate in Cargo.lock.
if [ ! -f Cargo.lock ]; then cargo generate-lockfile >&2; fi
WB=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock)
if ! command -v wasm-bindgen >/dev/null 2>&1 || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WB" ]; then
  say "installing wasm-bindgen-cli $WB (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$WB" >&2
fi

# npm tools: binaryen's wasm-opt (Debian's corrupts wasm-bindgen output), test and bench deps.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] ||
   [ package.json -nt node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dev tools"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund >&2; else npm install --no-audit --no-fund >&2; fi
fi

bash scripts/build-engine.sh

say "building the docent CLI"
cargo build --release --quiet >&2
./target/release/docent build "$@"
