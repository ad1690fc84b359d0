#!/usr/bin/env bash
# Opens the window as a user sees it, under Xvfb with a window manager
# (openbox, so that keys reach the window), optionally sends keys with
# xdotool, and saves a screenshot of the whole screen. For looking at a change
# at the screen sizes that matter (1024x700, 1920x1080, QT_SCALE_FACTOR=2).
#   scripts/look.sh WxH out.png [--scale F] [--click X,Y]... [--keys "key1 key2 ..."] [--wait S] [-- cutmix-studio args]
# (clicks, in screen pixels, come before the keys; each waits 2 s for the window)
# Needs xvfb, openbox, xdotool and imagemagick (apt-get install xvfb openbox
# xdotool imagemagick).
set -euo pipefail
cd "$(dirname "$0")/.."
size=$1 out=$2
shift 2
scale="" keys="" wait=3 clicks=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale=$2; shift 2 ;;
    --keys) keys=$2; shift 2 ;;
    --click) clicks+=("$2"); shift 2 ;;
    --wait) wait=$2; shift 2 ;;
    --) shift; break ;;
    *) break ;;
  esac
done
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $wm $xvfb 2>/dev/null || true' EXIT
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
openbox >/dev/null 2>&1 &
wm=$!
sleep 0.5
QT_SCALE_FACTOR=${scale:-1} build/release/app/cutmix-studio "$@" >/tmp/look-app.log 2>&1 &
app=$!
sleep "$wait"
for c in "${clicks[@]}"; do
  xdotool mousemove "${c%,*}" "${c#*,}" click 1
  sleep 2
done
for k in $keys; do
  xdotool key --clearmodifiers "$k"
  sleep 0.4
done
import -window root "$out"
echo "$out"
