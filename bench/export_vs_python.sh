#!/usr/bin/env bash
# cutmix export in both layouts against a plain Python + OpenCV loop doing the
# same job and against the floor: a program that only decodes every input
# once, encodes every output and writes the same bytes (one plain file each
# for the files layout; appended to one file per thread for the tar shards),
# all timed the same way (the whole process, start-up included) in one run on
# the same dataset: three rounds alternating cutmix and the floors, the best
# time of each (a shared machine only ever adds time); the Python loop once.
# Usage:
#   bench/export_vs_python.sh [count] [WxH] [build dir]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
cutmix_install python3-opencv python3-numpy
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

timed() { # command... -> wall seconds
  local s e
  s=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  e=$(date +%s.%N)
  awk -v a="$s" -v b="$e" 'BEGIN { printf "%.3f", b - a }'
}
export_run() { # layout
  rm -rf "$work/out-$1"
  "$build/app/cutmix" export "$work/data" -o "$work/out-$1" --count "$count" --size "$size" --quality 90 --seed 1 \
    -q --layout "$1"
}
floor_run() { # files|append
  rm -rf "$work/floor-$1" && mkdir -p "$work/floor-$1"
  FLOOR_WRITE_DIR="$work/floor-$1" FLOOR_WRITE_MODE=$1 "$build/bench/bench_floor" "$work/data" "$count" "$size" 90
}
best() { printf '%s\n' "$@" | sort -g | head -1; }
files=() wds=() ff=() fa=()
for round in 1 2 3; do
  files+=("$(timed export_run files)")
  ff+=("$(timed floor_run files)")
  wds+=("$(timed export_run webdataset)")
  fa+=("$(timed floor_run append)")
done
py=$(timed /usr/bin/python3 bench/python_loop.py "$work/data" "$work/python" "$count" "$w" "$h" 90 1)
echo "rounds (s): files ${files[*]}; floor with files ${ff[*]}; webdataset ${wds[*]}; floor with appends ${fa[*]}"
awk -v c="$count" -v files="$(best "${files[@]}")" -v wds="$(best "${wds[@]}")" -v ff="$(best "${ff[@]}")" \
    -v fa="$(best "${fa[@]}")" -v py="$py" 'BEGIN {
  printf "cutmix export --layout files:      %.2f s, %.0f images/s\n", files, c / files
  printf "cutmix export --layout webdataset: %.2f s, %.0f images/s\n", wds, c / wds
  printf "floor, one file per sample:        %.2f s\n", ff
  printf "floor, appended bytes:             %.2f s\n", fa
  printf "python loop (files):               %.2f s, %.0f images/s\n", py, c / py
  printf "files:      %.2fx the floor (target at most 1.3); %.1fx as fast as the Python loop (target at least 2)\n", files / ff, py / files
  printf "webdataset: %.2fx the floor (target at most 1.2); %.1fx as fast as the Python loop (target at least 2)\n", wds / fa, py / wds
}'
