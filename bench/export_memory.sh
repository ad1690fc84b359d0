#!/usr/bin/env bash
# Peak memory of `cutmix export` for a small and a large sample count from the
# same dataset: it must stay flat (the manifest is streamed, caches are
# bounded). Prints both peaks (max resident set, from /usr/bin/time -v) and
# their ratio. Usage:
#   bench/export_memory.sh [small count] [large count] [WxH] [build dir] [layout]
# Defaults: 1000 and 1000000 samples of 32x32 (the large run writes a
# million small PNGs and takes a while).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
cutmix_install python3-opencv python3-numpy time
small=${1:-1000}
large=${2:-1000000}
size=${3:-32x32}
build=${4:-build/release}
layout=${5:-files}
work=${CUTMIX_BENCH_DIR:-$(mktemp -d)}
trap 'rm -rf "$work"' EXIT
shared=${CUTMIX_SHARED_IMAGES:-../shared/images}
/usr/bin/python3 bench/make_dataset.py "$shared" "$work/data" 8
echo "dataset: $(find "$work/data" -name '*.jpg' | wc -l) JPEGs; samples of $size (PNG), layout $layout, $(nproc) cores"

peak() { # count -> prints "count max_rss_kib seconds"
  local count=$1 out="$work/out-$1" log="$work/time-$1.txt"
  /usr/bin/time -v "$build/app/cutmix" export "$work/data" -o "$out" --count "$count" --size "$size" \
    --format png --seed 1 -q --layout "$layout" 2>"$log"
  local rss secs
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
  echo "$count $rss $secs"
  rm -rf "$out"
}

a=$(peak "$small")
b=$(peak "$large")
awk -v a="$a" -v b="$b" 'BEGIN {
  split(a, x, " "); split(b, y, " ")
  printf "%d samples: peak RSS %.1f MiB (%s)\n", x[1], x[2] / 1024, x[3]
  printf "%d samples: peak RSS %.1f MiB (%s)\n", y[1], y[2] / 1024, y[3]
  printf "large / small peak: %.3f (flat within 15%%: %s)\n", y[2] / x[2], (y[2] / x[2] <= 1.15 ? "yes" : "NO")
}'
