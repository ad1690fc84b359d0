#!/usr/bin/env bash
# Start-up time of `cutmix` for the commands that read no image (box, sample,
# replay, stats: the math only, target under 30 ms) and for one that loads
# the image codecs (mix --help), the median of N runs each, in one run.
# Usage: bench/startup.sh [build dir] [N]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
n=${2:-31}
cli=$build/app/cutmix
median_ms() { # command... -> median wall time in ms over n runs
  local times=() s e i
  for ((i = 0; i < n; i++)); do
    s=$(date +%s%N)
    "$@" >/dev/null 2>&1
    e=$(date +%s%N)
    times+=($(((e - s) / 1000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1000 }'
}
printf "%-52s %s\n" "command ($n runs each)" "median"
while IFS='|' read -r label args; do
  # shellcheck disable=SC2086
  printf "%-52s %s ms\n" "$label" "$(median_ms "$cli" $args)"
done <<'LIST'
cutmix box --size 224x224 --lam 0.5 --center 112,112|box --size 224x224 --lam 0.5 --center 112,112
cutmix sample --count 10 --size 224x224|sample --count 10 --size 224x224
cutmix replay --recipe timm ... --iterations 10|replay --recipe timm --numpy-seed 0 --size 224x224 --iterations 10 --mixup-alpha 0.8 --cutmix-alpha 1
cutmix stats --size 224x224 --count 1000|stats --size 224x224 --count 1000
cutmix mix --help (loads the image codecs)|mix --help
LIST
printf "%-52s %s ms\n" "/bin/true (the cost of starting any process)" "$(median_ms /bin/true)"
