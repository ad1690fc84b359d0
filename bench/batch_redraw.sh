#!/usr/bin/env bash
# The batch view's redraw: new draw to repainted tiles and target matrix,
# 64 images of 224x224 by default. Runs under Xvfb when there is no display
# (as a user would see it), else on the offscreen platform.
# Usage: bench/batch_redraw.sh [build dir] [draws] [batch size] [side]
set -euo pipefail
build=${1:-build/release}
args=("${2:-100}" "${3:-64}" "${4:-224}")
if command -v xvfb-run >/dev/null 2>&1 && [ -z "${DISPLAY:-}" ]; then
  xvfb-run -a -s "-screen 0 1920x1200x24" "$build/bench/bench_batch" "${args[@]}"
else
  QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$build/bench/bench_batch" "${args[@]}"
fi
