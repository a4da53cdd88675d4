#!/usr/bin/env bash
# RequestUploadCredentials in a loop against -Xmx256m nodes: calls/s and the heap after a full GC before and after
# CALLS calls (default 1,000,000), on --backend memory and --backend local, with the bare-Undertow baseline (/async)
# answering the same signed request in the same run. Upload leases are sealed into their session tokens, so the heap
# must not grow with the calls. Prints a markdown table; raw wrk output and GC logs under OUT.
#
#   bash benchmarks/leases.sh
#   CALLS=200000 bash benchmarks/leases.sh
#
# Knobs: CALLS=1000000 THREADS=2 CONNECTIONS=32 WARMUP=5s JAVA_OPTS="-Xmx256m -XX:+UseG1GC"
#   OUT=benchmarks/target/leases-<timestamp>
# wrk runs for a duration, not a count: each node is warmed up for WARMUP, its rate taken in 3 more seconds, and then
# measured for the time that rate needs for CALLS calls, plus 15 %; the table reports the calls actually made (at least CALLS, or the run fails).
# Needs java (with jcmd), curl, python3 and wrk (installed with apt-get if missing). Loopback only; each measured
# run is capped at 10 minutes.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SIGN="$HERE/wrk/sign.py"
CALLS=${CALLS:-1000000}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
WARMUP=${WARMUP:-5s}
JAVA_OPTS=${JAVA_OPTS:--Xmx256m -XX:+UseG1GC}
OUT=${OUT:-$HERE/target/leases-$(date -u +%Y%m%dT%H%M%SZ)}
JSON=application/x-amz-json-1.1
# shellcheck source=lib.sh
. "$HERE/lib.sh"
if ! command -v wrk >/dev/null; then
  log "installing wrk"
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
for tool in curl python3 jcmd; do
  command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done

# signed <url> <target> <body>: sets SIGNED_HOST, SIGNED_DATE, SIGNED_AUTH (valid 15 min).
signed() {
  local lines
  lines=$(python3 "$SIGN" "$1" "$2" "$3")
  SIGNED_HOST=$(sed -n 1p <<<"$lines")
  SIGNED_DATE=$(sed -n 2p <<<"$lines")
  SIGNED_AUTH=$(sed -n 3p <<<"$lines")
}

call() {
  signed "$1" "$2" "$3"
  curl -sS --max-time 30 -X POST "$1" -H "Content-Type: $JSON" -H "X-Amz-Target: $2" -H "X-Amz-Date: $SIGNED_DATE" \
    -H "Authorization: $SIGNED_AUTH" --data-binary "$3"
}

# heap_mb <pid>: used heap in MB after two full collections.
heap_mb() {
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.heap_info | sed -n 's/.*garbage-first heap *total [0-9]*K, used \([0-9]*\)K.*/\1/p' | awk '{printf "%.1f", $1 / 1024}'
}

