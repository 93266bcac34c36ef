#!/usr/bin/env bash
# Integration test: clustersim sweeps under a real Slurm scheduler, on this machine
# (`npm run test:slurm`; docs/experiments.md, "Running on a Slurm cluster").
#
#  0. install Debian's slurm-wlm and munge when missing (needs root and apt-get);
#  1. start a private one-node cluster: munged on its own socket and key, slurmctld and
#     slurmd on free ports, with a slurm.conf for this machine (all CPUs, no cgroups), all
#     state and logs in a temporary folder;
#  2. sweep experiments/sobol.yaml locally: the reference tables;
#  3. `clustersim slurm --tasks 3`, submit with the command it prints, wait: every task and
#     the merge succeed and the merged tables equal the reference byte for byte (runs.csv
#     without its wall-time column);
#  4. the same into a new folder, but task 2 is cancelled (scancel) and task 1 requeued
#     (scontrol requeue) part way: the merge is dropped, a merge run by hand refuses and
#     names the shard that lacks runs; task 2 resubmitted with the printed rerun command
#     resumes its shard, and the merged tables again equal the reference;
#  5. `--shard auto` alone on an array written 0-4:2 (ids 0, 2, 4) of a tiny experiment:
#     the three shards merge to the same tables as a local sweep.
# The daemons it started are stopped by PID on every exit path. The last line says what
# passed, or what failed; exit 0 passed, 1 failed, 77 could not run here (skipped). Its
# files are deleted after a pass (kept with CLUSTERSIM_SLURM_KEEP=1) and kept after a failure.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
T0=$(date +%s)
EXPERIMENT=experiments/sobol.yaml
# The test exercises the scheduler, not the model: the experiment's scenario (default.yaml)
# starts after a 300-step warm-up, which makes each of its 640 runs 16 times longer than the
# 20 recorded steps the timings of the cancel and requeue checks below were set for.
SET=(--set warmup=0)
TINY=test/sweep/fixtures/grid.yaml
TASKS=3
# Timeouts, generous for a busy 2-core machine; each names what it waited for.
T_DAEMON=90
T_SWEEP=900
T_JOBS=900

CLI=(node "$ROOT/dist/src/cli/main.js")
PIDS=()          # daemons this script started, in start order
RESULT=""        # the closing line's text
STATUS=1
WORK=""

log() { echo "[slurm test $(($(date +%s) - T0))s] $*" >&2; }
fail() { RESULT="slurm test FAILED: $*"; STATUS=1; exit 1; }
skip() { RESULT="slurm test skipped: $*"; STATUS=77; exit 77; }

