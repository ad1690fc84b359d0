#!/usr/bin/env bash
# cutmix export in both layouts against a plain Python + OpenCV loop doing the
# same job and against the floor (decode every input once, encode every
# output, and write the same bytes: one plain file each for the files layout,
# appended to one file per thread for the tar shards), measured in one run
# on the same dataset. Usage:
#   bench/export_vs_python.sh [count] [WxH] [build dir]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
cutmix_install python3-opencv python3-numpy time
count=${1:-2000}
size=${2:-224x224}
build=${3:-build/release}
w=${size%x*}
h=${size#*x}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shared=${CUTMIX_SHARED_IMAGES:-../shared/images}
/usr/bin/python3 bench/make_dataset.py "$shared" "$work/data" 40 2>/dev/null
echo "dataset: $(find "$work/data" -name '*.jpg' | wc -l) JPEGs in $(ls "$work/data" | wc -l) classes; $count samples at $size, JPEG quality 90, $(nproc) cores"

now() { date +%s.%N; }
t0=$(now)
"$build/app/cutmix" export "$work/data" -o "$work/files" --count "$count" --size "$size" --quality 90 --seed 1 -q 2>/dev/null
t1=$(now)
"$build/app/cutmix" export "$work/data" -o "$work/wds" --count "$count" --size "$size" --quality 90 --seed 1 -q \
  --layout webdataset 2>/dev/null
t2=$(now)
/usr/bin/python3 bench/python_loop.py "$work/data" "$work/python" "$count" "$w" "$h" 90 1
t3=$(now)
mkdir -p "$work/floor-files" "$work/floor-append"
floorf=$(FLOOR_WRITE_DIR="$work/floor-files" "$build/bench/bench_floor" "$work/data" "$count" "$size" 90)
floora=$(FLOOR_WRITE_DIR="$work/floor-append" FLOOR_WRITE_MODE=append "$build/bench/bench_floor" "$work/data" "$count" "$size" 90)
echo "$floorf"
echo "$floora"
secs() { echo "$1" | sed -E 's/.* = ([0-9.]+) s.*/\1/'; }
awk -v c="$count" -v a="$t0" -v b="$t1" -v d="$t2" -v e="$t3" -v ff="$(secs "$floorf")" -v fa="$(secs "$floora")" 'BEGIN {
  files = b - a; wds = d - b; py = e - d
  printf "cutmix export --layout files:      %.2f s, %.1f images/s\n", files, c / files
  printf "cutmix export --layout webdataset: %.2f s, %.1f images/s\n", wds, c / wds
  printf "python loop (files):               %.2f s, %.1f images/s\n", py, c / py
  printf "files:      %.2fx the floor with plain writes (%.2f s; target at most 1.3), %.2fx as fast as the Python loop (target at least 2)\n", files / ff, ff, py / files
  printf "webdataset: %.2fx the floor with appends (%.2f s; target at most 1.2), %.2fx as fast as the Python loop (target at least 2)\n", wds / fa, fa, py / wds
}'
