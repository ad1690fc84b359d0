#!/usr/bin/env bash
# How cutmix export scales with cores: the same export with --threads 1 and
# --threads N (default: all cores), each layout, in one run: three rounds
# alternating the two, the best time of each (a shared machine only ever
# adds time), and their ratio. Usage:
#   bench/export_threads.sh [count] [WxH] [build dir] [N]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
cutmix_install python3-opencv python3-numpy
count=${1:-3000}
size=${2:-320x320}
build=${3:-build/release}
n=${4:-$(nproc)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 bench/make_dataset.py "${CUTMIX_SHARED_IMAGES:-../shared/images}" "$work/data" 40 2>/dev/null
echo "$count samples of $size, JPEG, webdataset layout, $(nproc) cores"
run() { # threads layout -> seconds
  local s e
  s=$(date +%s.%N)
  "$build/app/cutmix" export "$work/data" -o "$work/out-$1-$2" --count "$count" --size "$size" --seed 1 -q \
    --layout "$2" --threads "$1" 2>/dev/null
  e=$(date +%s.%N)
  awk -v a="$s" -v b="$e" 'BEGIN { printf "%.3f", b - a }'
}
best() { printf '%s\n' "$@" | sort -g | head -1; }
for layout in webdataset files; do
  ones=() manys=()
  for round in 1 2 3; do
    ones+=("$(run 1 "$layout")")
    rm -rf "$work/out-1-$layout"
    manys+=("$(run "$n" "$layout")")
    [ $round -eq 3 ] || rm -rf "$work/out-$n-$layout"
  done
  run 1 "$layout" >/dev/null
  one=$(best "${ones[@]}")
  many=$(best "${manys[@]}")
  echo "$layout rounds: --threads 1: ${ones[*]} s; --threads $n: ${manys[*]} s"
  cmp -s "$work/out-1-$layout/manifest.jsonl" "$work/out-$n-$layout/manifest.jsonl" || { echo "outputs differ" >&2; exit 1; }
  awk -v a="$one" -v b="$many" -v n="$n" -v l="$layout" 'BEGIN {
    printf "%-10s best --threads 1: %.2f s, best --threads %d: %.2f s: %.2fx%s\n", l, a, n, b, a / b, (l == "webdataset" ? " (target at least 1.7 on 2 cores)" : "") }'
done