# ---------------------------------------------------------------------------- cleanup
stop_pid() { # PID NAME: SIGTERM, up to 15 s, then SIGKILL
  local pid=$1 name=$2 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  for ((i = 0; i < 150; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  log "$name (pid $pid) ignored SIGTERM; killing it"
  kill -KILL "$pid" 2>/dev/null
}

cleanup() {
  local rc=$? i pid
  trap - EXIT INT TERM
  if [ -n "${CTLD_PID:-}" ] && kill -0 "$CTLD_PID" 2>/dev/null; then
    # Jobs first (they are all this cluster's), so no job process outlives slurmd.
    scancel --quiet --user=root >/dev/null 2>&1
    for ((i = 0; i < 60; i++)); do
      [ -z "$(squeue -h -o %A 2>/dev/null)" ] && break
      sleep 0.5
    done
    for pid in $(scontrol listpids 2>/dev/null | awk 'NR > 1 && $1 ~ /^[0-9]+$/ {print $1}'); do
      kill -KILL "$pid" 2>/dev/null # a job process still alive after scancel
    done
  fi
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    stop_pid "${PIDS[$i]%%:*}" "${PIDS[$i]#*:}"
  done
  if [ -z "$RESULT" ]; then
    if [ "$rc" -eq 0 ]; then RESULT="slurm test FAILED: ended without a result"; else RESULT="slurm test FAILED: interrupted (exit $rc)"; fi
    STATUS=1
  fi
  if [ -n "$WORK" ]; then
    if [ "$STATUS" -eq 0 ] && [ -z "${CLUSTERSIM_SLURM_KEEP:-}" ]; then rm -rf "$WORK"; else RESULT="$RESULT (files kept in $WORK)"; fi
  fi
  echo "$RESULT"
  exit "$STATUS"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Polls COMMAND every 0.5 s until it succeeds; fails after SECONDS naming WHAT.
wait_for() { # SECONDS WHAT COMMAND...; WAIT_DETAIL, if set, names a function whose output the timeout message adds
  local limit=$1 what=$2 start
  shift 2
  start=$(date +%s)
  until "$@"; do
    [ $(($(date +%s) - start)) -ge "$limit" ] && fail "timed out after ${limit} s waiting for $what${WAIT_DETAIL:+; $($WAIT_DETAIL)}"
    sleep 0.5
  done
}

# ------------------------------------------------------------------ 0. packages
if [ "$(id -u)" != 0 ]; then
  skip "it starts slurmctld, slurmd and munged, which needs root (run it as root, as CI does)"
fi
missing_packages() { ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; }
if missing_packages; then
  command -v apt-get >/dev/null || skip "slurm-wlm and munge are not installed and there is no apt-get to install them (Debian)"
  log "installing slurm-wlm and munge from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt_opts=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
  apt_log=$(mktemp /tmp/clustersim-slurm-apt.XXXXXX)
  apt-get "${apt_opts[@]}" update -qq >"$apt_log" 2>&1 || fail "apt-get update failed: $(tail -n 3 "$apt_log" | tr '\n' ' ')"
  apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends slurm-wlm munge >>"$apt_log" 2>&1 ||
    fail "apt-get install slurm-wlm munge failed: $(tail -n 3 "$apt_log" | tr '\n' ' ')"
  rm -f "$apt_log"
  missing_packages && fail "slurm-wlm and munge installed, but slurmctld, slurmd, sbatch or munged is still not on PATH"
fi
[ -f "$ROOT/dist/src/cli/main.js" ] || fail "dist/ is not built: run npm run build (npm run test:slurm does)"
SLURM_VERSION=$(slurmctld -V 2>/dev/null | awk '{print $2}')

# ------------------------------------------------------------------ 1. a one-node cluster
# Nothing from an enclosing scheduler may leak into the jobs or into --shard auto.
for v in $(compgen -e | grep -E '^(SLURM_|SBATCH_|SALLOC_|SRUN_)'); do unset "$v"; done
unset JOB_COMPLETION_INDEX

WORK=$(mktemp -d /tmp/clustersim-slurm.XXXXXX) || fail "cannot create a temporary folder"
chmod 755 "$WORK" # munged needs its socket's folders searchable by all
mkdir -p "$WORK/munge" "$WORK/state" "$WORK/spool" "$WORK/log"
chmod 755 "$WORK/munge"
dd if=/dev/urandom of="$WORK/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$WORK/munge/munge.key"
SOCKET="$WORK/munge/munge.socket"
HOST=$(hostname -s)
CPUS=$(nproc)
read -r CTLD_PORT SLURMD_PORT < <(node -e '
  const net = require("node:net"); const ports = [];
  const take = () => { const s = net.createServer(); s.listen(0, "127.0.0.1", () => { ports.push(s.address().port); s.close(); if (ports.length < 2) take(); else console.log(ports.join(" ")); }); };
  take();')
[ -n "${SLURMD_PORT:-}" ] || fail "could not find two free TCP ports"

export SLURM_CONF="$WORK/slurm.conf"
cat >"$SLURM_CONF" <<EOF
# One-node test cluster for clustersim (test/slurm/slurm.sh): Slurm ${SLURM_VERSION}, no cgroups.
ClusterName=clustersimtest
SlurmctldHost=${HOST}(127.0.0.1)
SlurmctldPort=${CTLD_PORT}
SlurmdPort=${SLURMD_PORT}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=${SOCKET}
StateSaveLocation=${WORK}/state
SlurmdSpoolDir=${WORK}/spool
SlurmctldPidFile=${WORK}/slurmctld.pid
SlurmdPidFile=${WORK}/slurmd.pid
SlurmctldLogFile=${WORK}/log/slurmctld.log
SlurmdLogFile=${WORK}/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
MailProg=/bin/true
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
# Finished jobs stay visible to squeue and scontrol for the whole test.
MinJobAge=3600
KillWait=30
NodeName=${HOST} NodeAddr=127.0.0.1 CPUs=${CPUS} State=UNKNOWN
PartitionName=test Nodes=${HOST} Default=YES MaxTime=INFINITE State=UP
EOF

started() { # PID NAME: remember a daemon, fail if it is already gone
  PIDS+=("$1:$2")
  sleep 0.3
  kill -0 "$1" 2>/dev/null || fail "$2 exited at once: $(tail -n 5 "$WORK/log/$2.out" 2>/dev/null | tr '\n' ' ')"
}
alive_or_fail() { kill -0 "$1" 2>/dev/null || fail "$2 stopped: $(tail -n 5 "$3" 2>/dev/null | tr '\n' ' ')"; }

log "starting munged, slurmctld and slurmd (Slurm ${SLURM_VERSION}, ${CPUS} CPUs, ports ${CTLD_PORT}/${SLURMD_PORT}) in $WORK"
munged -F --socket="$SOCKET" --key-file="$WORK/munge/munge.key" --pid-file="$WORK/munge/munged.pid" \
  --log-file="$WORK/log/munged.log" --seed-file="$WORK/munge/munged.seed" >"$WORK/log/munged.out" 2>&1 &
started $! munged
munge_ok() { alive_or_fail "${PIDS[0]%%:*}" munged "$WORK/log/munged.log"; munge -S "$SOCKET" -n 2>/dev/null | unmunge -S "$SOCKET" >/dev/null 2>&1; }
wait_for "$T_DAEMON" "munged to answer on its socket" munge_ok

slurmctld -D -f "$SLURM_CONF" >"$WORK/log/slurmctld.out" 2>&1 &
started $! slurmctld
CTLD_PID=$!
ctld_ok() { alive_or_fail "$CTLD_PID" slurmctld "$WORK/log/slurmctld.log"; scontrol ping 2>/dev/null | grep -q ' is UP'; }
wait_for "$T_DAEMON" "slurmctld to answer scontrol ping" ctld_ok

slurmd -D -f "$SLURM_CONF" -N "$HOST" >"$WORK/log/slurmd.out" 2>&1 &
started $! slurmd
SLURMD_PID=$!
node_idle() { alive_or_fail "$SLURMD_PID" slurmd "$WORK/log/slurmd.log"; [ "$(sinfo -h -n "$HOST" -o %T 2>/dev/null)" = idle ]; }
wait_for "$T_DAEMON" "node $HOST to be idle in sinfo" node_idle
log "cluster up"

# ------------------------------------------------------------------ helpers for jobs
# "id state" lines of a job (an array's tasks), finished ones included (MinJobAge).
job_states() { squeue -h -t all -j "$1" -o '%i %T' 2>/dev/null | sort; }
finished() { # JOBID...: every job and task in a final state
  local j s
  for j in "$@"; do
    s=$(job_states "$j")
    [ -n "$s" ] || return 1
    echo "$s" | grep -qvE ' (COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|PREEMPTED|BOOT_FAIL|DEADLINE)$' && return 1
  done
  return 0
}
wait_jobs() { # SECONDS WHAT JOBID...
  local limit=$1 what=$2
  shift 2
  local start
  start=$(date +%s)
  until finished "$@"; do
    if [ $(($(date +%s) - start)) -ge "$limit" ]; then
      fail "timed out after ${limit} s waiting for $what: $(for j in "$@"; do job_states "$j"; done | tr '\n' ';')"
    fi
    alive_or_fail "$CTLD_PID" slurmctld "$WORK/log/slurmctld.log"
    alive_or_fail "$SLURMD_PID" slurmd "$WORK/log/slurmd.log"
    sleep 1
  done
}
state_of() { squeue -h -t all -j "$1" -o '%T' 2>/dev/null | head -n 1; }
expect_state() { # JOB STATE WHY
  local s
  s=$(state_of "$1")
  [ "$s" = "$2" ] || fail "job $1 ended $s, expected $2 ($3); its log: $(tail -n 5 "$4" 2>/dev/null | tr '\n' ' ')"
}
# Status lines in a shard folder's journal: runs recorded so far (all sessions).
recorded() { cat "$1"/parts/runs-*.ndjson 2>/dev/null | grep -c '"run"'; }
# Runs a sweep folder's journal holds (what a resumed sweep counts as done).
journal_size() {
  node -e 'const { meta } = require(process.argv[2] + "/manifest.json");
    import(process.argv[1]).then((j) => console.log(j.readJournal(process.argv[2], meta.replicates).size));' "$ROOT/dist/src/sweep/journal.js" "$1"
}
share_of() { node -e 'const m = require(process.argv[1]); console.log(m.counts.runs)' "$1/manifest.json"; }
status_of() { node -e 'const m = require(process.argv[1]); console.log(m.status)' "$1/manifest.json" 2>/dev/null; }

ROWS_COMPARED=0
TABLES_COMPARED=0
# Every table of the reference folder equals the other folder's, byte for byte; runs.csv
# without its last column (wallMs, a wall time).
same_tables() { # REFERENCE OTHER LABEL
  local ref=$1 other=$2 label=$3 files f rows=0 n=0
  files=$(node -e 'console.log(require(process.argv[1]).files.join(" "))' "$ref/manifest.json") || fail "$label: no manifest in $ref"
  [ -n "$files" ] || fail "$label: the reference lists no tables"
  for f in $files; do
    [ -f "$other/$f" ] || fail "$label: $other has no $f"
    if [ "$f" = runs.csv ]; then
      cmp -s <(sed 's/,[^,]*$//' "$ref/$f") <(sed 's/,[^,]*$//' "$other/$f") || fail "$label: runs.csv (without wallMs) differs from the local sweep's"
    else
      cmp -s "$ref/$f" "$other/$f" || fail "$label: $f differs from the local sweep's"
    fi
    case $f in *.csv) rows=$((rows + $(wc -l <"$ref/$f") - 1)) ;; esac
    n=$((n + 1))
  done
  ROWS_COMPARED=$((ROWS_COMPARED + rows))
  TABLES_COMPARED=$((TABLES_COMPARED + n))
  log "$label: $n tables equal the local sweep's ($rows csv rows)"
}

# `clustersim slurm` into DIR; sets SUBMIT (the printed command) and the hint's rerun form.
make_job() { # DIR
  SUBMIT=$("${CLI[@]}" slurm "$EXPERIMENT" "${SET[@]}" --tasks "$TASKS" --cpus 1 --time 00:30:00 --partition test --out "$1" 2>"$1.stderr") ||
    fail "clustersim slurm failed: $(cat "$1.stderr")"
  [ "$(echo "$SUBMIT" | wc -l)" -eq 1 ] || fail "clustersim slurm printed more than one command line: $SUBMIT"
  grep -q -- '--array=K' "$1.stderr" || fail "clustersim slurm printed no rerun command"
  RERUN=$(grep -- '--array=K' "$1.stderr" | sed 's/^ *//')
}
# Runs a printed submit command; sets ARRAY and MERGE from its "submitted:" line.
submit() { # COMMAND
  local out
  out=$(bash -c "$1" 2>&1) || fail "submitting failed: $out"
  ARRAY=$(echo "$out" | sed -n 's/^submitted: sweep array \([0-9]*\) .*merge \([0-9]*\) .*/\1/p')
  MERGE=$(echo "$out" | sed -n 's/^submitted: sweep array \([0-9]*\) .*merge \([0-9]*\) .*/\2/p')
  [ -n "$ARRAY" ] && [ -n "$MERGE" ] || fail "unexpected output of the submit command: $out"
}

# ------------------------------------------------------------------ 2. the reference
log "local sweep of $EXPERIMENT (2 workers)"
timeout "$T_SWEEP" "${CLI[@]}" sweep "$EXPERIMENT" "${SET[@]}" --workers 2 --out "$WORK/local" --no-charts --quiet >"$WORK/log/local.out" 2>&1 ||
  fail "the local sweep failed or timed out: $(tail -n 5 "$WORK/log/local.out" | tr '\n' ' ')"
RUNS=$(node -e 'console.log(require(process.argv[1]).counts.runs)' "$WORK/local/manifest.json")

# ------------------------------------------------------------------ 3. array + merge
J1="$WORK/job1"
make_job "$J1"
submit "$SUBMIT"
log "pass 1: array $ARRAY ($TASKS tasks), merge $MERGE"
wait_jobs "$T_JOBS" "array $ARRAY and merge $MERGE" "$ARRAY" "$MERGE"
for k in $(seq 1 "$TASKS"); do
  expect_state "${ARRAY}_$k" COMPLETED "task $k" "$J1/logs/sweep-${ARRAY}_$k.out"
  grep -q -- "--shard auto: shard $k/$TASKS (SLURM_ARRAY_TASK_ID=$k" "$J1/logs/sweep-${ARRAY}_$k.out" || fail "task $k's log does not show --shard auto resolving to shard $k/$TASKS"
done
expect_state "$MERGE" COMPLETED "the merge" "$J1/logs/merge-$MERGE.out"
same_tables "$WORK/local" "$J1/merged" "pass 1"

# ------------------------------------------------------------------ 4. cancel, requeue, rerun
J2="$WORK/job2"
make_job "$J2"
submit "$SUBMIT"
log "pass 2: array $ARRAY, merge $MERGE; task 2 to be cancelled and task 1 requeued part way"
cancelled=""
requeued=""
poll_start=$(date +%s)
until [ -n "$cancelled" ] && [ -n "$requeued" ]; do
  [ $(($(date +%s) - poll_start)) -ge "$T_JOBS" ] && fail "timed out waiting for tasks 1 and 2 to record runs: $(job_states "$ARRAY" | tr '\n' ';')"
  if [ -z "$cancelled" ] && [ "$(recorded "$J2/shard-2")" -gt 0 ]; then
    scancel "${ARRAY}_2" || fail "scancel ${ARRAY}_2 failed"
    cancelled=$(recorded "$J2/shard-2")
  fi
  if [ -z "$requeued" ] && [ "$(recorded "$J2/shard-1")" -gt 0 ]; then
    scontrol requeue "${ARRAY}_1" || fail "scontrol requeue ${ARRAY}_1 failed"
    requeued=$(recorded "$J2/shard-1")
  fi
  sleep 0.05
done
# Slurm holds a requeued batch job for about two minutes (reason BeginTime): let it
# start at once. Done once task 1 has restarted and waits for nothing but a CPU.
# Released only when the first instance has gone, that is when the shard's lock is gone or
# names a dead process (a stale lock, which the new instance takes over): released while
# the first instance still held the lock, the new one would refuse the shard (exit 1). The
# first instance may not get to write "interrupted:" (killed after KillWait), so its log is
# not waited for. And not in the same second as the requeue: slurmd refuses to launch a job
# whose credential was revoked (the kill of the requeue) no earlier than the credential was
# made, in whole seconds ("Job credential revoked", the task fails at once with exit 1;
# seen in CI and here when the release came 0.1 s after the requeue), so it waits 2 s
# after it sees the first instance gone.
first_instance_gone() {
  local lock="$J2/shard-1/.clustersim.lock" pid
  [ -e "$lock" ] || return 0
  pid=$(node -e 'try { console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).pid) } catch { console.log("") }' "$lock")
  [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null
}
RELEASE_INFO=""
GONE_AT=""
release() {
  RELEASE_INFO=$(scontrol show job -o "${ARRAY}_1" 2>&1)
  case $RELEASE_INFO in *Restarts=0*) return 1 ;; esac
  case $RELEASE_INFO in
    *JobState=PENDING*Reason=BeginTime*)
      if [ -z "$GONE_AT" ]; then first_instance_gone && GONE_AT=$(date +%s); return 1; fi
      [ "$(date +%s)" -ge $((GONE_AT + 2)) ] || return 1
      scontrol update jobid="${ARRAY}_1" StartTime=now >/dev/null 2>&1; return 1 ;;
    *JobState=PENDING* | *JobState=RUNNING* | *JobState=COMPLETED*) return 0 ;;
    *JobState=FAILED* | *JobState=CANCELLED* | *JobState=NODE_FAIL* | *JobState=BOOT_FAIL*)
      fail "the requeued task 1 ended $(echo "$RELEASE_INFO" | grep -o 'JobState=[^ ]*\|Reason=[^ ]*' | tr '\n' ' ')before it ran again; slurmctld says: $(grep -E "JobId=${ARRAY}_1\b|non-startable" "$WORK/log/slurmctld.log" | tail -n 3 | tr '\n' ' ')" ;;
  esac
  return 1
}
# Slurm's own hold ends after two minutes and its scheduler then starts the task within
# a minute or so; 300 s covers that on a loaded machine even if the release never fires.
release_detail() {
  echo "job: $(echo "$RELEASE_INFO" | grep -o 'JobState=[^ ]*\|Reason=[^ ]*\|Restarts=[^ ]*\|StartTime=[^ ]*' | tr '\n' ' '); lock: $(cat "$J2/shard-1/.clustersim.lock" 2>/dev/null || echo none); log: $(tail -n 3 "$J2/logs/sweep-${ARRAY}_1.out" 2>/dev/null | tr '\n' ' ')"
}
WAIT_DETAIL=release_detail wait_for 300 "the requeued task 1 to be released (scontrol update StartTime=now)" release
wait_jobs "$T_JOBS" "array $ARRAY and merge $MERGE" "$ARRAY" "$MERGE"
expect_state "${ARRAY}_1" COMPLETED "task 1, requeued" "$J2/logs/sweep-${ARRAY}_1.out"
expect_state "${ARRAY}_2" CANCELLED "task 2, cancelled" "$J2/logs/sweep-${ARRAY}_2.out"
expect_state "${ARRAY}_3" COMPLETED "task 3" "$J2/logs/sweep-${ARRAY}_3.out"
expect_state "$MERGE" CANCELLED "the merge after a cancelled task (--kill-on-invalid-dep)" "$WORK/log/slurmctld.log"
[ -e "$J2/merged" ] && fail "the merge wrote $J2/merged although task 2 was cancelled"
scontrol show job "${ARRAY}_1" | grep -q 'Restarts=1' || fail "task 1 was not restarted after scontrol requeue"
RESUMED1=$(sed -n 's/^resuming: \([0-9]* of [0-9]*\) runs already done$/\1/p' "$J2/logs/sweep-${ARRAY}_1.out" | head -n 1)
[ -n "$RESUMED1" ] || fail "requeued task 1 did not resume its shard (no 'resuming:' in its log): it had finished its shard before the requeue landed"
SHARE2=$(share_of "$J2/shard-2")
DONE2=$(journal_size "$J2/shard-2")
[ "$(status_of "$J2/shard-2")" = incomplete ] && [ "$DONE2" -lt "$SHARE2" ] ||
  fail "task 2 finished its shard ($DONE2 of $SHARE2 runs) before the cancel landed: the experiment runs too fast for this check"
