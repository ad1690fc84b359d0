#!/usr/bin/env bash
# Sets up, builds in release mode and runs a real demo of the `cutmix` tool on
# the bundled demo pair (the cat and the coffee cup). Extra arguments go to
# `cutmix mix` (for example --seed 7 --alpha 0.5).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
cutmix_install
cutmix_build release

out=build/demo
mkdir -p "$out"
build/release/app/cutmix mix resources/chelsea.png resources/coffee.png \
  -o "$out/mixed.png" --json "$out/draw.json" --label-a cat --label-b coffee --seed 1 "$@"
echo
echo "Mixed image: $out/mixed.png"
echo "Draw record: $out/draw.json"
