#!/usr/bin/env bash
# Aims — the single test command (README: ./scripts/test.sh; CI: .ci/run).
#
# Starts a throwaway PostgreSQL cluster on a free loopback port, exports
#   AIMS_TEST_POSTGRES  connection string for that cluster
#   AIMS_TEST_CHROMIUM  path to the headless browser
# runs `dotnet test` on the whole solution, then always stops the cluster and
# removes its temp dir. Extra arguments go to `dotnet test`, e.g.
#   ./scripts/test.sh --filter "FullyQualifiedName~Ingest"
# Exit code is the exit code of `dotnet test`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHROMIUM=/usr/bin/chromium
PACKAGES=(postgresql chromium fonts-liberation)
STARTED_AT=$SECONDS

log() { printf 'test.sh: %s\n' "$*" >&2; }
die() { local code=$1; shift; log "ERROR: $*"; exit "$code"; }

# --- prerequisites ------------------------------------------------------------

command -v dotnet >/dev/null 2>&1 \
  || die 2 "'dotnet' not found on PATH. Install the .NET SDK pinned in $ROOT/global.json."

find_pg_bin() {
  # Highest installed PostgreSQL major version that has initdb.
  local best='' d
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x $d/initdb && -x $d/pg_ctl ]] || continue
    best+="$d"$'\n'
  done
  [[ -n $best ]] || return 1
  printf '%s' "$best" | sort -V | tail -n 1
}

missing_prereqs() {
  local m=()
  [[ -x $CHROMIUM ]] || m+=("chromium ($CHROMIUM)")
  find_pg_bin >/dev/null || m+=("postgresql (/usr/lib/postgresql/*/bin/initdb)")
  printf '%s\n' "${m[@]+"${m[@]}"}"
}

MISSING="$(missing_prereqs)"
if [[ -n $MISSING ]]; then
  if [[ $EUID -eq 0 ]]; then
    log "missing: $(echo "$MISSING" | paste -sd, -) — installing ${PACKAGES[*]}"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${PACKAGES[@]}"
    # Debian's postgresql package creates and may start a default cluster;
    # tests use their own throwaway cluster, so do not leave that one running.
    if command -v pg_lsclusters >/dev/null 2>&1; then
      pg_lsclusters --no-header 2>/dev/null | while read -r ver name _port status _rest; do
        [[ $status == online* ]] && pg_ctlcluster "$ver" "$name" stop || true
      done
    fi
    MISSING="$(missing_prereqs)"
    [[ -z $MISSING ]] || die 2 "still missing after apt-get install: $(echo "$MISSING" | paste -sd, -)"
  else
    log "ERROR: missing system packages: $(echo "$MISSING" | paste -sd, -)"
    log "Install them (as root) with:"
    log "  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${PACKAGES[*]}"
    exit 2
  fi
fi

PG_BIN="$(find_pg_bin)"

# --- throwaway PostgreSQL cluster ----------------------------------------------

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() {
  local span=40001 start p i
  start=$(( (RANDOM * 32768 + RANDOM) % span ))
  for (( i = 0; i < span; i++ )); do
    p=$(( 20000 + (start + i) % span ))
    port_busy "$p" || { echo "$p"; return 0; }
  done
  return 1
}

# Run a PostgreSQL tool as the cluster owner: initdb refuses to run as root.
as_pg() {
  if [[ $EUID -eq 0 ]]; then
    (cd "$PGTMP" && runuser -u postgres -- "$@")
  else
    (cd "$PGTMP" && "$@")
  fi
}