log "task 2 cancelled with $DONE2 of $SHARE2 runs recorded; task 1 requeued and resumed from $RESUMED1"

# The merge on its own refuses, naming the shard that lacks runs.
refused=$(sbatch --parsable "$J2/merge.sbatch" 2>&1 | cut -d';' -f1)
[[ $refused =~ ^[0-9]+$ ]] || fail "could not submit the merge on its own: $refused"
wait_jobs "$T_JOBS" "the merge on its own (job $refused)" "$refused"
[ "$(state_of "$refused")" = FAILED ] || fail "the merge on its own ended $(state_of "$refused"), expected FAILED: shard 2 is incomplete"
grep -q 'runs are missing' "$J2/logs/merge-$refused.out" && grep -q "shard-2 (shard 2/$TASKS, incomplete)" "$J2/logs/merge-$refused.out" ||
  fail "the merge of an incomplete sweep did not name shard 2: $(cat "$J2/logs/merge-$refused.out" 2>/dev/null | tr '\n' ' ')"
[ -e "$J2/merged" ] && fail "the refused merge wrote $J2/merged"
log "a merge on its own refused and named shard-2"

submit "${RERUN//--array=K/--array=2}"
log "task 2 resubmitted: array $ARRAY, merge $MERGE"
wait_jobs "$T_JOBS" "the resubmitted task 2 (array $ARRAY) and merge $MERGE" "$ARRAY" "$MERGE"
expect_state "${ARRAY}_2" COMPLETED "resubmitted task 2" "$J2/logs/sweep-${ARRAY}_2.out"
grep -q "resuming: $DONE2 of $SHARE2 runs already done" "$J2/logs/sweep-${ARRAY}_2.out" || fail "resubmitted task 2 did not resume from its $DONE2 recorded runs"
expect_state "$MERGE" COMPLETED "the merge after the resubmitted task" "$J2/logs/merge-$MERGE.out"
same_tables "$WORK/local" "$J2/merged" "pass 2"

