#!/usr/bin/env bash
# Builds the wasm engine into target/engine/ (docent.js + docent_bg.wasm),
# optimized with npm binaryen's wasm-opt. Assumes scripts/setup.sh's tools.
# `build-engine.sh bench` builds the tagging benchmark's engine instead
# (feature tagging-bench) into target/engine-bench/, in its own target dir.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
out=target/engine
build=target
features=()
if [ "${1:-}" = bench ]; then
  out=target/engine-bench
  build=target/bench-build
  features=(--features tagging-bench)
fi
say "building the wasm engine ($out)"
cargo build --release --lib --target wasm32-unknown-unknown --quiet \
  --target-dir "$build" "${features[@]}" >&2
mkdir -p "$out"
wasm-bindgen --target web --out-dir "$out" --out-name docent \
  --no-typescript --remove-name-section --remove-producers-section \
  "$build/wasm32-unknown-unknown/release/docent.wasm" >&2
# Features are read from the target_features section (hence strip = false).
# `-ocimfs 0`: no inlining of functions that have one caller. Such inlining
# makes the wasm smaller but its gzip larger (156.5 KB against 140.9 KB),
# and search no faster (V8 inlines for itself).
node_modules/.bin/wasm-opt -Os -ocimfs 0 --converge "$out/docent_bg.wasm" -o "$out/docent_bg.opt.wasm" >&2
mv "$out/docent_bg.opt.wasm" "$out/docent_bg.wasm"
say "engine: $(wc -c < "$out/docent_bg.wasm") bytes wasm"