# True while process group $1 has a member that is not a zombie. (`kill -0 -PGID`
# also counts zombies, e.g. our own not-yet-reaped child while in a trap.)
group_alive() {
  local f st rest
  for f in /proc/[0-9]*/stat; do
    { st=$(<"$f"); } 2>/dev/null || continue
    rest=${st##*) }                    # "state ppid pgrp ..." (comm may hold spaces)
    read -r st _ rest <<<"$rest"
    [[ ${rest%% *} == "$1" && $st != Z ]] && return 0
  done
  return 1
}

PGTMP=''
CHILD=''
PG_STARTED=0

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  set +e
  if [[ -n $CHILD ]]; then
    # Interrupted: stop the whole test process group (dotnet, testhost, MSBuild
    # nodes, browsers), give it a grace period, then force it.
    kill -TERM -- "-$CHILD" 2>/dev/null
    local i
    for (( i = 0; i < 100; i++ )); do
      group_alive "$CHILD" || break
      sleep 0.1
    done
    kill -KILL -- "-$CHILD" 2>/dev/null
    wait "$CHILD" 2>/dev/null
  fi
  if [[ -n $PGTMP && -d $PGTMP ]]; then
    if [[ $PG_STARTED -eq 1 ]]; then
      as_pg "$PG_BIN/pg_ctl" -D "$PGTMP/data" -m immediate -w stop >/dev/null 2>&1 \
        || log "warning: pg_ctl stop failed (cluster may already be down)"
    fi
    rm -rf -- "$PGTMP"
  fi
  local secs=$(( SECONDS - STARTED_AT ))
  local verdict=PASSED
  [[ $rc -eq 0 ]] || verdict="FAILED (exit $rc)"
  printf 'test.sh: %s in %dm%02ds\n' "$verdict" $(( secs / 60 )) $(( secs % 60 )) >&2
  exit "$rc"
}
on_signal() { exit "$1"; }
trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM
trap 'on_signal 129' HUP

PGTMP="$(mktemp -d "${TMPDIR:-/tmp}/aims-test.XXXXXX")"
chmod 700 "$PGTMP"
[[ $EUID -eq 0 ]] && chown postgres:postgres "$PGTMP"

as_pg "$PG_BIN/initdb" -D "$PGTMP/data" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 \
  >"$PGTMP/initdb.log" 2>&1 \
  || { cat "$PGTMP/initdb.log" >&2; die 1 "initdb failed"; }

PORT=''
for attempt in 1 2 3; do
  PORT="$(pick_port)" || die 1 "no free TCP port on 127.0.0.1 in 20000-60000"
  if as_pg "$PG_BIN/pg_ctl" -D "$PGTMP/data" \
       -o "-p $PORT -k $PGTMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
       -l "$PGTMP/log" -w start >/dev/null; then
    PG_STARTED=1
    break
  fi
  log "PostgreSQL did not start on port $PORT (attempt $attempt); server log:"
  tail -n 20 "$PGTMP/log" >&2 || true
done
[[ $PG_STARTED -eq 1 ]] || die 1 "could not start throwaway PostgreSQL cluster"
log "PostgreSQL $("$PG_BIN/postgres" -V | awk '{print $3}') on 127.0.0.1:$PORT (data: $PGTMP/data)"

export AIMS_TEST_POSTGRES="Host=127.0.0.1;Port=$PORT;Username=postgres;Password=postgres;Include Error Detail=true"
export AIMS_TEST_CHROMIUM="$CHROMIUM"
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"

# Repeats each failed test's name and message at the very end, where a CI log
# that keeps only its tail still shows them.
summarize_failures() {
  local trx
  while IFS= read -r trx; do
    awk '
      /<UnitTestResult / && /outcome="Failed"/ {
        match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); inres = 1; printed = 0
        print "test.sh: FAILED " name
      }
      inres && /<Message>/ { msg = 1 }
      inres && msg && printed < 12 { line = $0; gsub(/<\/?Message>/, "", line); gsub(/&lt;/, "<", line); gsub(/&gt;/, ">", line); gsub(/&quot;/, "\"", line); gsub(/&amp;/, "\\&", line); print "    " line; printed++ }
      inres && /<\/Message>/ { msg = 0 }
      /<\/UnitTestResult>/ { inres = 0; msg = 0 }
    ' "$trx" >&2
  done < <(find "$ROOT/artifacts/test-results" -name '*.trx' -newer "$1" 2>/dev/null)
}

# --- tests --------------------------------------------------------------------
# Run in the background and `wait` so that a TERM/INT sent to this script is
# handled at once (bash defers traps while a foreground child runs). `setsid`
# puts the run in its own process group (an async child is never a group
# leader, so setsid execs in place and $! is the group id); on interruption
# cleanup() signals that whole group before tearing the cluster down.
MARKER="$PGTMP/started"
touch "$MARKER"
set +e
setsid dotnet test "$ROOT/Aims.slnx" \
  --results-directory "$ROOT/artifacts/test-results" \
  --logger "trx" --logger "console;verbosity=normal" \
  "$@" <&0 &
CHILD=$!
wait "$CHILD"
RC=$?
CHILD=''
set -e
[[ $RC -eq 0 ]] || summarize_failures "$MARKER"
exit "$RC"
