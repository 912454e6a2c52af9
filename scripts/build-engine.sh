#!/usr/bin/env bash
# Builds the wasm engine into target/engine/ (docent.js + docent_bg.wasm),
# optimized with npm binaryen's wasm-opt. Assumes scripts/setup.sh's tools.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
say "building the wasm engine"
cargo build --release --lib --target wasm32-unknown-unknown --quiet >&2
mkdir -p target/engine
wasm-bindgen --target web --out-dir target/engine --out-name docent \
  --no-typescript --remove-name-section --remove-producers-section \
  target/wasm32-unknown-unknown/release/docent.wasm >&2
# Features are read from the target_features section (hence strip = false).
node_modules/.bin/wasm-opt -Os --converge target/engine/docent_bg.wasm -o target/engine/docent_bg.opt.wasm >&2
mv target/engine/docent_bg.opt.wasm target/engine/docent_bg.wasm
say "engine: $(wc -c < target/engine/docent_bg.wasm) bytes wasm"
