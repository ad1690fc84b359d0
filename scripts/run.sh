#!/usr/bin/env bash
# Sets up, builds in release mode and opens CutMix Studio on the bundled demo
# pair (the cat and the coffee cup). Arguments go to cutmix-studio (for
# example two image files). On a machine without a display it says so and
# renders a screenshot of the window instead.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
cutmix_install
cutmix_build release

app=build/release/app/cutmix-studio
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$app" "$@"
fi
shot=build/screenshot.png
echo "No display found (neither DISPLAY nor WAYLAND_DISPLAY is set): rendering the window to $shot instead."
if command -v xvfb-run >/dev/null 2>&1; then
  xvfb-run -a -s "-screen 0 1600x1000x24" "$app" --screenshot "$shot" "$@"
else
  QT_QPA_PLATFORM=offscreen "$app" --screenshot "$shot" "$@"
fi
echo "Screenshot: $shot"
echo "The command line works without a display: build/release/app/cutmix --help"
