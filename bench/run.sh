#!/usr/bin/env bash
# The performance budget, measured on this machine (see docs/benchmarks.md).
#
#   bench/run.sh                 build (Release), then run every benchmark and print the results table
#   bench/run.sh --only a,d      run some: a restart, b demo first start, c working set, d ledger verification,
#                                e restart with a large synthetic organization (informative, no target),
#                                f inventory list page and API: 2,000 AI systems against 20,
#                                g risk register and heat map (API and pages): 20,000 risks against 200,
#                                h SoA, readiness and assurance dashboard: 2,000 systems and 20,000 risks against 20 and 200
#                                i lifecycle ingestion through the HTTP batch API against a bare SQLite insert loop (and
#                                  PostgreSQL when AIMS_BENCH_POSTGRES is a connection string to an empty database)
#                                j memory while ingesting for AIMS_BENCH_INGEST_MINUTES (default 10; 3 for a smoke run)
#   bench/run.sh --no-build      use the binaries of the last run
#
# Environment: AIMS_BENCH_DIR (work folder, default /tmp/aims-bench), AIMS_BENCH_PORT (default 5290),
# AIMS_BENCH_RUNS (restarts for a, default 10), AIMS_BENCH_DEMO_RUNS (first starts for b, default 3),
# AIMS_BENCH_EVENTS (ledger size for d, default 1000000), AIMS_BENCH_VERIFY_RUNS (runs of d, default 5),
# AIMS_BENCH_PEOPLE / AIMS_BENCH_TOKENS (organization for e, default 5000 / 1000), AIMS_BENCH_SERVER_ENV (NAME=VALUE
# words set for `aims serve` only, to try a runtime setting, e.g. "DOTNET_gcServer=0"), AIMS_BENCH_AIMS (another `aims` to
# measure, e.g. a ReadyToRun publish; the default is the Release publish made here), AIMS_BENCH_LIST_REQUESTS (timed
# requests per URL and size for f and g, default 40), AIMS_BENCH_ASSURANCE_REQUESTS (for h, default 1000).
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
LIST_REQUESTS=${AIMS_BENCH_LIST_REQUESTS:-40}
ONLY=a,b,c,d,e,f,g,h,i
BUILD=1
while [[ $# -gt 0 ]]; do
    case $1 in
        --only) ONLY=$2; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
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
    "$AIMS" verify --file "$LEDGER" --key "$LEDGER.pem"
    ossl=(); aims=()
    for i in $(seq 1 "$VERIFY_RUNS"); do
        t0=$(now_ns); openssl dgst -sha256 "$LEDGER" > /dev/null; ossl+=($(( ($(now_ns) - t0) / 1000000 )))
        t0=$(now_ns); "$AIMS" verify --file "$LEDGER" --key "$LEDGER.pem" > /dev/null; aims+=($(( ($(now_ns) - t0) / 1000000 )))
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

# Signs a cookie jar in through a page form (the antiforgery token read from the page first).
list_post_form() {
    local jar=$1 path=$2 handler=$3 af
    shift 3
    af=$(curl -s -c "$jar" -b "$jar" "$URL$path" | sed -n 's/.*name="__RequestVerificationToken" value="\([^"]*\)".*/\1/p' | head -1)
    [[ -n $af ]] || return 1
    local args=(--data-urlencode "_handler=$handler" --data-urlencode "__RequestVerificationToken=$af")
    for field in "$@"; do args+=(--data-urlencode "$field"); done
    curl -s -o /dev/null -c "$jar" -b "$jar" "${args[@]}" "$URL$path"
}
# Times one URL: 5 warm-up requests, then LIST_REQUESTS timed ones; prints the median in microseconds.
time_url() {
    local i codes=()
    for i in 1 2 3 4 5; do curl -s -o /dev/null "$@"; done
    for ((i = 0; i < LIST_REQUESTS; i++)); do
        curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$@"
    done > "$WORK/list-times.txt"
    if grep -qv '^200 ' "$WORK/list-times.txt"; then
        echo "non-200 answers: $(cut -d' ' -f1 "$WORK/list-times.txt" | sort | uniq -c | tr '\n' ' ')" >&2
    fi
    awk '{ printf "%d\n", $2 * 1000000 }' "$WORK/list-times.txt" | median
}

# Generators of large organizations (sections f, g, h).
# An inventory of n systems, each with a use case, for `aims inventory import`.
inventory() {
    local n=$1 i
    printf '{"format":"aims-inventory","version":1,"ai-systems":['
    for ((i = 1; i <= n; i++)); do
        (( i > 1 )) && printf ','
        printf '{"reference":"SYS-%d","name":"System %d","owner":"owner%d@list.example","businessUnit":"Unit %d","stage":"deployment","sourcing":"in-house","autonomy":"recommendation","oversight":"human-in-the-loop","operatorRoles":["provider"]}' "$i" "$i" $((i % 40)) $((i % 12))
    done
    printf '],"use-cases":['
    for ((i = 1; i <= n; i++)); do
        (( i > 1 )) && printf ','
        printf '{"reference":"UC-%d","aiSystem":"SYS-%d","name":"Use %d","affectedPersons":"applicants"}' "$i" "$i" "$i"
    done
    printf ']}\n'
}
# n risks over all dimensions, each treated with two Annex A controls, for `aims risks import --entity risks`.
risks_csv() {
    local n=$1 i
    local dims=(technical-performance data-quality ethical-fairness societal-impact third-party-supply-chain explainability security privacy legal-regulatory)
    local treat=(modify avoid share retain)
    printf 'reference,title,dimension,owner,inherentLikelihood,inherentImpact,treatment,annexAControls,residualLikelihood,residualImpact,nextReviewOn\r\n'
    for ((i = 1; i <= n; i++)); do
        printf 'RISK-%d,Risk %d,%s,owner%d@risk.example,%d,%d,%s,"A.6.2.4, A.7.4",%d,%d,2027-%02d-15\r\n' "$i" "$i" "${dims[i % 9]}" $((i % 30)) $((i % 5 + 1)) $(((i / 5) % 5 + 1)) "${treat[i % 4]}" $((i % 3 + 1)) $(((i / 3) % 4 + 1)) $((i % 12 + 1))
    done
}

# ---------------------------------------------------------------- f: inventory list page and API, 2,000 systems vs 20
if wants f; then
    echo "== f. GET /inventory/ai-systems (signed in) and /api/v1/ai-systems (token): 2,000 AI systems against 20, median of $LIST_REQUESTS"
    DATA=$WORK/list-data
    if [[ ! -f $DATA/.generated ]]; then
        rm -rf "$DATA"
        for n in 20 2000; do
            "$AIMS" org create --data "$DATA" --slug "list$n" --name "List $n" --admin-email "admin$n@list.example" > "$WORK/list$n.password" 2>/dev/null
            inventory "$n" > "$WORK/list$n.json"
            "$AIMS" inventory import --data "$DATA" --org "list$n" "$WORK/list$n.json" > /dev/null
        done
        touch "$DATA/.generated"
    fi
    start_until_ready --data "$DATA"
    declare -A page_us api_us api20_us jars tokens
    for n in 20 2000; do
        jar=$WORK/list$n.cookies
        rm -f "$jar"
        first=$(tail -1 "$WORK/list$n.password")
        list_post_form "$jar" /login login "Input.Email=admin$n@list.example" "Input.Password=$first" || true
        if [[ $(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$URL/inventory/ai-systems") != 200 ]]; then
            list_post_form "$jar" /account/password change-password "Input.Current=$first" "Input.New=Bench-Passw0rd-2026" "Input.Confirm=Bench-Passw0rd-2026" || true
        fi
        if [[ $(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$URL/inventory/ai-systems") != 200 ]]; then
            rm -f "$jar"
            list_post_form "$jar" /login login "Input.Email=admin$n@list.example" "Input.Password=Bench-Passw0rd-2026" || true
        fi
        jars[$n]=$jar
        tokens[$n]=$("$AIMS" token create --data "$DATA" --org "list$n" --email "admin$n@list.example" --scope read --name "bench-$(date +%s%N)" 2>/dev/null | tail -1)
        shown=$(curl -s -b "$jar" "$URL/inventory/ai-systems" | grep -o 'SYS-[0-9]*' | sort -u | wc -l)
        total=$(curl -s -H "Authorization: Bearer ${tokens[$n]}" "$URL/api/v1/ai-systems" | grep -o '"total": *[0-9]*' | head -1)
        echo "list$n: page shows $shown references; API $total"
    done
    # Rounds alternate the sizes, so neither pays the warm-up or a burst of machine load alone; the median of the
    # rounds' medians is reported.
    declare -A rounds_page rounds_api rounds_api20
    for round in 1 2 3; do
        for n in 2000 20; do
            rounds_page[$n]+="$(time_url -b "${jars[$n]}" "$URL/inventory/ai-systems") "
            rounds_api[$n]+="$(time_url -H "Authorization: Bearer ${tokens[$n]}" "$URL/api/v1/ai-systems") "
            rounds_api20[$n]+="$(time_url -H "Authorization: Bearer ${tokens[$n]}" "$URL/api/v1/ai-systems?pageSize=20") "
        done
    done
    for n in 20 2000; do
        page_us[$n]=$(tr ' ' '\n' <<< "${rounds_page[$n]}" | grep . | median)
        api_us[$n]=$(tr ' ' '\n' <<< "${rounds_api[$n]}" | grep . | median)
        api20_us[$n]=$(tr ' ' '\n' <<< "${rounds_api20[$n]}" | grep . | median)
        echo "list$n: page median ${page_us[$n]} us (rounds ${rounds_page[$n]}), API ${api_us[$n]} us (rounds ${rounds_api[$n]}), API pageSize=20 ${api20_us[$n]} us"
    done
    stop_server
    pr=$(awk "BEGIN { printf \"%.2f\", ${page_us[2000]} / ${page_us[20]} }")
    ar=$(awk "BEGIN { printf \"%.2f\", ${api_us[2000]} / ${api_us[20]} }")
    echo "page 2000/20 = $pr; API 2000/20 = $ar"
    record f1 "GET /inventory/ai-systems, 2,000 vs 20 systems, median of $LIST_REQUESTS" "<= 1.2x" "$pr ($(awk "BEGIN { printf \"%.1f vs %.1f ms\", ${page_us[2000]} / 1000, ${page_us[20]} / 1000 }"))" "$(verdict "$pr <= 1.2")"
    record f2 "GET /api/v1/ai-systems, 2,000 vs 20 systems, median of $LIST_REQUESTS" "<= 1.2x" "$ar ($(awk "BEGIN { printf \"%.1f vs %.1f ms\", ${api_us[2000]} / 1000, ${api_us[20]} / 1000 }"))" "$(verdict "$ar <= 1.2")"
    a20=$(awk "BEGIN { printf \"%.2f\", ${api20_us[2000]} / ${api20_us[20]} }")
    record f3 "GET /api/v1/ai-systems?pageSize=20 (same answer size), 2,000 vs 20" "info" "$a20 ($(awk "BEGIN { printf \"%.1f vs %.1f ms\", ${api20_us[2000]} / 1000, ${api20_us[20]} / 1000 }"))" "info"
fi

# ---------------------------------------------------------------- g: risk register and heat map, 20,000 risks vs 200
if wants g; then
    echo "== g. GET /api/v1/risks, /api/v1/risks/heat-map, /risk/risks and /risk/heat-map: 20,000 risks against 200, median of $LIST_REQUESTS"
    DATA=$WORK/risk-data
    if [[ ! -f $DATA/.generated ]]; then
        rm -rf "$DATA"
        for n in 200 20000; do
            "$AIMS" org create --data "$DATA" --slug "risk$n" --name "Risk $n" --admin-email "admin$n@risk.example" > "$WORK/risk$n.password" 2>/dev/null
            risks_csv "$n" > "$WORK/risks$n.csv"
            "$AIMS" risks import --data "$DATA" --org "risk$n" --entity risks "$WORK/risks$n.csv" > /dev/null
        done
        touch "$DATA/.generated"
    fi
    start_until_ready --data "$DATA"
    declare -A rjars rtokens rr_list rr_heat rr_page rr_hpage
    for n in 200 20000; do
        jar=$WORK/risk$n.cookies
        rm -f "$jar"
        first=$(tail -1 "$WORK/risk$n.password")
        list_post_form "$jar" /login login "Input.Email=admin$n@risk.example" "Input.Password=$first" || true
        list_post_form "$jar" /account/password change-password "Input.Current=$first" "Input.New=Bench-Passw0rd-2026" "Input.Confirm=Bench-Passw0rd-2026" || true
        if [[ $(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$URL/risk/risks") != 200 ]]; then
            rm -f "$jar"
            list_post_form "$jar" /login login "Input.Email=admin$n@risk.example" "Input.Password=Bench-Passw0rd-2026" || true
        fi
        rjars[$n]=$jar
        rtokens[$n]=$("$AIMS" token create --data "$DATA" --org "risk$n" --email "admin$n@risk.example" --scope read --name "bench-$(date +%s%N)" 2>/dev/null | tail -1)
        echo "risk$n: API $(curl -s -H "Authorization: Bearer ${rtokens[$n]}" "$URL/api/v1/risks?pageSize=1" | grep -o '"total": *[0-9]*' | head -1); page $(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$URL/risk/heat-map")"
    done
    for round in 1 2 3; do
        for n in 20000 200; do
            rr_list[$n]+="$(time_url -H "Authorization: Bearer ${rtokens[$n]}" "$URL/api/v1/risks") "
            rr_heat[$n]+="$(time_url -H "Authorization: Bearer ${rtokens[$n]}" "$URL/api/v1/risks/heat-map?kind=residual") "
            rr_page[$n]+="$(time_url -b "${rjars[$n]}" "$URL/risk/risks") "
            rr_hpage[$n]+="$(time_url -b "${rjars[$n]}" "$URL/risk/heat-map") "
        done
    done
    stop_server
    gid=0
    for what in list heat page hpage; do
        declare -n rounds=rr_$what
        small=$(tr ' ' '\n' <<< "${rounds[200]}" | grep . | median)
        large=$(tr ' ' '\n' <<< "${rounds[20000]}" | grep . | median)
        label=$(case $what in list) echo "GET /api/v1/risks";; heat) echo "GET /api/v1/risks/heat-map?kind=residual";; page) echo "GET /risk/risks (signed in)";; hpage) echo "GET /risk/heat-map (signed in)";; esac)
        allowed=$(awk "BEGIN { a = $small * 1.2; b = $small + 5000; print (a > b ? a : b) }")
        gid=$((gid + 1))
        echo "$label: 200 risks ${small} us (rounds ${rounds[200]}), 20,000 risks ${large} us (rounds ${rounds[20000]})"
        record "g$gid" "$label, 20,000 vs 200 risks" "<= max(1.2x, +5 ms)" "$(awk "BEGIN { printf \"%.1f vs %.1f ms\", $large / 1000, $small / 1000 }")" "$(verdict "$large <= $allowed")"
        unset -n rounds
    done
fi

# ---------------------------------------------------------------- h: SoA, readiness and dashboard, 2,000 systems and 20,000 risks vs 20 and 200
if wants h; then
    ASSURANCE_REQUESTS=${AIMS_BENCH_ASSURANCE_REQUESTS:-1000}
    echo "== h. GET /api/v1/soa, /api/v1/readiness, /assurance and /assurance/soa: 2,000 systems and 20,000 risks against 20 and 200, median of $ASSURANCE_REQUESTS"
    DATA=$WORK/assurance-data
    # Both organizations get the same assessment (every requirement assessed) and the same SoA decisions, so the
    # answers differ only in the size of the inventory and the risk register behind them.
    assure() {
        local token=$1 ga req i=0 status
        local statuses=(compliant partially-compliant not-compliant compliant)
        ga=$(curl -s -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"title":"Bench","framework":"iso42001","status":"in-progress"}' "$URL/api/v1/assessments" | grep -o '"reference": *"GA-[0-9]*"' | grep -o 'GA-[0-9]*')
        for req in $(curl -s -H "Authorization: Bearer $token" "$URL/api/v1/assessments/$ga/results" | grep -o '"requirementId": *"[^"]*"' | cut -d'"' -f4); do
            status=${statuses[i % 4]}
            curl -s -o /dev/null -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
                -d "{\"status\":\"$status\",\"inPlace\":true,\"working\":true,\"documented\":true}" "$URL/api/v1/assessments/$ga/results/$req"
            i=$((i + 1))
        done
        i=0
        for req in $(curl -s -H "Authorization: Bearer $token" "$URL/api/v1/soa" | grep -o '"controlId": *"[^"]*"' | cut -d'"' -f4); do
            if (( i % 3 )); then
                curl -s -o /dev/null -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
                    -d '{"decision":"applicable","drivers":["policy"],"status":"implemented","procedure":"PRC-1","evidence":"REC-1","responsible":"owner1@risk.example"}' "$URL/api/v1/soa/$req"
            fi
            i=$((i + 1))
        done
    }
    if [[ ! -f $DATA/.generated ]]; then
        rm -rf "$DATA"
        for n in 20 2000; do
            "$AIMS" org create --data "$DATA" --slug "assure$n" --name "Assure $n" --admin-email "admin$n@assure.example" > "$WORK/assure$n.password" 2>/dev/null
            inventory "$n" > "$WORK/assure$n.json"
            "$AIMS" inventory import --data "$DATA" --org "assure$n" "$WORK/assure$n.json" > /dev/null
            risks_csv $((n * 10)) > "$WORK/assure-risks$n.csv"
            "$AIMS" risks import --data "$DATA" --org "assure$n" --entity risks "$WORK/assure-risks$n.csv" > /dev/null
        done
        start_until_ready --data "$DATA"
        for n in 20 2000; do
            assure "$("$AIMS" token create --data "$DATA" --org "assure$n" --email "admin$n@assure.example" --scope write --name "bench-setup" 2>/dev/null | tail -1)"
        done
        stop_server
        touch "$DATA/.generated"
    fi
    start_until_ready --data "$DATA"
    declare -A ajars atokens ah_soa ah_ready ah_page ah_soapage
    for n in 20 2000; do
        jar=$WORK/assure$n.cookies
        rm -f "$jar"
        first=$(tail -1 "$WORK/assure$n.password")
        list_post_form "$jar" /login login "Input.Email=admin$n@assure.example" "Input.Password=$first" || true
        list_post_form "$jar" /account/password change-password "Input.Current=$first" "Input.New=Bench-Passw0rd-2026" "Input.Confirm=Bench-Passw0rd-2026" || true
        if [[ $(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$URL/assurance") != 200 ]]; then
            rm -f "$jar"
            list_post_form "$jar" /login login "Input.Email=admin$n@assure.example" "Input.Password=Bench-Passw0rd-2026" || true
        fi
        ajars[$n]=$jar
        atokens[$n]=$("$AIMS" token create --data "$DATA" --org "assure$n" --email "admin$n@assure.example" --scope read --name "bench-$(date +%s%N)" 2>/dev/null | tail -1)
        echo "assure$n: $(curl -s -H "Authorization: Bearer ${atokens[$n]}" "$URL/api/v1/risks?pageSize=1" | grep -o '"total": *[0-9]*' | head -1) risks; readiness $(curl -s -H "Authorization: Bearer ${atokens[$n]}" "$URL/api/v1/readiness" | grep -o '"score": *[0-9]*' | head -1); dashboard $(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$URL/assurance")"
    done
    saved=$LIST_REQUESTS
    LIST_REQUESTS=$((ASSURANCE_REQUESTS / 2))
    for round in 1 2; do
        for n in 2000 20; do
            ah_soa[$n]+="$(time_url -H "Authorization: Bearer ${atokens[$n]}" "$URL/api/v1/soa") "
            ah_ready[$n]+="$(time_url -H "Authorization: Bearer ${atokens[$n]}" "$URL/api/v1/readiness") "
            ah_page[$n]+="$(time_url -b "${ajars[$n]}" "$URL/assurance") "
            ah_soapage[$n]+="$(time_url -b "${ajars[$n]}" "$URL/assurance/soa") "
        done
    done
    LIST_REQUESTS=$saved
    # Informative: the first read after a write, when the kept views are computed again (median of 20 write-then-read pairs).
    declare -A ah_miss
    for n in 2000 20; do
        wtoken=$("$AIMS" token create --data "$DATA" --org "assure$n" --email "admin$n@assure.example" --scope write --name "bench-w-$(date +%s%N)" 2>/dev/null | tail -1)
        for ((i = 0; i < 20; i++)); do
            curl -s -o /dev/null -H "Authorization: Bearer $wtoken" -H 'Content-Type: application/json' \
                -d "{\"title\":\"Bench write $i\",\"status\":\"not-started\",\"phase\":\"documentation\"}" "$URL/api/v1/actions"
            curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer ${atokens[$n]}" "$URL/api/v1/soa"
        done | awk '{ printf "%d\n", $1 * 1000000 }' | median > "$WORK/miss$n.txt"
        ah_miss[$n]=$(cat "$WORK/miss$n.txt")
    done
    echo "GET /api/v1/soa right after a write: 20 systems ${ah_miss[20]} us, 2,000 systems ${ah_miss[2000]} us"
    record h5 "GET /api/v1/soa right after a write (views computed again), 2,000 vs 20 systems" "info" "$(awk "BEGIN { printf \"%.1f vs %.1f ms\", ${ah_miss[2000]} / 1000, ${ah_miss[20]} / 1000 }")" "info"
    stop_server
    hid=0
    for what in soa ready page soapage; do
        declare -n rounds=ah_$what
        small=$(tr ' ' '\n' <<< "${rounds[20]}" | grep . | median)
        large=$(tr ' ' '\n' <<< "${rounds[2000]}" | grep . | median)
        label=$(case $what in soa) echo "GET /api/v1/soa";; ready) echo "GET /api/v1/readiness";; page) echo "GET /assurance (dashboard, signed in)";; soapage) echo "GET /assurance/soa (signed in)";; esac)
        allowed=$(awk "BEGIN { a = $small * 1.2; b = $small + 5000; print (a > b ? a : b) }")
        hid=$((hid + 1))
        echo "$label: 20 systems ${small} us (rounds ${rounds[20]}), 2,000 systems ${large} us (rounds ${rounds[2000]})"
        record "h$hid" "$label, 2,000 systems and 20,000 risks vs 20 and 200" "<= max(1.2x, +5 ms)" "$(awk "BEGIN { printf \"%.1f vs %.1f ms\", $large / 1000, $small / 1000 }")" "$(verdict "$large <= $allowed")"
        unset -n rounds
    done
