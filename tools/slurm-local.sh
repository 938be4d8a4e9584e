#!/usr/bin/env bash
# A one-node SLURM cluster on this machine, for CI and for developing the SLURM executor
# (docs/SLURM.md; recipe measured in SLURM-NOTES: Debian 12's slurm-wlm 22.05 and munge, run as root).
#
#   tools/slurm-local.sh start    install if missing, configure, start munged/slurmctld/slurmd, wait for idle
#   tools/slurm-local.sh stop     stop the daemons this script started (by their recorded PIDs)
#   tools/slurm-local.sh status   print the daemons' state and sinfo
#
# Idempotent: start on a running cluster only checks it; stop on a stopped one does nothing.
# No accounting daemon: jobs are followed with squeue/scontrol, never sacct.
set -uo pipefail

STATE_DIR=/run/bbscore-slurm          # PID files of the daemons started here
LOG_DIR=/var/log/slurm
CONF=/etc/slurm/slurm.conf
WAIT_S=${BBSCORE_SLURM_WAIT_S:-30}    # bound on the wait for the node to become idle
# Array indices must stay below MaxArraySize (SLURM's default 1001). CI sets it to 4 so that a small sweep
# already needs several arrays, as a 10,000-group sweep does on a real cluster.
MAX_ARRAY_SIZE=${BBSCORE_SLURM_MAX_ARRAY_SIZE:-1001}

die() { echo "slurm-local: error: $*" >&2; exit 1; }
say() { echo "slurm-local: $*"; }

alive() { [ -f "$STATE_DIR/$1.pid" ] && kill -0 "$(cat "$STATE_DIR/$1.pid")" 2>/dev/null; }

install_if_missing() {
  if command -v sbatch >/dev/null && command -v slurmctld >/dev/null && command -v munged >/dev/null; then return 0; fi
  command -v apt-get >/dev/null || die "slurm-wlm/munge are missing and apt-get is not available to install them"
  say "installing slurm-wlm and munge"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null) \
    || die "apt-get install slurm-wlm munge failed"
}

write_conf() {
  local host mem_mb
  host=$(hostname -s)
  # RealMemory must not exceed what slurmd measures, or the node is drained as "Low RealMemory":
  # three quarters of MemTotal leaves room whatever the kernel reserves.
  mem_mb=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 3 / 4 }' /proc/meminfo)
  mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd "$LOG_DIR" "$STATE_DIR"
  cat >"$CONF" <<EOF
# Written by tools/slurm-local.sh: one node, one partition, no accounting, no cgroups.
ClusterName=bbscore
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldLogFile=$LOG_DIR/slurmctld.log
SlurmdLogFile=$LOG_DIR/slurmd.log
SlurmctldPidFile=$STATE_DIR/slurmctld.pid
SlurmdPidFile=$STATE_DIR/slurmd.pid
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
MaxArraySize=$MAX_ARRAY_SIZE
MpiDefault=none
NodeName=$host CPUs=2 RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
}

start_munge() {
  if alive munged && munge -n | unmunge >/dev/null 2>&1; then return 0; fi
  [ -f /etc/munge/munge.key ] || /usr/sbin/mungekey --create >/dev/null 2>&1 || die "no /etc/munge/munge.key and mungekey failed"
  chown munge:munge /etc/munge/munge.key 2>/dev/null
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  chown munge:munge /run/munge /var/log/munge /var/lib/munge
  su -s /bin/sh munge -c /usr/sbin/munged || die "munged did not start (see /var/log/munge/munged.log)"
  # munged writes its PID file under /run/munge; copy it so stop finds every daemon in one place.
  for _ in $(seq 1 20); do [ -s /run/munge/munged.pid ] && break; sleep 0.1; done
  cp /run/munge/munged.pid "$STATE_DIR/munged.pid" 2>/dev/null || die "munged wrote no PID file (see /var/log/munge/munged.log)"
  munge -n | unmunge >/dev/null 2>&1 || die "munge -n | unmunge fails (see /var/log/munge/munged.log)"
}

node_state() { sinfo -h -N -o '%t' 2>/dev/null | head -n 1; }

start() {
  local t0 waited state
  t0=$(date +%s.%N)
  # The daemons run as root (SlurmUser=root) and the config lives under /etc, as in SLURM-NOTES' recipe.
  [ "$(id -u)" -eq 0 ] || die "must run as root: sudo bash $0 start"
  install_if_missing
  mkdir -p "$STATE_DIR"
  if alive slurmctld && alive slurmd && [[ "$(node_state)" =~ ^(idle|mix|alloc) ]]; then
    say "already running"; return 0
  fi
  write_conf
  start_munge
  alive slurmctld || /usr/sbin/slurmctld || die "slurmctld did not start (see $LOG_DIR/slurmctld.log)"
  alive slurmd || /usr/sbin/slurmd || die "slurmd did not start (see $LOG_DIR/slurmd.log)"
  waited=0
  while :; do
    state=$(node_state)
    [[ "$state" =~ ^(idle|mix|alloc) ]] && break
    if [ "$waited" -ge $((WAIT_S * 10)) ]; then
      die "node not idle after ${WAIT_S}s (sinfo state: '${state:-no answer}'); see $LOG_DIR/slurmctld.log and $LOG_DIR/slurmd.log"
    fi
    sleep 0.1; waited=$((waited + 1))
  done
  say "cluster up in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s: node $(hostname -s) $state, partition debug"
}

stop() {
  local name pid
  # slurmd first, so the controller does not mark the node down while it is still running.
  for name in slurmd slurmctld munged; do
    [ -f "$STATE_DIR/$name.pid" ] || continue
    pid=$(cat "$STATE_DIR/$name.pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      say "stopped $name ($pid)"
    fi
    rm -f "$STATE_DIR/$name.pid"
  done
}

status() {
  local name
  for name in munged slurmctld slurmd; do
    if alive "$name"; then echo "$name: running ($(cat "$STATE_DIR/$name.pid"))"; else echo "$name: stopped"; fi
  done
  command -v sinfo >/dev/null && sinfo 2>&1
  alive slurmctld && alive slurmd
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
