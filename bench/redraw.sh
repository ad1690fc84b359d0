#!/usr/bin/env bash
# Median time from an alpha change to the repainted window, two 1920x1080
# images (or WxH). Runs under Xvfb when there is no display (as a user would
# see it), else on the offscreen platform.
# Usage: bench/redraw.sh [build dir] [changes] [WxH]
# BOXES=100 puts 100 objects on each image (shown on A, B and the result).
# MASKS=1 puts a label mask on each image (mixed and shown as washes on A, B, result).
# SHOW_EXPLORER=1 raises the lam explorer's tab first (issue 13's condition).
set -euo pipefail
build=${1:-build/release}
if command -v xvfb-run >/dev/null 2>&1 && [ -z "${DISPLAY:-}" ]; then
  xvfb-run -a -s "-screen 0 1920x1200x24" "$build/bench/bench_redraw" "${2:-300}" "${3:-1920x1080}"
else
  QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$build/bench/bench_redraw" "${2:-300}" "${3:-1920x1080}"
fi
