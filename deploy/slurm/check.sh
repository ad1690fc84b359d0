#!/usr/bin/env bash
# Runs cutmix-array.sbatch for real on the single-node Slurm of
# local-slurm.sh and compares the merged result with an unsharded run of the
# same export, byte for byte, for both layouts. Prints the time Slurm took to
# start and the time of each run. Usage (as root, from a built tree):
#   deploy/slurm/check.sh [build dir] [parts] [count]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=$(cd "${1:-build/release}" && pwd)
parts=${2:-4}
count=${3:-2000}
work=$(mktemp -d /tmp/cutmix-slurm-check.XXXXXX)
chmod 755 "$work"
# A Slurm of its own: its own folder and two free ports, so that two checks
# (two CI runs on one machine) never meet.
export CUTMIX_SLURM_DIR=$work/slurm
export CUTMIX_SLURM_PORT=$(/usr/bin/python3 -c '
import socket
for port in range(20000, 60000, 2):
    try:
        for p in (port, port + 1):
            s = socket.socket(); s.bind(("127.0.0.1", p)); s.close()
        print(port); break
    except OSError:
        pass')
trap 'deploy/slurm/local-slurm.sh stop; rm -rf "$work"' EXIT
t0=$(date +%s.%N)
deploy/slurm/local-slurm.sh start
t1=$(date +%s.%N)
export SLURM_CONF=$CUTMIX_SLURM_DIR/slurm.conf
/usr/bin/python3 bench/make_dataset.py resources "$work/data" 10 >/dev/null 2>&1
awk -v a="$t0" -v b="$t1" 'BEGIN { printf "slurm started in %.1f s\n", b - a }'
status=0
for layout in files webdataset; do
  opts=(--count "$count" --size 96x96 --seed 7 --layout "$layout" --shard-samples 100)
  "$build/app/cutmix" export "$work/data" -o "$work/single-$layout" "${opts[@]}" -q --threads 1 2>/dev/null
  s=$(date +%s.%N)
  CUTMIX="$build/app/cutmix" sbatch --wait --array=1-"$parts" --cpus-per-task=1 --chdir="$work" \
    --output="$work/slurm-%A_%a.log" \
    deploy/slurm/cutmix-array.sbatch "$work/data" "$work/array-$layout" "${opts[@]}" >/dev/null
  e=$(date +%s.%N)
  if diff -r "$work/single-$layout" "$work/array-$layout" >/dev/null; then
    awk -v a="$s" -v b="$e" -v l="$layout" -v n="$parts" -v c="$count" \
      'BEGIN { printf "%s: a %d-task array (%d samples) finished in %.1f s; merged output identical to the unsharded run\n", l, n, c, b - a }'
  else
    echo "$layout: the array's merged output differs from the unsharded run:" >&2
    diff -rq "$work/single-$layout" "$work/array-$layout" >&2 || true
    cat "$work"/slurm-*.log >&2
    status=1
  fi
done
exit $status
