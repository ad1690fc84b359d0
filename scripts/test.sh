#!/usr/bin/env bash
# Sets up, builds and runs every test with CTest. Exits non-zero on any
# failure. Usage:
#   scripts/test.sh                 release build, all tests, the Slurm array check (as root)
#   scripts/test.sh --sanitize      ASan + UBSan build (clang), core, CLI, export and grid tests
#   scripts/test.sh --fuzz [secs]   libFuzzer targets of the same build, each for secs (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

mode=${1:-}
case "$mode" in
  "")
    cutmix_install python3-numpy python3-torch python3-opencv python3-pytest python3-jsonschema
    cutmix_build release
    export QT_QPA_PLATFORM=offscreen
    ctest --preset release -j "$(nproc)"
    # The Slurm array for real: a single-node Slurm (munge, slurmctld,
    # slurmd) started for the check, its merged export compared byte for byte
    # with an unsharded run. Needs root (slurmd runs the jobs).
    if [ "$(id -u)" -eq 0 ]; then
      deploy/slurm/check.sh build/release 4 400
    else
      echo "not root: the Slurm array check (deploy/slurm/check.sh) is skipped"
    fi
    ;;
  --sanitize)
    cutmix_install python3-numpy python3-torch python3-opencv python3-pytest python3-jsonschema clang libclang-rt-dev
    cutmix_build sanitize
    export QT_QPA_PLATFORM=offscreen
    ctest --preset sanitize -j "$(nproc)"
    ;;
  --fuzz)
    seconds=${2:-60}
    cutmix_install clang libclang-rt-dev
    # The sanitizer build has the fuzz targets: after --sanitize this only
    # checks that it is up to date.
    cutmix_build sanitize
    export OPENCV_LOG_LEVEL=SILENT
    total=0 count=0
    for source in tests/fuzz/fuzz_*.cpp; do
      target=$(basename "$source" .cpp)
      target=${target#fuzz_}
      count=$((count + 1))
      corpus=build/sanitize/corpus/$target
      mkdir -p "$corpus" build/sanitize/crashes
      cp -n tests/fuzz/corpus/$target/* "$corpus"/ 2>/dev/null || true
      log=build/sanitize/fuzz_$target.log
      if ! build/sanitize/tests/fuzz/fuzz_$target "$corpus" -max_total_time="$seconds" -rss_limit_mb=2048 \
           -print_final_stats=1 -artifact_prefix=build/sanitize/crashes/$target- >"$log" 2>&1; then
        grep -E "ERROR|SUMMARY|Test unit written" "$log" | head -20 >&2
        echo "fuzz_$target found a problem; the input is in build/sanitize/crashes/ (add it to tests/fuzz/corpus/$target as a regression)" >&2
        exit 1
      fi
      runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
      echo "fuzz_$target: ${runs:-0} executions in ${seconds} s, no crash"
      total=$((total + ${runs:-0}))
    done
    echo "$total fuzz executions in all, no crash"
    echo "fuzzing: $count passed, 0 failed"
    ;;
  *)
    echo "usage: scripts/test.sh [--sanitize | --fuzz [seconds]]" >&2
    exit 2
    ;;
esac
