#!/usr/bin/env bash
# A single-node Slurm on this machine (munge, slurmctld and slurmd on
# localhost) from Debian's slurm-wlm, for trying cutmix-array.sbatch for real.
# Its configuration and state live in one folder (default /tmp/cutmix-slurm);
# nothing under /etc/slurm is changed. Needs root (slurmd runs jobs as their
# user).
#   deploy/slurm/local-slurm.sh start   install what is missing, start, wait until the node is idle
#   deploy/slurm/local-slurm.sh stop    stop the daemons
# Afterwards: export SLURM_CONF=<folder>/slurm.conf (printed by start).
set -euo pipefail
dir=${CUTMIX_SLURM_DIR:-/tmp/cutmix-slurm}
conf=$dir/slurm.conf
# slurmctld listens on this port, slurmd on the next one.
port=${CUTMIX_SLURM_PORT:-16817}

stop() {
  local pidfile pid
  for pidfile in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munged.pid"; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    # Until it has gone: slurmctld writes its state as it stops, and a
    # caller that removes the folder next raced it ("Directory not empty").
    timeout 30 tail --pid="$pid" -f /dev/null 2>/dev/null || true
    rm -f "$pidfile"
  done
}

start() {
  cd "$(dirname "$0")/../.."
  source scripts/setup.sh
  cutmix_install slurm-wlm munge
  [ "$(id -u)" -eq 0 ] || { echo "local-slurm.sh: run as root (slurmd runs the jobs as their users)" >&2; exit 1; }
  stop
  mkdir -p "$dir/state" "$dir/spool" "$dir/munge"
  chown munge:munge "$dir/munge"
  # munge: the key from the package (created when it is installed), a socket of our own.
  [ -s /etc/munge/munge.key ] || { mungekey --create --keyfile=/etc/munge/munge.key && chown munge:munge /etc/munge/munge.key; }
  runuser -u munge -- /usr/sbin/munged --socket="$dir/munge/munge.socket" --pid-file="$dir/munge/munged.pid" \
    --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed" --force
  cp "$dir/munge/munged.pid" "$dir/munged.pid"
  local host cpus mem
  host=$(hostname -s)
  cpus=$(nproc)
  mem=$(awk '/MemTotal/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)
  cat >"$conf" <<CONF
ClusterName=cutmix-local
SlurmctldHost=$host(127.0.0.1)
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
SlurmctldPort=$port
SlurmdPort=$((port + 1))
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SwitchType=switch/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/builtin
SchedulerParameters=sched_interval=1
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
CONF
  export SLURM_CONF=$conf
  /usr/sbin/slurmctld -f "$conf"
  /usr/sbin/slurmd -f "$conf"
  local waited=0
  until sinfo -h -o '%T' 2>/dev/null | grep -qx idle; do
    sleep 1
    waited=$((waited + 1))
    if [ $waited -ge 60 ]; then
      echo "local-slurm.sh: the node did not become idle within 60 s; logs in $dir" >&2
      sinfo >&2 || true
      exit 1
    fi
  done
  echo "Slurm is up after ${waited} s (node $host, $cpus CPUs). Use: export SLURM_CONF=$conf"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