fi

# ---------------------------------------------------------------- i, j: lifecycle ingestion rate and memory
ingest_setup() { # serve arguments (--data DIR or --database CS): starts the demo; sets token to an ingestion token for SYS-1
    start_until_ready "$@" --demo
    token=$("$AIMS" token create "$@" --org demo --email aims.lead@example.org --ingest SYS-1 --name "bench-$(date +%s%N)" 2>/dev/null | tail -1)
}
BENCH=$ROOT/bench/Aims.Bench/bin/Release/net10.0/Aims.Bench
INGEST_SECONDS=${AIMS_BENCH_INGEST_SECONDS:-30}
if wants i; then
    echo "== i. lifecycle ingestion: events/s through POST /api/v1/lifecycle-events vs a bare SQLite insert loop, $INGEST_SECONDS s"
    DATA=$WORK/ingest-data
    rm -rf "$DATA"
    ingest_setup --data "$DATA"
    "$BENCH" ingest-speed --url "$URL" --token "$token" --system SYS-1 --seconds "$INGEST_SECONDS" | tee "$WORK/ingest-sqlite.txt"
    stop_server
    ratio=$(grep -o 'ratio: [0-9.]*' "$WORK/ingest-sqlite.txt" | cut -d' ' -f2)
    rate=$(grep -o '= [0-9]* events/s' "$WORK/ingest-sqlite.txt" | grep -o '[0-9]*')
    record i1 "lifecycle ingestion (SQLite), vs bare insert loop" ">= 0.5x" "$rate ev/s = ${ratio}x" "$(verdict "$ratio >= 0.5")"
    if [[ -n ${AIMS_BENCH_POSTGRES:-} ]]; then
        ingest_setup --database "$AIMS_BENCH_POSTGRES"
        "$BENCH" ingest-speed --url "$URL" --token "$token" --system SYS-1 --seconds "$INGEST_SECONDS" | tee "$WORK/ingest-postgres.txt"
        stop_server
        rate=$(grep -o '= [0-9]* events/s' "$WORK/ingest-postgres.txt" | grep -o '[0-9]*')
        ratio=$(grep -o 'ratio: [0-9.]*' "$WORK/ingest-postgres.txt" | cut -d' ' -f2)
        record i2 "lifecycle ingestion (PostgreSQL), vs bare SQLite loop" "info" "$rate ev/s = ${ratio}x" "info"
    fi