# flood <file name> <label> <url> <pid> <body>: warm-up, heap, CALLS calls, heap; appends a row to ROWS, sets RPS.
ROWS=()
flood() {
  local name=$1 label=$2 url=$3 pid=$4 body=$5 before after result
  signed "$url" GameLift.RequestUploadCredentials "$body"
  export WRK_TARGET=GameLift.RequestUploadCredentials WRK_BODY="$body" \
    WRK_HOST="$SIGNED_HOST" WRK_AMZ_DATE="$SIGNED_DATE" WRK_AUTHORIZATION="$SIGNED_AUTH"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$HERE/wrk/awsjson.lua" "$url" >"$OUT/$name-warmup.txt"
  # The rate of a warm JVM, for the measured run's length (the warm-up's own rate includes the JIT's work).
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -s "$HERE/wrk/awsjson.lua" "$url" >"$OUT/$name-calibration.txt"
  local warm duration
  warm=$(sed -n 's/^RESULT.*rps=\([0-9.]*\).*/\1/p' "$OUT/$name-calibration.txt")
  [[ -n "$warm" ]] || { echo "$name: the calibration printed no RESULT:" >&2; cat "$OUT/$name-calibration.txt" >&2; exit 1; }
  duration=$(awk -v calls="$CALLS" -v rps="$warm" 'BEGIN {d = int(calls / rps * 1.15) + 1; print (d > 600 ? 600 : d)}')
  before=$(heap_mb "$pid")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${duration}s" -s "$HERE/wrk/awsjson.lua" "$url" >"$OUT/$name.txt"
  after=$(heap_mb "$pid")
  result=$(grep '^RESULT' "$OUT/$name.txt")
  local requests rps non2xx seconds
  requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$result")
  rps=$(sed 's/.*rps=\([0-9.]*\).*/\1/' <<<"$result")
  non2xx=$(sed 's/.*non2xx=\([0-9]*\).*/\1/' <<<"$result")
  seconds=$(sed 's/.*duration_us=\([0-9]*\).*/\1/' <<<"$result" | awk '{printf "%.1f", $1 / 1e6}')
  [[ "$non2xx" == 0 ]] || { echo "$name: $non2xx replies were not 2xx" >&2; cat "$OUT/$name.txt" >&2; exit 1; }
  (( requests >= CALLS )) || { echo "$name: $requests calls in ${duration}s, fewer than $CALLS (the rate fell after the warm-up)" >&2; exit 1; }
  RPS=$rps
  ROWS+=("$label|$requests|$seconds|$rps|$before|$after")
}

start_java baseline dev.hangar.benchmarks.BaselineServer
BASE_URL=$URL BASE_PID=$PID
start_java hangar-memory dev.hangar.benchmarks.HangarServer --bind=127.0.0.1 --region="$BENCH_REGION" --backend=memory \
  --data-dir="$OUT/memory-data"
MEM_URL=$URL MEM_PID=$PID
start_java hangar-local dev.hangar.benchmarks.HangarServer --bind=127.0.0.1 --region="$BENCH_REGION" --backend=local \
  --data-dir="$OUT/local-data"
LOCAL_URL=$URL LOCAL_PID=$PID

build_on() {
  local id
  id=$(call "$1/" GameLift.CreateBuild '{"Name":"leases"}' | sed -n 's/.*"BuildId":"\(build-[^"]*\)".*/\1/p')
  [[ -n "$id" ]] || { echo "CreateBuild on $1 returned no BuildId" >&2; exit 1; }
  call "$1/" GameLift.RequestUploadCredentials "{\"BuildId\":\"$id\"}" | grep -q '"SessionToken":"HGL1' \
    || { echo "RequestUploadCredentials on $1 returned no sealed lease" >&2; exit 1; }
  echo "$id"
}
MEM_BUILD=$(build_on "$MEM_URL")
LOCAL_BUILD=$(build_on "$LOCAL_URL")

flood baseline "baseline /async" "$BASE_URL/async" "$BASE_PID" "{\"BuildId\":\"$MEM_BUILD\"}"
BASE_RPS=$RPS
flood memory "Hangar, --backend memory" "$MEM_URL/" "$MEM_PID" "{\"BuildId\":\"$MEM_BUILD\"}"
flood local "Hangar, --backend local" "$LOCAL_URL/" "$LOCAL_PID" "{\"BuildId\":\"$LOCAL_BUILD\"}"

echo "RequestUploadCredentials, at least $CALLS calls per node, $CONNECTIONS connections, JAVA_OPTS=\"$JAVA_OPTS\", $(nproc) cores, $(date -u +%F)"
echo
echo "| node | calls | seconds | calls/s | ratio to baseline | heap after full GC, before (MB) | after (MB) |"
echo "|---|---|---|---|---|---|---|"
for row in "${ROWS[@]}"; do
  IFS='|' read -r name requests seconds rps before after <<<"$row"
  ratio=$(awk -v a="$rps" -v b="$BASE_RPS" 'BEGIN {printf "%.2f", a / b}')
  echo "| $name | $requests | $seconds | $rps | $ratio | $before | $after |"
done
echo
echo "raw output: $OUT"
