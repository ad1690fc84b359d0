#!/usr/bin/env bash
# Sets up, builds and runs every test with CTest. Exits non-zero on any
# failure. Usage: scripts/test.sh [--sanitize]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

preset=release
case "${1:-}" in
  --sanitize) preset=sanitize ;;
  "") ;;
  *) echo "usage: scripts/test.sh [--sanitize]" >&2; exit 2 ;;
esac

cutmix_install
cutmix_build "$preset"
export QT_QPA_PLATFORM=offscreen
ctest --preset "$preset" -j "$(nproc)"
