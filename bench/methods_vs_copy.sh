#!/usr/bin/env bash
# One draw and mix of two 1920x1080 RGB images for every method, as a ratio to
# one copy of such an image, measured in one run. Usage:
#   bench/methods_vs_copy.sh [build dir]
set -euo pipefail
build=${1:-build/release}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$build/bench/bench_mix" copy1080 methods -minimumtotal 2000 -o -,txt | tee "$out"
awk '/RESULT : BenchMix::/ { name=$3; sub(/:$/, "", name) }
     /msecs per iteration/ { t=$0; sub(/.*total: /, "", t); split(t, f, /[, )]+/); ms[name]=f[1]/f[3] }
     END {
       copy = ms["BenchMix::copy1080()"]
       printf "\n1920x1080 RGB, one draw and mix per iteration; copy %.3f ms\n", copy
       for (n in ms) if (index(n, "methods(") > 0) { m=n; sub(/^[^"]*"/, "", m); sub(/".*/, "", m);
         printf "%-10s %8.3f ms  %6.2f x copy\n", m, ms[n], ms[n]/copy }
     }' "$out"
