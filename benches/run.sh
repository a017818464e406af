#!/usr/bin/env bash
# Runs every criterion bench of slmscope, at every cache size the growth table of BENCHMARKS.md
# reports.
#
# The synthetic caches are built once with the release binary (`slmscope synth` then
# `slmscope import`, seed 0) into $SLMSCOPE_BENCH_CACHES (default: target/bench-caches) as
# synthetic-<N>.db, and reused by later runs. SLMSCOPE_BENCH_SIZES picks the sizes (default:
# 10000 100000 1000000 3000000); the 3M cache takes about 2 GB of disk and a few minutes to
# build. Benches that read the recorded Hub snapshot also need SLMSCOPE_TEST_DATA.
#
# Any argument is passed to `cargo bench`, for instance `--bench threshold`.
set -euo pipefail

cd "$(dirname "$0")/.."
caches="${SLMSCOPE_BENCH_CACHES:-$PWD/target/bench-caches}"
sizes="${SLMSCOPE_BENCH_SIZES:-10000 100000 1000000 3000000}"
mkdir -p "$caches"
caches="$(cd "$caches" && pwd)"

cargo build --release --locked
binary=target/release/slmscope

for size in $sizes; do
  cache="$caches/synthetic-$size.db"
  if [ -f "$cache" ]; then
    echo "using $cache"
    continue
  fi
  source="$caches/synthetic-$size.jsonl"
  echo "building $cache"
  "$binary" synth --models "$size" --seed 0 --force --out "$source"
  # Import into a temporary name so an interrupted build is never taken for a finished cache.
  rm -f "$cache.partial" "$cache.partial-wal" "$cache.partial-shm"
  "$binary" import --db "$cache.partial" "$source"
  mv "$cache.partial" "$cache"
  rm -f "$source"
done

SLMSCOPE_BENCH_CACHES="$caches" cargo bench --locked "$@"
