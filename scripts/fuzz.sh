#!/usr/bin/env bash
# Runs the fuzz targets (fuzz/, cargo-fuzz on the pinned nightly of
# scripts/nightly-toolchain, or FUZZ_TOOLCHAIN), one at a
# time, each for SECONDS (default 600), with its seeds and dictionary. New
# inputs go to fuzz/corpus/<target>/, crashes to fuzz/artifacts/<target>/.
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]     (default: every target)
#   FUZZ_BUILD="--dev -s none" bash scripts/fuzz.sh 5   (quick smoke: cheaper build)
#
# Prints one summary line per target: executions, and OK or the crash file.
# Exits 1 if any target found a crash, a hang (an input taking more than 10 s)
# or ran out of memory.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_EACH=${1:-600}
shift || true
TARGETS=("$@")
if [ ${#TARGETS[@]} = 0 ]; then
  mapfile -t TARGETS < <(sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | grep -v '^docent-fuzz$')
fi

# Seeds (read-only corpus directories) per target.
seeds() {
  case "$1" in
    import) echo "$ROOT/corpus/documents $ROOT/tests/hostile/documents $ROOT/fuzz/seeds/import" ;;
    tei) echo "$ROOT/tests/fixtures/tei $ROOT/fuzz/seeds/tei" ;;
    *) [ -d "$ROOT/fuzz/seeds/$1" ] && echo "$ROOT/fuzz/seeds/$1" ;;
  esac
}

# The fuzz crate resolves the same dependency versions as the main crate.
[ -f fuzz/Cargo.lock ] || cp Cargo.lock fuzz/Cargo.lock

# A bundle of the current format version from the tiny corpus in
# fuzz/seeds/bundle-corpus, when the CLI is built (the committed seed may be
# of an older version after a format change).
fresh_bundle() {
  local out html
  [ -x target/release/docent ] || return 0
  out=$(mktemp -d)
  if target/release/docent build --corpus fuzz/seeds/bundle-corpus --out "$out" >/dev/null 2>&1; then
    html="$out/docent.html"
    mkdir -p fuzz/corpus/bundle_decode
    node bench/page-data.mjs "$html" docent-bundle fuzz/corpus/bundle_decode/current.bundle || true
  fi
  rm -rf "$out"
}

failed=0
for t in "${TARGETS[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  [ "$t" = bundle_decode ] && fresh_bundle
  opts=(-max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1)
  [ -f "fuzz/$t.dict" ] && opts+=(-dict="$ROOT/fuzz/$t.dict")
  # shellcheck disable=SC2046,SC2086
  if nice -n 19 cargo +"${FUZZ_TOOLCHAIN:-$(cat "$ROOT/scripts/nightly-toolchain")}" fuzz run ${FUZZ_BUILD:-} "$t" "$ROOT/fuzz/corpus/$t" $(seeds "$t") -- "${opts[@]}" \
      >"fuzz/artifacts/$t/last-run.log" 2>&1; then
    result=OK
  else
    result="FAILED: $(grep -o 'Test unit written to .*' "fuzz/artifacts/$t/last-run.log" | tail -1 || true)"
    failed=1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "fuzz/artifacts/$t/last-run.log" | tail -1)
  printf 'fuzz %-14s %8s s  %12s executions  %s\n' "$t" "$SECONDS_EACH" "${runs:-?}" "$result"
  if [ "$result" != OK ]; then tail -40 "fuzz/artifacts/$t/last-run.log" >&2; fi
done
exit $failed
