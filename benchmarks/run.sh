#!/usr/bin/env bash
# Throughput of Hangar's GameLift API against a bare-Undertow baseline measured in the same run, with wrk on
# loopback. Prints a markdown table (median of REPEATS rounds) and keeps every raw wrk output under OUT.
#
#   bash benchmarks/run.sh                      # from the repository root or anywhere else
#   REPEATS=2 DURATION=5s bash benchmarks/run.sh
#
# Knobs (environment): THREADS=2 CONNECTIONS=32 DURATION=10s WARMUP=5s REPEATS=3
#   JAVA_OPTS="-Xms1g -Xmx4g" (every server gets the same) OUT=benchmarks/target/bench-<timestamp>
#   OTHER_MAX=10 RETRIES=4: a measured run during which processes other than the servers and wrk used more than
#   OTHER_MAX % of the machine's CPU is measured again, at most RETRIES times in the whole run
# Default total: 3 rounds x 6 scenarios x (5 s warm-up + 10 s measured) = 4 min 30 s, plus start-up and retries.
# Servers, each its own JVM on a free port of 127.0.0.1: the bare-Undertow baseline; Hangar with SigV4 (DescribeBuild,
# ListBuilds); Hangar with --insecure-no-auth (DescribeBuild, to show what authentication costs); Hangar with SigV4
# for CreateBuild alone, since the builds it piles up slow its JVM's GC.
# Needs java, curl, python3 (standard library, to sign requests) and wrk (installed with apt-get if missing).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
JAR="$HERE/target/hangar-benchmarks.jar"
LUA="$HERE/wrk/awsjson.lua"
SIGN="$HERE/wrk/sign.py"
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
REPEATS=${REPEATS:-3}
OTHER_MAX=${OTHER_MAX:-10}
RETRIES=${RETRIES:-4}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx4g}
OUT=${OUT:-$HERE/target/bench-$(date -u +%Y%m%dT%H%M%SZ)}
JSON=application/x-amz-json-1.1
export BENCH_REGION=us-west-2
# The benchmark's API keys (AWS's documentation example pair): the Hangar node under test accepts these only.
export HANGAR_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
export HANGAR_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

log() { echo "# $*" >&2; }

# --- prerequisites: build only when the jar is missing; install wrk only when it is missing ---------------
if [[ ! -f "$JAR" ]]; then
  log "building (no $JAR yet)"
  (cd "$ROOT" && mvn -B -q package -DskipTests)
fi
if ! command -v wrk >/dev/null; then
  log "installing wrk"
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
for tool in curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done
mkdir -p "$OUT"
# Run from a copy: a build in the working tree during the run must not change the classes under the servers.
cp "$JAR" "$OUT/hangar-benchmarks.jar"
JAR="$OUT/hangar-benchmarks.jar"