fi
if wants j; then
    MINUTES=${AIMS_BENCH_INGEST_MINUTES:-10}
    echo "== j. resident memory of aims serve while ingesting for $MINUTES minutes (SQLite)"
    DATA=$WORK/ingest-memory-data
    rm -rf "$DATA"
    ingest_setup --data "$DATA"
    "$BENCH" ingest-speed --url "$URL" --token "$token" --system SYS-1 --seconds $((MINUTES * 60)) --concurrency 2 --pid "$SERVER_PID" | tee "$WORK/ingest-memory.txt"
    stop_server
    growth=$(grep -o 'rss growth from minute [0-9.]* to [0-9.]*: -*[0-9.]*%' "$WORK/ingest-memory.txt" | grep -o -- '-*[0-9.]*%$' | tr -d '%')
    record j1 "RSS growth while ingesting, minute 2 to $MINUTES" "< 10%" "${growth:-nan}%" "$(verdict "${growth:-100} < 10")"
fi

echo
echo "== Results ($(date -u +%Y-%m-%d), $CPU_MODEL, $CORES cores, load $(cut -d' ' -f1 /proc/loadavg))"
printf '%-3s  %-58s  %-9s  %-28s  %s\n' id benchmark target measured result
for r in "${RESULTS[@]}"; do
    IFS='|' read -r id what target measured result <<< "$r"
    printf '%-3s  %-58s  %-9s  %-28s  %s\n' "$id" "$what" "$target" "$measured" "$result"
done
