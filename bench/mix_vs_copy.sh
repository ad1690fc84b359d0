#!/usr/bin/env bash
# Runs bench_mix and prints the cost of one mix relative to one copy of a
# 1024x1024 RGB image, measured in one run. Usage: bench/mix_vs_copy.sh [build dir]
set -euo pipefail
build=${1:-build/release}
"$build/bench/bench_mix" -minimumtotal 2000 -o -,txt | tee /tmp/bench_mix.txt
awk '/RESULT : BenchMix::/ { name=$3; sub(/\(\)?:?$/, "", name) }
     /msecs per iteration/ { t=$0; sub(/.*total: /, "", t); split(t, f, /[, )]+/); ms[name]=f[1]/f[3] }
     END {
       printf "\ncopy %.4f ms, mix %.4f ms, draw+mix %.4f ms\n", ms["BenchMix::copy"], ms["BenchMix::mix"], ms["BenchMix::mixWithDraw"]
       printf "mix / copy = %.2f, draw+mix / copy = %.2f\n", ms["BenchMix::mix"]/ms["BenchMix::copy"], ms["BenchMix::mixWithDraw"]/ms["BenchMix::copy"]
     }' /tmp/bench_mix.txt
