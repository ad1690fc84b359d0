#!/usr/bin/env bash
# Renders the window under Xvfb (as a user sees it on X11) to a PNG, for the
# README and for checking a change by eye. Usage:
#   scripts/screenshot.sh [out.png] [cutmix-studio arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshot.png}
shift || true
mkdir -p "$(dirname "$out")"
xvfb-run -a -s "-screen 0 1600x1000x24" build/release/app/cutmix-studio --screenshot "$out" "$@"
