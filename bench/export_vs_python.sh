#!/usr/bin/env bash
# cutmix export against a plain Python + OpenCV loop doing the same job, and
# against the floor (decode every input once, encode every output), measured
# in one run on the same dataset. Usage:
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
/usr/bin/python3 bench/make_dataset.py "$shared" "$work/data" 40
echo "dataset: $(find "$work/data" -name '*.jpg' | wc -l) JPEGs in $(ls "$work/data" | wc -l) classes; $count samples at $size, JPEG quality 90, $(nproc) cores"

t0=$(date +%s.%N)
"$build/app/cutmix" export "$work/data" -o "$work/cutmix" --count "$count" --size "$size" --quality 90 --seed 1 -q
t1=$(date +%s.%N)
/usr/bin/python3 bench/python_loop.py "$work/data" "$work/python" "$count" "$w" "$h" 90 1
t2=$(date +%s.%N)
floor=$("$build/bench/bench_floor" "$work/data" "$count" "$size" 90)
echo "$floor"
mkdir -p "$work/floor"
floorw=$(FLOOR_WRITE_DIR="$work/floor" "$build/bench/bench_floor" "$work/data" "$count" "$size" 90)
echo "$floorw"
floor_s=$(echo "$floor" | sed -E 's/.* = ([0-9.]+) s.*/\1/')
floorw_s=$(echo "$floorw" | sed -E 's/.* = ([0-9.]+) s.*/\1/')
awk -v c="$count" -v a="$t0" -v b="$t1" -v d="$t2" -v f="$floor_s" -v fw="$floorw_s" 'BEGIN {
  ce = b - a; py = d - b
  printf "cutmix export: %.2f s, %.1f images/s\n", ce, c / ce
  printf "python loop:   %.2f s, %.1f images/s\n", py, c / py
  printf "cutmix export is %.2fx the Python loop; %.2fx the decode+encode floor (%.2f s); %.2fx the floor with plain writes (%.2f s)\n", py / ce, ce / f, f, ce / fw, fw
}'