# --- servers: all on free loopback ports (port 0), killed on any exit --------------------------------------
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_server <name> <variable> <main class> [args...]: starts it in this shell (so that the trap can kill
# it) on port 0, waits for its "listening on <url>" line and stores the url in <variable>.
start_server() {
  local name=$1 variable=$2 main=$3 logfile="$OUT/$1.log" pid url
  shift 3
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
  java $JAVA_OPTS -Xlog:gc:file="$OUT/$name-gc.log" -cp "$JAR" "$main" 0 "$@" >"$logfile" 2>&1 </dev/null &
  pid=$!
  PIDS+=("$pid")
  for _ in $(seq 150); do
    url=$(sed -n 's/^listening on //p' "$logfile")
    if [[ -n "$url" ]]; then
      log "$name: pid $pid on $url"
      printf -v "$variable" '%s' "$url"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  echo "$name did not start; its log ($logfile):" >&2
  cat "$logfile" >&2
  return 1
}

# Each node gets a data folder of its own under OUT (a node locks its folder), never ~/.hangar.
HANGAR_FLAGS=(--bind=127.0.0.1 --region="$BENCH_REGION")
start_server baseline BASELINE dev.hangar.benchmarks.BaselineServer
start_server hangar HANGAR dev.hangar.benchmarks.HangarServer "${HANGAR_FLAGS[@]}" --data-dir="$OUT/hangar-data" \
  --insecure-no-auth=false
start_server hangar-noauth NOAUTH dev.hangar.benchmarks.HangarServer "${HANGAR_FLAGS[@]}" --data-dir="$OUT/hangar-noauth-data" \
  --insecure-no-auth=true
# CreateBuild gets a node of its own: the hundreds of thousands of builds it leaves behind make every young GC of
# their JVM slower (30-150 ms pauses instead of 1-2 ms), which would hurt the scenarios measured after it.
start_server hangar-create CREATE dev.hangar.benchmarks.HangarServer "${HANGAR_FLAGS[@]}" --data-dir="$OUT/hangar-create-data" \
  --insecure-no-auth=false
CREATE_PID=${PIDS[3]}

# sign <url> <target> <body>: sets SIGNED_HOST, SIGNED_DATE, SIGNED_AUTH (a SigV4 signature, valid 15 min).
sign() {
  local lines
  lines=$(python3 "$SIGN" "$1" "$2" "$3")
  SIGNED_HOST=$(sed -n 1p <<<"$lines")
  SIGNED_DATE=$(sed -n 2p <<<"$lines")
  SIGNED_AUTH=$(sed -n 3p <<<"$lines")
}

# call <url> <operation> <body> [curl options]: one raw, signed AWS JSON 1.1 call; prints the reply body.
call() {
  local url=$1 target=GameLift.$2 body=$3
  shift 3
  sign "$url" "$target" "$body"
  curl -sS --max-time 30 "$@" -X POST "$url" -H "Content-Type: $JSON" -H "X-Amz-Target: $target" \
    -H "X-Amz-Date: $SIGNED_DATE" -H "Authorization: $SIGNED_AUTH" --data-binary "$body"
}

# create_builds <base url>: the build DescribeBuild reads (printed), plus 20 more so that ListBuilds
# {"Limit":10} returns a full page and a NextToken from the first round on.
create_builds() {
  local id
  id=$(call "$1/" CreateBuild '{"Name":"bench"}' | sed -n 's/.*"BuildId":"\(build-[^"]*\)".*/\1/p')
  [[ -n "$id" ]] || { echo "CreateBuild on $1 returned no BuildId:" >&2; call "$1/" CreateBuild '{"Name":"bench"}' -i >&2; exit 1; }
  for _ in $(seq 20); do call "$1/" CreateBuild '{"Name":"bench-seed"}' >/dev/null; done
  echo "$id"
}
BUILD_ID=$(create_builds "$HANGAR")
NOAUTH_BUILD_ID=$(create_builds "$NOAUTH")
log "builds $BUILD_ID and $NOAUTH_BUILD_ID (+20 seed builds each)"

DESCRIBE="{\"BuildId\":\"$BUILD_ID\"}"
# name | url | X-Amz-Target | body. The baseline gets the DescribeBuild request, signature included, so that
# it parses the same bytes as Hangar; the no-auth node gets the same signed request and ignores the signature.
SCENARIOS=(
  "baseline /async|$BASELINE/async|GameLift.DescribeBuild|$DESCRIBE"
  "baseline /blocking|$BASELINE/blocking|GameLift.DescribeBuild|$DESCRIBE"
  "Hangar DescribeBuild|$HANGAR/|GameLift.DescribeBuild|$DESCRIBE"
  "Hangar DescribeBuild, no auth|$NOAUTH/|GameLift.DescribeBuild|{\"BuildId\":\"$NOAUTH_BUILD_ID\"}"
  "Hangar ListBuilds|$HANGAR/|GameLift.ListBuilds|{\"Limit\":10}"
  "Hangar CreateBuild|$CREATE/|GameLift.CreateBuild|{\"Name\":\"bench\"}"
)

# Sanity: every scenario's request answers 200 before it is put under load, and Hangar refuses an unsigned one.
for s in "${SCENARIOS[@]}"; do
  IFS='|' read -r name url target body <<<"$s"
  code=$(call "$url" "${target#GameLift.}" "$body" -o /dev/null -w '%{http_code}') || code="no answer"
  [[ "$code" == 200 ]] || { echo "$name: $target $body answered HTTP $code" >&2; exit 1; }
done
code=$(curl -sS --max-time 30 -o /dev/null -w '%{http_code}' -X POST "$HANGAR/" -H "Content-Type: $JSON" \
  -H "X-Amz-Target: GameLift.DescribeBuild" --data-binary "$DESCRIBE")
[[ "$code" == 400 ]] || { echo "Hangar answered an unsigned DescribeBuild with HTTP $code, not 400" >&2; exit 1; }

# run_wrk <duration> <url> <target> <body> <output file>: one bounded wrk run (timeout is a second bound),
# replaying one signature made just before it.
run_wrk() {
  sign "$2" "$3" "$4"
  WRK_TARGET=$3 WRK_BODY=$4 WRK_HOST=$SIGNED_HOST WRK_AMZ_DATE=$SIGNED_DATE WRK_AUTHORIZATION=$SIGNED_AUTH timeout 1200 \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --latency -s "$LUA" "$2" >"$5" 2>&1
}

# CPU accounting, to tell a clean measurement from one that shared the cores with something else.
# cpu_sample <variable>: stores "<machine busy> <machine total> <servers> <this shell's children>", all in clock
# ticks; busy is user + nice + system time (interrupts, often loopback networking, and steal are left out).
# Call it directly, not in $(...): `times` must run in this shell to see the CPU time of its children.
TICKS=$(getconf CLK_TCK)
cpu_sample() {
  local servers=0 pid children
  for pid in "${PIDS[@]}"; do
    servers=$((servers + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  times >"$OUT/.times"   # in this shell: the second line is the CPU time of its finished children (wrk, curl)
  children=$(sed -n 2p "$OUT/.times" | awk -v hz="$TICKS" '{for (i = 1; i <= NF; i++) {f = $i; sub(/s$/, "", f); split(f, a, "m"); t += a[1] * 60 + a[2]} printf "%d", t * hz}')
  printf -v "$1" '%s %s %s' "$(awk '/^cpu / {print $2 + $3 + $4, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat)" \
    "$servers" "$children"
}
# other_cpu <sample before> <sample after>: % of the machine's CPU used by processes other than ours meanwhile.
other_cpu() {
  awk -v a="$1" -v b="$2" 'BEGIN {split(a, x); split(b, y); other = (y[1] - x[1]) - (y[3] - x[3]) - (y[4] - x[4]);
    if (other < 0) other = 0; printf "%.1f", 100 * other / (y[2] - x[2])}'
}

# field <RESULT line> <key>: the value of key=value in wrk's RESULT line.
field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }

JAVA_VERSION=$(java -version 2>&1 | sed -n 1p)
WRK_VERSION=$({ wrk -v 2>&1 || true; } | sed -n 1p | cut -d' ' -f1-2)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "machine: $(nproc) cores; $JAVA_VERSION; $WRK_VERSION; load average $LOAD_BEFORE"
log "wrk -t$THREADS -c$CONNECTIONS, warm-up $WARMUP then $DURATION measured per scenario, $REPEATS rounds; raw output in $OUT"

RESULTS="$OUT/results.tsv"
printf 'round\tscenario\trps\tp99_ms\tnon2xx\tsocket_errors\tother_cpu_pct\n' >"$RESULTS"
CREATED=1   # the sanity check's CreateBuild
for round in $(seq "$REPEATS"); do
  for i in "${!SCENARIOS[@]}"; do
    IFS='|' read -r name url target body <<<"${SCENARIOS[$i]}"
    slug="r$round-s$i"
    run_wrk "$WARMUP" "$url" "$target" "$body" "$OUT/$slug-warmup.txt"
    warm=$(grep '^RESULT' "$OUT/$slug-warmup.txt" || true)
    [[ -n "$warm" ]] || { echo "wrk printed no RESULT line:" >&2; cat "$OUT/$slug-warmup.txt" >&2; exit 1; }
    [[ "$url" == "$CREATE/" ]] && CREATED=$((CREATED + $(field "$warm" requests)))
    while true; do
      cpu_sample before
      run_wrk "$DURATION" "$url" "$target" "$body" "$OUT/$slug.txt"
      cpu_sample after
      other=$(other_cpu "$before" "$after")
      line=$(grep '^RESULT' "$OUT/$slug.txt" || true)
      [[ -n "$line" ]] || { echo "wrk printed no RESULT line:" >&2; cat "$OUT/$slug.txt" >&2; exit 1; }
      [[ "$url" == "$CREATE/" ]] && CREATED=$((CREATED + $(field "$line" requests)))
      if awk -v o="$other" -v m="$OTHER_MAX" 'BEGIN {exit !(o > m)}' && ((RETRIES > 0)); then
        RETRIES=$((RETRIES - 1))
        log "round $round  $name: other processes used $other % of the CPU; measuring again ($RETRIES retries left)"
        mv "$OUT/$slug.txt" "$OUT/$slug-discarded-$RETRIES.txt"
        continue
      fi
      break
    done
    errors=$(($(field "$line" connect) + $(field "$line" read) + $(field "$line" write) + $(field "$line" timeout)))
    non2xx=$(($(field "$line" non2xx) + $(field "$warm" non2xx)))
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$name" "$(field "$line" rps)" "$(field "$line" p99_ms)" \
      "$non2xx" "$errors" "$other" >>"$RESULTS"
    log "round $round  $(printf '%-30s' "$name") $(field "$line" rps) req/s  p99 $(field "$line" p99_ms) ms  non-2xx $non2xx  socket errors $errors  other CPU $other %"
  done
done

# --- report: medians over the rounds, ratio against the same run's baseline /async ------------------------
median() { sort -g | awk '{v[NR]=$1} END {if (NR % 2) print v[(NR+1)/2]; else printf "%.1f\n", (v[NR/2]+v[NR/2+1])/2}'; }
column_of() { awk -F'\t' -v n="$1" -v c="$2" 'NR > 1 && $2 == n {print $c}' "$RESULTS"; }
BASE_RPS=$(column_of "baseline /async" 3 | median)

echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores; $JAVA_VERSION; $WRK_VERSION; load average before $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION after a $WARMUP warm-up, per scenario, $REPEATS interleaved rounds; JAVA_OPTS=$JAVA_OPTS"
echo
echo "| scenario | requests/s (median of $REPEATS) | min - max | vs baseline /async | p99 latency (median) | non-2xx | socket errors | other CPU (max) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for s in "${SCENARIOS[@]}"; do
  IFS='|' read -r name _ <<<"$s"
  rps=$(column_of "$name" 3 | median)
  lo=$(column_of "$name" 3 | sort -g | sed -n 1p)
  hi=$(column_of "$name" 3 | sort -g | sed -n '$p')
  p99=$(column_of "$name" 4 | median)
  non2xx=$(column_of "$name" 5 | awk '{s+=$1} END {print s}')
  errors=$(column_of "$name" 6 | awk '{s+=$1} END {print s}')
  other=$(column_of "$name" 7 | sort -g | sed -n '$p')
  awk -v n="$name" -v r="$rps" -v lo="$lo" -v hi="$hi" -v b="$BASE_RPS" -v p="$p99" -v x="$non2xx" -v e="$errors" -v o="$other" \
    'BEGIN {printf "| %s | %.0f | %.0f - %.0f | %.2f | %.2f ms | %d | %d | %.1f %% |\n", n, r, lo, hi, r / b, p, x, e, o}'
done
echo
echo "non-2xx counts warm-up and measured runs; socket errors count measured runs. Other CPU: the share of the machine's"
echo "CPU that processes other than the servers and wrk used during a measured run (above $OTHER_MAX % the run was"
echo "measured again while retries lasted; $RETRIES retries were left)."
echo "The CreateBuild node holds $CREATED builds in memory after the run (it keeps every build it answered)."
if command -v jcmd >/dev/null; then
  # After a full GC, "used" is about what the builds and their credential leases keep alive.
  jcmd "$CREATE_PID" GC.run >/dev/null 2>&1 || true
  jcmd "$CREATE_PID" GC.heap_info 2>/dev/null | sed -n 's/^ *garbage-first heap *\([^[]*\) \[.*$/Its heap after a full GC: \1/p' || true
fi
echo "Raw wrk output, server logs and GC logs: $OUT"