# ------------------------------------------------------------------ 5. --shard auto, array 0-4:2
AUTO="$WORK/auto"
mkdir -p "$AUTO"
"${CLI[@]}" sweep "$TINY" --workers 1 --out "$AUTO/local" --no-charts --quiet >"$WORK/log/auto-local.out" 2>&1 || fail "local sweep of $TINY failed"
log "pass 3: --shard auto on an array 0-4:2 of $TINY"
wrap="cd '$ROOT' && exec '$(command -v node)' dist/src/cli/main.js sweep $TINY --shard auto --workers 1 --out '$AUTO'/task-\$SLURM_ARRAY_TASK_ID"
AUTO_JOB=$(sbatch --parsable --array=0-4:2 --cpus-per-task=1 --output="$AUTO/task-%a.out" --wrap "$wrap" 2>&1 | cut -d';' -f1)
[[ $AUTO_JOB =~ ^[0-9]+$ ]] || fail "could not submit the array 0-4:2: $AUTO_JOB"
wait_jobs "$T_JOBS" "the array 0-4:2 (job $AUTO_JOB)" "$AUTO_JOB"
for id in 0 2 4; do expect_state "${AUTO_JOB}_$id" COMPLETED "task $id of the array 0-4:2" "$AUTO/task-$id.out"; done
for id in 0 2 4; do
  k=$((id / 2 + 1))
  grep -q -- "--shard auto: shard $k/3 (SLURM_ARRAY_TASK_ID=$id of array 0-4:2" "$AUTO/task-$id.out" || fail "task $id did not resolve to shard $k/3: $(head -n 2 "$AUTO/task-$id.out" | tr '\n' ' ')"
done
"${CLI[@]}" merge "$AUTO/task-0" "$AUTO/task-2" "$AUTO/task-4" --out "$AUTO/merged" --no-charts >/dev/null 2>&1 || fail "merging the 0-4:2 shards failed"
same_tables "$AUTO/local" "$AUTO/merged" "pass 3"

RESULT="slurm test passed in $(($(date +%s) - T0)) s: Slurm ${SLURM_VERSION}; $EXPERIMENT ($RUNS runs) as $TASKS array tasks + merge equals a local sweep; task 2 cancelled at $DONE2 of $SHARE2 runs and resubmitted, task 1 requeued at $RESUMED1, both resumed, same tables; --shard auto on array 0-4:2 same tables; $TABLES_COMPARED tables, $ROWS_COMPARED csv rows compared"
STATUS=0
