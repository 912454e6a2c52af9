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
# With the pinned nightly (scripts/nightly-toolchain; scripts/setup.sh
# installs it with rust-src), std is rebuilt with the engine: panics abort at
# once, without their formatting machinery, and std's size-minded variants
# are chosen (optimize_for_size), while core, alloc and std keep opt-level 3
# as in the shipped std (smaller here, and search no slower). Without the nightly, or with DOCENT_STABLE_ENGINE=1,
# stable Rust builds the engine, larger but the same.
NIGHTLY=$(cat scripts/nightly-toolchain)
cargo_args=(build --release --lib --target wasm32-unknown-unknown --quiet --target-dir "$build" "${features[@]}")
if [ "${DOCENT_STABLE_ENGINE:-}" != 1 ] &&
   rustup component list --toolchain "$NIGHTLY" --installed 2>/dev/null | grep -q '^rust-src'; then
  say "building the wasm engine ($out) with $NIGHTLY"
  std_opt=()
  for krate in core alloc std; do std_opt+=(--config "profile.release.package.$krate.opt-level=3"); done
  RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" rustup run "$NIGHTLY" cargo "${cargo_args[@]}" \
    -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size "${std_opt[@]}" >&2
else
  why="$NIGHTLY with rust-src is not installed, so the engine is larger"
  [ "${DOCENT_STABLE_ENGINE:-}" = 1 ] && why="DOCENT_STABLE_ENGINE=1: larger"
  say "building the wasm engine ($out) with stable Rust ($why)"
  cargo "${cargo_args[@]}" >&2
fi
mkdir -p "$out"
wasm-bindgen --target web --out-dir "$out" --out-name docent \
  --no-typescript --remove-name-section --remove-producers-section \
  "$build/wasm32-unknown-unknown/release/docent.wasm" >&2
# The glue's JSDoc blocks (the Rust doc comments, copied by wasm-bindgen,
# each on lines of its own) are for editors, not for the reader.
perl -0pi -e 's{^[ \t]*/\*\*\n(?:[ \t]*\*(?!/).*\n)*?[ \t]*\*/\n}{}mg' "$out/docent.js"
# Features are read from the target_features section (hence strip = false).
# `-ocimfs 0`: no inlining of functions that have one caller. Such inlining
# makes the wasm smaller but its gzip larger (merged functions compress
# worse), and search no faster (V8 inlines for itself).
node_modules/.bin/wasm-opt -Os -ocimfs 0 --converge "$out/docent_bg.wasm" -o "$out/docent_bg.opt.wasm" >&2
mv "$out/docent_bg.opt.wasm" "$out/docent_bg.wasm"
say "engine: $(wc -c < "$out/docent_bg.wasm") bytes wasm"
