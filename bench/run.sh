#!/usr/bin/env bash
# The performance budget of issue 2, measured on this machine (see docs/benchmarks.md).
#
#   bench/run.sh                 build (Release), then run every benchmark and print the results table
#   bench/run.sh --only a,d      run some: a restart, b demo first start, c working set, d ledger verification,
#                                e restart with a large synthetic organization (informative, no target)
#   bench/run.sh --no-build      use the binaries of the last run
#
# Environment: AIMS_BENCH_DIR (work folder, default /tmp/aims-bench), AIMS_BENCH_PORT (default 5290),
# AIMS_BENCH_RUNS (restarts for a, default 10), AIMS_BENCH_DEMO_RUNS (first starts for b, default 3),
# AIMS_BENCH_EVENTS (ledger size for d, default 1000000), AIMS_BENCH_VERIFY_RUNS (runs of d, default 5),
# AIMS_BENCH_PEOPLE / AIMS_BENCH_TOKENS (organization for e, default 5000 / 1000), AIMS_BENCH_SERVER_ENV (NAME=VALUE
# words set for `aims serve` only, to try a runtime setting, e.g. "DOTNET_gcServer=0"), AIMS_BENCH_AIMS (another `aims` to
# measure, e.g. a ReadyToRun publish; the default is the Release publish made here).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${AIMS_BENCH_DIR:-/tmp/aims-bench}
PORT=${AIMS_BENCH_PORT:-5290}
RUNS=${AIMS_BENCH_RUNS:-10}
DEMO_RUNS=${AIMS_BENCH_DEMO_RUNS:-3}
EVENTS=${AIMS_BENCH_EVENTS:-1000000}
VERIFY_RUNS=${AIMS_BENCH_VERIFY_RUNS:-5}
PEOPLE=${AIMS_BENCH_PEOPLE:-5000}
TOKENS=${AIMS_BENCH_TOKENS:-1000}
ONLY=a,b,c,d,e
BUILD=1
while [[ $# -gt 0 ]]; do
    case $1 in
        --only) ONLY=$2; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done
wants() { [[ ",$ONLY," == *",$1,"* ]]; }

PUB=$WORK/publish
AIMS=${AIMS_BENCH_AIMS:-$PUB/aims}
BENCH=$ROOT/bench/Aims.Bench/bin/Release/net10.0/Aims.Bench
URL=http://127.0.0.1:$PORT
mkdir -p "$WORK"
RESULTS=()   # "id|what|target|measured|PASS/FAIL/info"
SERVER_PID=

cleanup() {
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
}
trap cleanup EXIT

now_ns() { date +%s%N; }
ms_since() { echo $(( ($(now_ns) - $1) / 1000000 )); }
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%d\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
record() { RESULTS+=("$1|$2|$3|$4|$5"); }
verdict() { if awk "BEGIN { exit !($1) }"; then echo PASS; else echo FAIL; fi; }

# Starts `aims serve` with the given arguments and waits for the first 200 of /health/ready, polling every 10 ms.
# Sets READY_MS (milliseconds from the process start); leaves the server running as $SERVER_PID, its output in $WORK/server.log.
start_until_ready() {
    if curl -s -o /dev/null --max-time 1 "$URL/health/live"; then
        echo "port $PORT is already in use; set AIMS_BENCH_PORT" >&2
        exit 1
    fi
    local t0
    t0=$(now_ns)
    # shellcheck disable=SC2086 # AIMS_BENCH_SERVER_ENV is a list of NAME=VALUE words, e.g. "DOTNET_gcServer=0"
    env ${AIMS_BENCH_SERVER_ENV:-} "$AIMS" serve --urls "$URL" "$@" > "$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    until curl -s -o /dev/null --max-time 2 -w '%{http_code}' "$URL/health/ready" 2>/dev/null | grep -q '^200$'; do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "aims serve exited before it was ready; its output:" >&2
            cat "$WORK/server.log" >&2
            exit 1
        fi
        if (( $(ms_since "$t0") > 120000 )); then
            echo "aims serve not ready after 120 s" >&2
            exit 1
        fi
        sleep 0.01
    done
    READY_MS=$(ms_since "$t0")
}

stop_server() {
    if [[ -n $SERVER_PID ]]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=
    fi
}

echo "== Machine"
CPU_MODEL=$(lscpu | awk -F: '/^Model name/ { gsub(/^[ \t]+/, "", $2); print $2; exit }')
CORES=$(nproc)
RAM_GB=$(awk '/^MemTotal:/ { printf "%.0f", $2 / 1024 / 1024 }' /proc/meminfo)
OS=$( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || uname -s)
echo "CPU:     $CPU_MODEL, $CORES cores ($(lscpu | awk -F: '/^Flags/ { print ($2 ~ / sha_ni /) ? "SHA extensions" : "no SHA extensions" }'))"
echo "RAM:     $RAM_GB GB"
echo "OS:      $OS, kernel $(uname -r)"
echo ".NET:    SDK $(dotnet --version)"
echo "OpenSSL: $(openssl version)"
echo "Load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at $(date -u +%Y-%m-%dT%H:%MZ)"
if awk "BEGIN { exit !($(cut -d' ' -f1 /proc/loadavg) > $CORES) }"; then
    echo "WARNING: the machine is busy (load above the number of cores): times below include waiting for a CPU."
fi

if (( BUILD )); then
    echo "== Build (Release)"
    dotnet publish "$ROOT/src/Aims.Cli" -c Release -o "$PUB" -nologo > "$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
    dotnet build "$ROOT/bench/Aims.Bench" -c Release -nologo >> "$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
    echo "published $PUB/aims and built bench/Aims.Bench"
fi
[[ -x $AIMS ]] || { echo "no $AIMS: run without --no-build" >&2; exit 1; }

# ---------------------------------------------------------------- a: restart on an existing data folder
if wants a; then
    echo "== a. aims serve restarted on an existing SQLite data folder: time to the first 200 of /health/ready"
    DATA=$WORK/restart-data
    rm -rf "$DATA"
    start_until_ready --data "$DATA"; warm=$READY_MS
    stop_server
    echo "warm-up start (creates and migrates the folder): $warm ms"
    times=()
    for i in $(seq 1 "$RUNS"); do
        start_until_ready --data "$DATA"; t=$READY_MS
        stop_server
        times+=("$t")
        echo "run $i: $t ms"
    done
    med=$(printf '%s\n' "${times[@]}" | median)
    echo "median of $RUNS: $med ms (all: ${times[*]})"
    record a "restart on existing SQLite folder, median of $RUNS" "< 1500 ms" "$med ms" "$(verdict "$med < 1500")"
fi

# ---------------------------------------------------------------- b, c: first start with --demo, working set
if wants b || wants c; then
    echo "== b. first start with --demo on an empty folder: time to ready"
    times=()
    for i in $(seq 1 "$DEMO_RUNS"); do
        DATA=$WORK/demo-data
        rm -rf "$DATA"
        start_until_ready --data "$DATA" --demo; t=$READY_MS
        times+=("$t")
        echo "run $i: $t ms"
        if (( i < DEMO_RUNS )); then stop_server; fi
    done
    med=$(printf '%s\n' "${times[@]}" | median)
    echo "median of $DEMO_RUNS: $med ms (all: ${times[*]})"
    if wants b; then
        record b "first start with --demo, empty folder, median of $DEMO_RUNS" "< 15000 ms" "$med ms" "$(verdict "$med < 15000")"
    fi

    if wants c; then
        echo "== c. working set of the server with the demo organization (VmRSS)"
        ready_kb=$(rss_kb "$SERVER_PID")
        echo "after ready: $((ready_kb / 1024)) MB"
        password=$(sed -n 's/.*password: \([^ ]*\).*/\1/p' "$WORK/server.log" | head -1)
        token=$("$AIMS" token create --data "$DATA" --org demo --email admin@example.org --scope read --name bench 2>/dev/null | tail -1)
        jar=$WORK/cookies.txt
        rm -f "$jar"
        # Posts a page's form as a browser does: the antiforgery token from the form, the cookies in the jar.
        post_form() {
            local path=$1 handler=$2 af
            shift 2
            af=$(curl -s -c "$jar" -b "$jar" "$URL$path" | sed -n 's/.*name="__RequestVerificationToken" value="\([^"]*\)".*/\1/p' | head -1)
            [[ -n $af ]] || return 1
            local args=(--data-urlencode "_handler=$handler" --data-urlencode "__RequestVerificationToken=$af")
            for field in "$@"; do args+=(--data-urlencode "$field"); done
            curl -s -o /dev/null -c "$jar" -b "$jar" "${args[@]}" "$URL$path"
        }
        signed_in=no
        if [[ -n $password ]] && post_form /login login "Input.Email=admin@example.org" "Input.Password=$password"; then
            # A generated password must be replaced at the first sign-in.
            if [[ $(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$URL/admin/people") != 200 ]]; then
                post_form /account/password change-password "Input.Current=$password" "Input.New=Bench-Passw0rd-2026" "Input.Confirm=Bench-Passw0rd-2026" || true
            fi
            [[ $(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$URL/admin/people") == 200 ]] && signed_in=yes
        fi
        echo "signed in through the login page: $signed_in; API token: $([[ -n $token ]] && echo yes || echo no)"
        pages=(/ /catalog /catalog/iso42001 /catalog/iso42001/A.6.2.8 /ledger /admin/people /tokens /login)
        apis=(/api/v1/me /api/v1/catalog/frameworks /api/v1/catalog/frameworks/iso42001/requirements /api/v1/people /api/v1/ledger /api/v1/tokens /openapi/v1.json /api/v1/public/status)
        codes=$WORK/codes.txt
        : > "$codes"
        n=0
        while (( n < 200 )); do
            for p in "${pages[@]}"; do
                (( n < 200 )) || break
                curl -s -o /dev/null -w '%{http_code}\n' -b "$jar" "$URL$p" >> "$codes"; n=$((n + 1))
            done
            for p in "${apis[@]}"; do
                (( n < 200 )) || break
                curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $token" "$URL$p" >> "$codes"; n=$((n + 1))
            done
        done
        after_kb=$(rss_kb "$SERVER_PID")
        peak_kb=$(hwm_kb "$SERVER_PID")
        echo "responses: $(sort "$codes" | uniq -c | awk '{ printf "%s x%s  ", $2, $1 }')"
        echo "after 200 requests: $((after_kb / 1024)) MB (peak VmHWM $((peak_kb / 1024)) MB)"
        record c1 "working set after ready, demo organization" "< 200 MB" "$((ready_kb / 1024)) MB" "$(verdict "$ready_kb < 200 * 1024")"
        record c2 "working set after 200 page/API requests" "< 200 MB" "$((after_kb / 1024)) MB" "$(verdict "$after_kb < 200 * 1024")"
    fi
    stop_server
fi

# ---------------------------------------------------------------- d: ledger verification vs openssl
if wants d; then
    echo "== d. ledger verification of $EVENTS events: aims verify --file vs openssl dgst -sha256, same file, same run"
    LEDGER=$WORK/ledger-$EVENTS.jsonl
    if [[ ! -s $LEDGER || $ROOT/bench/Aims.Bench/LedgerGenerator.cs -nt $LEDGER ]]; then
        "$BENCH" generate-ledger --events "$EVENTS" --out "$LEDGER"
    fi
    bytes=$(stat -c %s "$LEDGER")
    cat "$LEDGER" > /dev/null   # into the page cache: both tools read it from memory
    "$AIMS" verify --file "$LEDGER"
    ossl=(); aims=()
    for i in $(seq 1 "$VERIFY_RUNS"); do
        t0=$(now_ns); openssl dgst -sha256 "$LEDGER" > /dev/null; ossl+=($(( ($(now_ns) - t0) / 1000000 )))
        t0=$(now_ns); "$AIMS" verify --file "$LEDGER" > /dev/null; aims+=($(( ($(now_ns) - t0) / 1000000 )))
        echo "run $i: openssl ${ossl[-1]} ms, aims ${aims[-1]} ms"
    done
    om=$(printf '%s\n' "${ossl[@]}" | median)
    am=$(printf '%s\n' "${aims[@]}" | median)
    ospeed=$(awk "BEGIN { printf \"%.0f\", $bytes / ($om / 1000) / 1e6 }")
    aspeed=$(awk "BEGIN { printf \"%.0f\", $bytes / ($am / 1000) / 1e6 }")
    ratio=$(awk "BEGIN { printf \"%.2f\", $aspeed / $ospeed }")
    echo "file: $bytes bytes; medians of $VERIFY_RUNS: openssl $om ms ($ospeed MB/s), aims verify $am ms ($aspeed MB/s, $(awk "BEGIN { printf \"%.0f\", $EVENTS / ($am / 1000) }") events/s); aims/openssl = $ratio"
    record d "verify $EVENTS events: aims speed / openssl speed" ">= 0.50" "$ratio ($aspeed vs $ospeed MB/s)" "$(verdict "$ratio >= 0.5")"
fi

# ---------------------------------------------------------------- e: restart with a large organization (informative)
if wants e; then
    echo "== e. restart with a large synthetic organization ($PEOPLE people, $TOKENS tokens): time to ready (informative)"
    DATA=$WORK/large-data
    if [[ ! -s $DATA/aims.db || ! -f $DATA/.generated-$PEOPLE-$TOKENS ]]; then
        rm -rf "$DATA"
        "$BENCH" generate-org --data "$DATA" --people "$PEOPLE" --tokens "$TOKENS"
        touch "$DATA/.generated-$PEOPLE-$TOKENS"
    fi
    start_until_ready --data "$DATA"; warm=$READY_MS
    stop_server
    times=()
    for i in $(seq 1 5); do
        start_until_ready --data "$DATA"; t=$READY_MS
        [[ $i == 5 ]] && large_kb=$(rss_kb "$SERVER_PID")
        stop_server
        times+=("$t")
    done
    med=$(printf '%s\n' "${times[@]}" | median)
    echo "warm-up $warm ms; restarts: ${times[*]} ms; median $med ms; working set after ready $((large_kb / 1024)) MB; database $(du -h "$DATA/aims.db" | cut -f1)"
    record e "restart with $PEOPLE people / $TOKENS tokens, median of 5" "(none)" "$med ms" info
fi

echo
echo "== Results ($(date -u +%Y-%m-%d), $CPU_MODEL, $CORES cores, load $(cut -d' ' -f1 /proc/loadavg))"
printf '%-3s  %-58s  %-9s  %-28s  %s\n' id benchmark target measured result
for r in "${RESULTS[@]}"; do
    IFS='|' read -r id what target measured result <<< "$r"
    printf '%-3s  %-58s  %-9s  %-28s  %s\n' "$id" "$what" "$target" "$measured" "$result"
done
