#!/usr/bin/env bash
# Throughput of Hangar's GameLift API against a bare-Undertow baseline measured in the same run, with wrk on
# loopback, over AWS JSON 1.1 and over Smithy RPC v2 CBOR. Prints a markdown table (median of REPEATS rounds) and
# keeps every raw wrk output under OUT.
#
#   bash benchmarks/run.sh                      # from the repository root or anywhere else
#   REPEATS=2 DURATION=5s bash benchmarks/run.sh
#   SCENARIOS="describe describe-cbor" bash benchmarks/run.sh
#
# Knobs (environment): THREADS=2 CONNECTIONS=32 DURATION=10s WARMUP=5s REPEATS=3
#   SCENARIOS: the scenarios to run, by key, space- or comma-separated (default all; they run in this order):
#     async blocking describe describe-cbor describe-quiet describe-cbor-quiet describe-local describe-noauth list list-cbor list-local update update-cbor
#     credentials credentials-cbor tag tag-cbor untag untag-cbor tags tags-cbor create create-cbor delete delete-cbor
#     create-local
#   baseline /async (async) runs whatever SCENARIOS says: every ratio is to it; delete needs create (it deletes the
#   builds create made in the same round), delete-cbor needs create-cbor
#   CYCLES=10 CYCLE_COUNT=10000 CREATE_WARMUP_COUNT=100000: CreateBuild and DeleteBuild are measured together,
#   delete as you create (run_cycles): a warm-up cycle of CREATE_WARMUP_COUNT creations and their deletions, then
#   CYCLES cycles of CYCLE_COUNT CreateBuild followed by a DeleteBuild of each build they made, so that at most
#   CYCLE_COUNT builds are alive (CREATE_WARMUP_COUNT during the warm-up) whatever the number of rounds
#   CREATE_COUNT=100000: create-local's run (no deletions) stops after that many replies, its warm-up after
#   CREATE_WARMUP_COUNT
#   JAVA_OPTS="-Xms1g -Xmx4g" (every server gets the same) OUT=benchmarks/target/bench-<timestamp>
#   OTHER_MAX=10 RETRIES=4: a measured run during which processes other than the servers and wrk used more than
#   OTHER_MAX % of the machine's CPU is measured again, at most RETRIES times in the whole run
# Default total: 3 rounds x 24 scenarios x (3 s warm-up + 10 s measured, or the counts above) = about 16 minutes.
# Round 1 also warms every JVM's JIT up: read the medians, not round 1 alone.
# Servers, each its own JVM on a free port of 127.0.0.1, started only when a picked scenario needs it: the
# bare-Undertow baseline; Hangar with SigV4 (every operation but CreateBuild and DeleteBuild, over JSON and over
# CBOR); Hangar with --insecure-no-auth (DescribeBuild, to show what authentication costs); Hangar with SigV4 for
# CreateBuild then DeleteBuild over JSON, and another for the two over CBOR.
# A CBOR scenario's row also gets its ratio to the JSON scenario of the same operation; the two run one after the
# other in every round, in turn JSON first and CBOR first. Any non-2xx reply under load stops the run.
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
WARMUP=${WARMUP:-3s}
CREATE_COUNT=${CREATE_COUNT:-100000}
CREATE_WARMUP_COUNT=${CREATE_WARMUP_COUNT:-100000}
CYCLES=${CYCLES:-10}
CYCLE_COUNT=${CYCLE_COUNT:-10000}
REPEATS=${REPEATS:-3}
OTHER_MAX=${OTHER_MAX:-10}
RETRIES=${RETRIES:-4}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx4g}
OUT=${OUT:-$HERE/target/bench-$(date -u +%Y%m%dT%H%M%SZ)}
JSON=application/x-amz-json-1.1
CBOR=application/cbor
export BENCH_REGION=us-west-2
# The benchmark's API keys (AWS's documentation example pair): the Hangar node under test accepts these only.
export HANGAR_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
export HANGAR_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

log() { echo "# $*" >&2; }

# --- the scenarios picked: keys, in ALL_KEYS order, baseline /async always --------------------------------------
ALL_KEYS=(async blocking describe describe-cbor describe-quiet describe-cbor-quiet describe-local describe-noauth list list-cbor list-local update update-cbor
  credentials credentials-cbor tag tag-cbor untag untag-cbor tags tags-cbor create create-cbor delete delete-cbor create-local)
REQUESTED=" async ${SCENARIOS:-${ALL_KEYS[*]}} "
REQUESTED=${REQUESTED//,/ }
for key in $REQUESTED; do
  [[ " ${ALL_KEYS[*]} " == *" $key "* ]] || { echo "SCENARIOS: no scenario '$key'; the keys are: ${ALL_KEYS[*]}" >&2; exit 2; }
done
KEYS=()
for key in "${ALL_KEYS[@]}"; do
  [[ "$REQUESTED" == *" $key "* ]] && KEYS+=("$key")
done
picked() { local key; for key in "$@"; do [[ " ${KEYS[*]} " == *" $key "* ]] && return 0; done; return 1; }
for key in delete delete-cbor; do
  if picked "$key" && ! picked "${key/delete/create}"; then
    echo "SCENARIOS: $key deletes what ${key/delete/create} creates; pick both" >&2
    exit 2
  fi
done

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
declare -A SERVER_PID=()   # server url -> its pid
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
    # The log may not exist yet: the background shell creates it, and on a loaded machine that can come later.
    url=$(sed -n 's/^listening on //p' "$logfile" 2>/dev/null || true)
    if [[ -n "$url" ]]; then
      log "$name: pid $pid on $url"
      printf -v "$variable" '%s' "$url"
      SERVER_PID[$url]=$pid
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  echo "$name did not start; its log ($logfile):" >&2
  cat "$logfile" >&2
  return 1
}

# Each node gets a data folder of its own under OUT (a node locks its folder), never ~/.hangar. The build quota
# (GameLift's 1,000 per account by default) is raised: the CreateBuild scenarios create hundreds of thousands.
HANGAR_FLAGS=(--bind=127.0.0.1 --region="$BENCH_REGION" --backend=memory --max-builds-per-account=10000000)
start_server baseline BASELINE dev.hangar.benchmarks.BaselineServer
HANGAR='' QUIET='' QUIET_BUILD_ID=build-none NOAUTH='' CREATE='' CREATE_CBOR='' LOCAL='' CREATE_LOCAL=''
if picked describe describe-cbor list list-cbor update update-cbor credentials credentials-cbor tag tag-cbor untag untag-cbor \
  tags tags-cbor; then
  start_server hangar HANGAR dev.hangar.benchmarks.HangarServer "${HANGAR_FLAGS[@]}" --data-dir="$OUT/hangar-data" \
    --insecure-no-auth=false
fi
# The durable backend (SQLite in WAL mode with synchronous=FULL, files on disk), on the disk under OUT.
LOCAL_FLAGS=(--bind=127.0.0.1 --region="$BENCH_REGION" --backend=local --max-builds-per-account=10000000)
if picked describe-local list-local; then
  start_server hangar-local LOCAL dev.hangar.benchmarks.HangarServer "${LOCAL_FLAGS[@]}" --data-dir="$OUT/hangar-local-data" \
    --insecure-no-auth=false
fi
# Metrics and the access log are on by default (as on the jar); this node has both off, to measure what they cost.
if picked describe-quiet describe-cbor-quiet; then
  start_server hangar-quiet QUIET dev.hangar.benchmarks.HangarServer "${HANGAR_FLAGS[@]}" \
    --data-dir="$OUT/hangar-quiet-data" --insecure-no-auth=false --metrics=false --access-log=false
fi
if picked describe-noauth; then
  start_server hangar-noauth NOAUTH dev.hangar.benchmarks.HangarServer "${HANGAR_FLAGS[@]}" \
    --data-dir="$OUT/hangar-noauth-data" --insecure-no-auth=true
fi
# CreateBuild and DeleteBuild get a node of their own, one per protocol, so that the builds alive between a
# CreateBuild run and the DeleteBuild run after it (up to CREATE_COUNT) weigh on no other scenario's GC.
declare -A CREATE_PIDS=()
if picked create; then
  start_server hangar-create CREATE dev.hangar.benchmarks.HangarServer "${HANGAR_FLAGS[@]}" \
    --data-dir="$OUT/hangar-create-data" --insecure-no-auth=false
  CREATE_PIDS[create]=${PIDS[-1]}
fi
if picked create-cbor; then
  start_server hangar-create-cbor CREATE_CBOR dev.hangar.benchmarks.HangarServer "${HANGAR_FLAGS[@]}" \
    --data-dir="$OUT/hangar-create-cbor-data" --insecure-no-auth=false
  CREATE_PIDS[create-cbor]=${PIDS[-1]}
fi

if picked create-local; then
  start_server hangar-create-local CREATE_LOCAL dev.hangar.benchmarks.HangarServer "${LOCAL_FLAGS[@]}" \
    --data-dir="$OUT/hangar-create-local-data" --insecure-no-auth=false
  CREATE_PIDS[create-local]=${PIDS[-1]}
fi

# cbor_url <node url> <X-Amz-Target>: the CBOR path of that operation on that node.
cbor_url() { echo "$1/service/GameLift/operation/${2#GameLift.}"; }

# sign <protocol> <url> <target> <body>: sets SIGNED_HOST, SIGNED_DATE, SIGNED_AUTH (a SigV4 signature, valid
# 15 min) and, over CBOR, SIGNED_BODY_HEX (the JSON body encoded as CBOR, in hex).
sign() {
  local lines
  if [[ "$1" == cbor ]]; then
    lines=$(python3 "$SIGN" --cbor "$2" "$3" "$4")
  else
    lines=$(python3 "$SIGN" "$2" "$3" "$4")
  fi
  SIGNED_HOST=$(sed -n 1p <<<"$lines")
  SIGNED_DATE=$(sed -n 2p <<<"$lines")
  SIGNED_AUTH=$(sed -n 3p <<<"$lines")
  SIGNED_BODY_HEX=$(sed -n 4p <<<"$lines")
}

# call <protocol> <url> <X-Amz-Target> <JSON body> [curl options]: one raw, signed call, AWS JSON 1.1 (url is the
# node's /) or Smithy RPC v2 CBOR (url is the operation's path, the body is sent encoded as CBOR); prints the reply.
call() {
  local protocol=$1 url=$2 target=$3 body=$4
  shift 4
  sign "$protocol" "$url" "$target" "$body"
  if [[ "$protocol" == cbor ]]; then
    python3 -c 'import sys; sys.stdout.buffer.write(bytes.fromhex(sys.argv[1]))' "$SIGNED_BODY_HEX" >"$OUT/.cbor-body"
    curl -sS --max-time 30 "$@" -X POST "$url" -H "smithy-protocol: rpc-v2-cbor" -H "Content-Type: $CBOR" \
      -H "Accept: $CBOR" -H "X-Amz-Date: $SIGNED_DATE" -H "Authorization: $SIGNED_AUTH" --data-binary @"$OUT/.cbor-body"
  else
    curl -sS --max-time 30 "$@" -X POST "$url" -H "Content-Type: $JSON" -H "X-Amz-Target: $target" \
      -H "X-Amz-Date: $SIGNED_DATE" -H "Authorization: $SIGNED_AUTH" --data-binary "$body"
  fi
}

# create_builds <base url>: the build DescribeBuild reads (printed), plus 20 more so that ListBuilds
# {"Limit":10} returns a full page and a NextToken from the first round on.
create_builds() {
  local id
  id=$(call json "$1/" GameLift.CreateBuild '{"Name":"bench"}' | sed -n 's/.*"BuildId":"\(build-[^"]*\)".*/\1/p')
  [[ -n "$id" ]] || { echo "CreateBuild on $1 returned no BuildId:" >&2; call json "$1/" GameLift.CreateBuild '{"Name":"bench"}' -i >&2; exit 1; }
  for _ in $(seq 20); do call json "$1/" GameLift.CreateBuild '{"Name":"bench-seed"}' >/dev/null; done
  echo "$id"
}
BUILD_ID=build-none NOAUTH_BUILD_ID=build-none LOCAL_BUILD_ID=build-none KEEP_ID=build-none KEEP_CBOR_ID=build-none
BUILD_ARN=arn:none
[[ -z "$HANGAR" ]] || { BUILD_ID=$(create_builds "$HANGAR"); log "build $BUILD_ID on hangar (+20 seed builds)"; }
if [[ -n "$HANGAR" ]]; then
  BUILD_ARN=$(call json "$HANGAR/" GameLift.DescribeBuild "{\"BuildId\":\"$BUILD_ID\"}" | sed -n 's/.*"BuildArn":"\([^"]*\)".*/\1/p')
  [[ -n "$BUILD_ARN" ]] || { echo "DescribeBuild on $HANGAR returned no BuildArn" >&2; exit 1; }
fi
# The build a DeleteBuild run's spare connections describe once its own requests are all sent (awsjson.lua).
keeper() { call json "$1/" GameLift.CreateBuild '{"Name":"keeper"}' | sed -n 's/.*"BuildId":"\(build-[^"]*\)".*/\1/p'; }
[[ -z "$CREATE" ]] || KEEP_ID=$(keeper "$CREATE")
[[ -z "$CREATE_CBOR" ]] || KEEP_CBOR_ID=$(keeper "$CREATE_CBOR")
[[ -z "$LOCAL" ]] || { LOCAL_BUILD_ID=$(create_builds "$LOCAL"); log "build $LOCAL_BUILD_ID on hangar-local (+20 seed builds)"; }
[[ -z "$QUIET" ]] || { QUIET_BUILD_ID=$(create_builds "$QUIET"); log "build $QUIET_BUILD_ID on hangar-quiet (+20 seed builds)"; }
[[ -z "$NOAUTH" ]] || { NOAUTH_BUILD_ID=$(create_builds "$NOAUTH"); log "build $NOAUTH_BUILD_ID on hangar-noauth (+20 seed builds)"; }

DESCRIBE="{\"BuildId\":\"$BUILD_ID\"}"
UPDATE="{\"BuildId\":\"$BUILD_ID\",\"Name\":\"bench\",\"Version\":\"1.0\"}"
TAG="{\"ResourceARN\":\"$BUILD_ARN\",\"Tags\":[{\"Key\":\"team\",\"Value\":\"bench\"}]}"
UNTAG="{\"ResourceARN\":\"$BUILD_ARN\",\"TagKeys\":[\"gone\"]}"
TAGS="{\"ResourceARN\":\"$BUILD_ARN\"}"
# key -> "name|protocol|url|X-Amz-Target|JSON body". The baseline gets the DescribeBuild request, signature
# included, so that it parses the same bytes as Hangar; the no-auth node gets the same signed request and ignores
# the signature. A CBOR scenario's body is the same JSON, which sign.py encodes as CBOR.
declare -A SCENARIO=(
  [async]="baseline /async|json|$BASELINE/async|GameLift.DescribeBuild|$DESCRIBE"
  [blocking]="baseline /blocking|json|$BASELINE/blocking|GameLift.DescribeBuild|$DESCRIBE"
  [describe]="Hangar DescribeBuild|json|$HANGAR/|GameLift.DescribeBuild|$DESCRIBE"
  [describe-cbor]="Hangar DescribeBuild, CBOR|cbor|$(cbor_url "$HANGAR" DescribeBuild)|GameLift.DescribeBuild|$DESCRIBE"
  [describe-local]="Hangar DescribeBuild, local|json|$LOCAL/|GameLift.DescribeBuild|{\"BuildId\":\"$LOCAL_BUILD_ID\"}"
  [list-local]="Hangar ListBuilds, local|json|$LOCAL/|GameLift.ListBuilds|{\"Limit\":10}"
  [create-local]="Hangar CreateBuild, local|json|$CREATE_LOCAL/|GameLift.CreateBuild|{\"Name\":\"bench\"}"
  [describe-quiet]="Hangar DescribeBuild, no metrics or access log|json|$QUIET/|GameLift.DescribeBuild|{\"BuildId\":\"$QUIET_BUILD_ID\"}"
  [describe-cbor-quiet]="Hangar DescribeBuild, CBOR, no metrics or access log|cbor|$(cbor_url "$QUIET" DescribeBuild)|GameLift.DescribeBuild|{\"BuildId\":\"$QUIET_BUILD_ID\"}"
  [describe-noauth]="Hangar DescribeBuild, no auth|json|$NOAUTH/|GameLift.DescribeBuild|{\"BuildId\":\"$NOAUTH_BUILD_ID\"}"
  [list]="Hangar ListBuilds|json|$HANGAR/|GameLift.ListBuilds|{\"Limit\":10}"
  [list-cbor]="Hangar ListBuilds, CBOR|cbor|$(cbor_url "$HANGAR" ListBuilds)|GameLift.ListBuilds|{\"Limit\":10}"
  [update]="Hangar UpdateBuild|json|$HANGAR/|GameLift.UpdateBuild|$UPDATE"
  [update-cbor]="Hangar UpdateBuild, CBOR|cbor|$(cbor_url "$HANGAR" UpdateBuild)|GameLift.UpdateBuild|$UPDATE"
  [credentials]="Hangar RequestUploadCredentials|json|$HANGAR/|GameLift.RequestUploadCredentials|$DESCRIBE"
  [credentials-cbor]="Hangar RequestUploadCredentials, CBOR|cbor|$(cbor_url "$HANGAR" RequestUploadCredentials)|GameLift.RequestUploadCredentials|$DESCRIBE"
  [tag]="Hangar TagResource|json|$HANGAR/|GameLift.TagResource|$TAG"
  [tag-cbor]="Hangar TagResource, CBOR|cbor|$(cbor_url "$HANGAR" TagResource)|GameLift.TagResource|$TAG"
  [untag]="Hangar UntagResource|json|$HANGAR/|GameLift.UntagResource|$UNTAG"
  [untag-cbor]="Hangar UntagResource, CBOR|cbor|$(cbor_url "$HANGAR" UntagResource)|GameLift.UntagResource|$UNTAG"
  [tags]="Hangar ListTagsForResource|json|$HANGAR/|GameLift.ListTagsForResource|$TAGS"
  [tags-cbor]="Hangar ListTagsForResource, CBOR|cbor|$(cbor_url "$HANGAR" ListTagsForResource)|GameLift.ListTagsForResource|$TAGS"
  [create]="Hangar CreateBuild|json|$CREATE/|GameLift.CreateBuild|{\"Name\":\"bench\"}"
  [create-cbor]="Hangar CreateBuild, CBOR|cbor|$(cbor_url "$CREATE_CBOR" CreateBuild)|GameLift.CreateBuild|{\"Name\":\"bench\"}"
  # A DeleteBuild scenario's fixed request is the spare connections' DescribeBuild of a keeper build; its measured
  # requests are the signed DeleteBuild of each build the CreateBuild run before it made (run_scenario).
  [delete]="Hangar DeleteBuild|json|$CREATE/|GameLift.DescribeBuild|{\"BuildId\":\"$KEEP_ID\"}"
  [delete-cbor]="Hangar DeleteBuild, CBOR|cbor|$(cbor_url "$CREATE_CBOR" DescribeBuild)|GameLift.DescribeBuild|{\"BuildId\":\"$KEEP_CBOR_ID\"}"
)

# Sanity: every scenario's request answers 200 before it is put under load (a CBOR one in CBOR, with the protocol's
# headers), and Hangar refuses an unsigned one over either protocol.
for key in "${KEYS[@]}"; do
  IFS='|' read -r name protocol url target body <<<"${SCENARIO[$key]}"
  code=$(call "$protocol" "$url" "$target" "$body" -D "$OUT/.sanity-headers" -o "$OUT/.sanity-body" -w '%{http_code}') \
    || code="no answer"
  [[ "$code" == 200 ]] || { echo "$name: $target $body answered HTTP $code:" >&2; cat "$OUT/.sanity-headers" "$OUT/.sanity-body" >&2; exit 1; }
  if [[ "$protocol" == cbor ]]; then
    for expected in "smithy-protocol: rpc-v2-cbor" "content-type: $CBOR"; do
      tr -d '\r' <"$OUT/.sanity-headers" | grep -qix "$expected" \
        || { echo "$name: the 200 reply has no '$expected' header:" >&2; cat "$OUT/.sanity-headers" >&2; exit 1; }
    done
  fi
done
if [[ -n "$HANGAR" ]]; then
  code=$(curl -sS --max-time 30 -o /dev/null -w '%{http_code}' -X POST "$HANGAR/" -H "Content-Type: $JSON" \
    -H "X-Amz-Target: GameLift.DescribeBuild" --data-binary "$DESCRIBE")
  [[ "$code" == 400 ]] || { echo "Hangar answered an unsigned DescribeBuild with HTTP $code, not 400" >&2; exit 1; }
fi
if picked describe-cbor list-cbor; then
  printf '\xa1\x65Limit\x0a' >"$OUT/.cbor-body"   # {"Limit": 10}
  code=$(curl -sS --max-time 30 -o "$OUT/.sanity-body" -w '%{http_code} %{content_type}' -X POST \
    "$(cbor_url "$HANGAR" ListBuilds)" -H "smithy-protocol: rpc-v2-cbor" -H "Content-Type: $CBOR" -H "Accept: $CBOR" \
    --data-binary @"$OUT/.cbor-body")
  if [[ "$code" != "400 $CBOR" ]] || ! grep -qa MissingAuthenticationTokenException "$OUT/.sanity-body"; then
    echo "Hangar answered an unsigned CBOR ListBuilds with '$code', not '400 $CBOR' MissingAuthenticationTokenException:" >&2
    cat -v "$OUT/.sanity-body" >&2
    exit 1
  fi
fi

# run_wrk <duration> <protocol> <url> <target> <body> <output file> [VARIABLE=value...]: one bounded wrk run
# (timeout is a second bound), replaying one signature made just before it; the variables go to awsjson.lua.
run_wrk() {
  sign "$2" "$3" "$4" "$5"
  env WRK_PROTOCOL="$2" WRK_TARGET="$4" WRK_BODY="$5" WRK_BODY_HEX="$SIGNED_BODY_HEX" WRK_HOST="$SIGNED_HOST" \
    WRK_AMZ_DATE="$SIGNED_DATE" WRK_AUTHORIZATION="$SIGNED_AUTH" WRK_THREADS="$THREADS" "${@:7}" timeout 1200 \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --latency -s "$LUA" "$3" >"$6" 2>&1
}

# run_counted <output file> <run_wrk arguments...>: run_wrk in the background until each of its threads has made
# its count (awsjson.lua writes <output file>.done.<thread>), then SIGINT, on which wrk prints its summary; wrk's
# main thread would otherwise sleep out -d. Bounded by 20 minutes.
run_counted() {
  local marker="$1.done" pid
  rm -f "$marker".*
  run_wrk "${@:2}" WRK_DONE="$marker" &
  pid=$!
  for _ in $(seq 12000); do
    (($(compgen -G "$marker.*" | wc -l) >= THREADS)) && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  pkill -INT -P "$pid" wrk 2>/dev/null || true   # run_wrk's child is timeout; its child is wrk
  pkill -INT -f "wrk -t$THREADS -c$CONNECTIONS -d600s" 2>/dev/null || true
  wait "$pid" || true
}

# run_scenario <duration> <count> <key> <slug> <protocol> <url> <target> <body> <output file>: run_wrk for the
# scenario's kind. CreateBuild: at most <count> replies, their build ids kept in <slug>-ids.*; DeleteBuild: one
# signed DeleteBuild of each build the same round's CreateBuild run of the same kind (warm-up or measured) made.
run_scenario() {
  local duration=$1 count=$2 key=$3 slug=$4
  shift 4
  case "$key" in
    create*)
      rm -f "$OUT/$slug-ids".*
      run_counted "$OUT/$slug" 600s "$@" WRK_COLLECT="$OUT/$slug-ids" WRK_COUNT=$((count / THREADS)) ;;
    delete*)
      local made=${slug/delete/create} delete_url=$(cbor_url "${2%/service/*}" DeleteBuild)
      [[ "$1" == json ]] && delete_url=$2
      cat "$OUT/$made-ids".* | python3 "$SIGN" --batch $([[ "$1" == cbor ]] && echo --cbor) "$delete_url" \
        GameLift.DeleteBuild '{"BuildId":"{id}"}' >"$OUT/$slug-requests"
      [[ -s "$OUT/$slug-requests" ]] || { echo "$slug: no builds to delete ($OUT/$made-ids.*)" >&2; exit 1; }
      run_counted "$OUT/$slug" 600s "$@" WRK_REQUESTS="$OUT/$slug-requests" WRK_BATCH_TARGET=GameLift.DeleteBuild \
        WRK_BATCH_PATH="$(urlpath "$delete_url")" ;;
    *)
      run_wrk "$duration" "$@" ;;
  esac
}
urlpath() { local rest=${1#*://}; [[ "$rest" == */* ]] && echo "/${rest#*/}" || echo /; }

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

# server_ticks <scenario url>: the CPU time (user + system, clock ticks) used so far by the server that url is on.
server_ticks() {
  local server
  for server in "${!SERVER_PID[@]}"; do
    if [[ "$1" == "$server"/* ]]; then
      awk '{print $14 + $15}' "/proc/${SERVER_PID[$server]}/stat"
      return 0
    fi
  done
  echo "no server for $1" >&2
  exit 1
}

# field <RESULT line> <key>: the value of key=value in wrk's RESULT line.
field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }

# result_of <name> <wrk output file> <variable>: stores the file's RESULT line in <variable>; stops the run when
# there is none or when any reply was not 2xx (a figure must count requests the server answered 200), after
# sending the scenario's request ($protocol $url $target $body, the caller's) once more to show the reply.
result_of() {
  local result   # not the caller's variable name: printf -v would set this local instead
  result=$(grep '^RESULT' "$2" || true)
  [[ -n "$result" ]] || { echo "$1: wrk printed no RESULT line:" >&2; cat "$2" >&2; exit 1; }
  if (($(field "$result" non2xx) > 0)); then
    echo "$1: $(field "$result" non2xx) of $(field "$result" requests) replies under load were not 2xx ($2); stopping." >&2
    echo "One such request, sent again:" >&2
    call "$protocol" "$url" "$target" "$body" -i >&2 || true
    exit 1
  fi
  printf -v "$3" '%s' "$result"
}

# run_cycles <create key> <round>: CreateBuild and DeleteBuild measured together, delete as you create: a warm-up
# cycle of CREATE_WARMUP_COUNT, then CYCLES cycles, each CYCLE_COUNT CreateBuild (awsjson.lua collects their ids)
# and then one DeleteBuild of each of them, so that at most CYCLE_COUNT builds are alive at any time. Each operation
# gets one row: its requests over the time its runs took, its server CPU per request, and the highest p99 of its
# runs (a percentile over runs cannot be merged; the highest is the honest one).
run_cycles() {
  local ckey=$1 round=$2 dkey=${1/create/delete} cycle count cname cprotocol curl ctarget cbody dname dprotocol durl \
    dtarget dbody before after other t0 t1 t2 line
  IFS='|' read -r cname cprotocol curl ctarget cbody <<<"${SCENARIO[$ckey]}"
  IFS='|' read -r dname dprotocol durl dtarget dbody <<<"${SCENARIO[$dkey]}"
  local -A sum=([creq]=0 [cdur]=0 [cticks]=0 [cp99]=0 [cerr]=0 [dreq]=0 [ddur]=0 [dticks]=0 [dp99]=0 [derr]=0)
  cpu_sample before
  for cycle in $(seq 0 "$CYCLES"); do
    count=$CYCLE_COUNT
    ((cycle > 0)) || count=$CREATE_WARMUP_COUNT
    protocol=$cprotocol url=$curl target=$ctarget body=$cbody   # result_of resends it on a failure
    t0=$(server_ticks "$curl")
    run_scenario - "$count" "$ckey" "r$round-$ckey-c$cycle" "$cprotocol" "$curl" "$ctarget" "$cbody" \
      "$OUT/r$round-$ckey-c$cycle.txt"
    result_of "$cname" "$OUT/r$round-$ckey-c$cycle.txt" line
    t1=$(server_ticks "$curl")
    ((cycle == 0)) || accumulate c "$line" $((t1 - t0))
    run_scenario - 0 "$dkey" "r$round-$dkey-c$cycle" "$dprotocol" "$durl" "$dtarget" "$dbody" \
      "$OUT/r$round-$dkey-c$cycle.txt"
    protocol=$dprotocol url=$durl target=$dtarget body=$dbody result_of "$dname" "$OUT/r$round-$dkey-c$cycle.txt" line
    t2=$(server_ticks "$curl")
    ((cycle == 0)) || accumulate d "$line" $((t2 - t1))
  done
  cpu_sample after
  other=$(other_cpu "$before" "$after")
  for op in c d; do
    local okey=$ckey oname=$cname
    [[ "$op" == d ]] && okey=$dkey oname=$dname
    local rps cpu_us
    rps=$(awk -v n="${sum[${op}req]}" -v d="${sum[${op}dur]}" 'BEGIN {printf "%.1f", n / (d / 1e6)}')
    cpu_us=$(awk -v t="${sum[${op}ticks]}" -v hz="$TICKS" -v n="${sum[${op}req]}" 'BEGIN {printf "%.1f", t * 1e6 / hz / n}')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$okey" "$oname" "$rps" "${sum[${op}p99]}" "${sum[${op}err]}" \
      "$other" "$cpu_us" >>"$RESULTS"
    log "round $round  $(printf '%-30s' "$oname") $rps req/s  p99 ${sum[${op}p99]} ms (highest of $CYCLES runs)  server CPU $cpu_us us/request  socket errors ${sum[${op}err]}  other CPU $other %"
  done
}
# accumulate <c or d> <RESULT line> <server ticks>: adds one counted run to run_cycles' sums.
accumulate() {
  sum[$1req]=$((sum[$1req] + $(field "$2" requests)))
  sum[$1dur]=$((sum[$1dur] + $(field "$2" duration_us)))
  sum[$1ticks]=$((sum[$1ticks] + $3))
  sum[$1err]=$((sum[$1err] + $(field "$2" connect) + $(field "$2" read) + $(field "$2" write) + $(field "$2" timeout)))
  sum[$1p99]=$(awk -v a="${sum[$1p99]}" -v b="$(field "$2" p99_ms)" 'BEGIN {print (b > a ? b : a)}')
}

JAVA_VERSION=$(java -version 2>&1 | sed -n 1p)
WRK_VERSION=$({ wrk -v 2>&1 || true; } | sed -n 1p | cut -d' ' -f1-2)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "machine: $(nproc) cores; $JAVA_VERSION; $WRK_VERSION; load average $LOAD_BEFORE"
log "wrk -t$THREADS -c$CONNECTIONS, warm-up $WARMUP then $DURATION measured per scenario, $REPEATS rounds; scenarios: ${KEYS[*]}; raw output in $OUT"

RESULTS="$OUT/results.tsv"
printf 'round\tkey\tscenario\trps\tp99_ms\tsocket_errors\tother_cpu_pct\tserver_cpu_us_per_request\n' >"$RESULTS"
for round in $(seq "$REPEATS"); do
  # Every other round runs each CBOR (local) scenario before its JSON (memory) one, so that neither always goes second.
  order=("${KEYS[@]}")
  if ((round % 2 == 0)); then
    for i in "${!order[@]}"; do
      next=${order[$((i + 1))]:-}
      if [[ "$next" == "${order[$i]}-cbor" || "$next" == "${order[$i]}-local" ]]; then
        order[$i]=$next
        order[$((i + 1))]=${next%-*}
      fi
    done
  fi
  for key in "${order[@]}"; do
    if [[ "$key" == delete* ]]; then
      continue   # measured by run_cycles with its CreateBuild
    fi
    if [[ "$key" == create || "$key" == create-cbor ]] && picked "${key/create/delete}"; then
      run_cycles "$key" "$round"
      continue
    fi
    IFS='|' read -r name protocol url target body <<<"${SCENARIO[$key]}"
    slug="r$round-$key"
    run_scenario "$WARMUP" "$CREATE_WARMUP_COUNT" "$key" "$slug-warmup" "$protocol" "$url" "$target" "$body" \
      "$OUT/$slug-warmup.txt"
    result_of "$name (warm-up)" "$OUT/$slug-warmup.txt" warm
    while true; do
      cpu_sample before
      ticks=$(server_ticks "$url")
      run_scenario "$DURATION" "$CREATE_COUNT" "$key" "$slug" "$protocol" "$url" "$target" "$body" "$OUT/$slug.txt"
      ticks=$(($(server_ticks "$url") - ticks))
      cpu_sample after
      other=$(other_cpu "$before" "$after")
      result_of "$name" "$OUT/$slug.txt" line
      cpu_us=$(awk -v t="$ticks" -v hz="$TICKS" -v n="$(field "$line" requests)" 'BEGIN {printf "%.1f", t * 1e6 / hz / n}')
      # (A CreateBuild or DeleteBuild run is never measured again: its builds are made or gone.)
      if [[ "$key" != create* && "$key" != delete* ]] && awk -v o="$other" -v m="$OTHER_MAX" 'BEGIN {exit !(o > m)}' \
        && ((RETRIES > 0)); then
        RETRIES=$((RETRIES - 1))
        log "round $round  $name: other processes used $other % of the CPU; measuring again ($RETRIES retries left)"
        mv "$OUT/$slug.txt" "$OUT/$slug-discarded-$RETRIES.txt"
        continue
      fi
      break
    done
    errors=$(($(field "$line" connect) + $(field "$line" read) + $(field "$line" write) + $(field "$line" timeout)))
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$key" "$name" "$(field "$line" rps)" "$(field "$line" p99_ms)" \
      "$errors" "$other" "$cpu_us" >>"$RESULTS"
    log "round $round  $(printf '%-30s' "$name") $(field "$line" rps) req/s  p99 $(field "$line" p99_ms) ms  server CPU $cpu_us us/request  socket errors $errors  other CPU $other %"
  done
done

# --- report: medians over the rounds, ratio against the same run's baseline /async ------------------------
median() { sort -g | awk '{v[NR]=$1} END {if (NR % 2) print v[(NR+1)/2]; else printf "%.1f\n", (v[NR/2]+v[NR/2+1])/2}'; }
column_of() { awk -F'\t' -v k="$1" -v c="$2" 'NR > 1 && $2 == k {print $c}' "$RESULTS"; }
BASE_RPS=$(column_of async 4 | median)
# per_round_ratios <CBOR or local key>: "r1 r2 ...", each round's requests/s over the same round's of its pair
# (the JSON scenario of a CBOR one, the memory scenario of a local one).
per_round_ratios() {
  awk -F'\t' -v c="$1" -v j="${1%-*}" 'NR > 1 && $2 == c {cbor[$1] = $4} NR > 1 && $2 == j {json[$1] = $4}
    END {for (r = 1; r in cbor; r++) if (r in json) printf "%s%.2f", (r > 1 ? " " : ""), cbor[r] / json[r]}' "$RESULTS"
}

echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores; $JAVA_VERSION; $WRK_VERSION; load average before $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION after a $WARMUP warm-up, per scenario, $REPEATS interleaved rounds; JAVA_OPTS=$JAVA_OPTS"
echo
echo "| scenario | requests/s (median of $REPEATS) | min - max | vs baseline /async | vs its pair: CBOR / JSON, local / memory (median; per round) | server CPU per request (median) | p99 latency (median) | socket errors | other CPU (max) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for key in "${KEYS[@]}"; do
  IFS='|' read -r name _ <<<"${SCENARIO[$key]}"
  rps=$(column_of "$key" 4 | median)
  lo=$(column_of "$key" 4 | sort -g | sed -n 1p)
  hi=$(column_of "$key" 4 | sort -g | sed -n '$p')
  p99=$(column_of "$key" 5 | median)
  errors=$(column_of "$key" 6 | awk '{s+=$1} END {print s}')
  other=$(column_of "$key" 7 | sort -g | sed -n '$p')
  cpu=$(column_of "$key" 8 | median)
  cpu_versus=''
  versus=-
  if [[ "$key" == *-cbor || "$key" == *-local ]] && picked "${key%-*}"; then
    versus=$(awk -v c="$rps" -v j="$(column_of "${key%-*}" 4 | median)" -v r="$(per_round_ratios "$key")" \
      'BEGIN {printf "%.2f; %s", c / j, r}')
    pair=JSON
    [[ "$key" == *-local ]] && pair=memory
    cpu_versus=$(awk -v c="$cpu" -v j="$(column_of "${key%-*}" 8 | median)" -v p="$pair" 'BEGIN {printf " (%.2f x %s)", c / j, p}')
  fi
  awk -v n="$name" -v r="$rps" -v lo="$lo" -v hi="$hi" -v b="$BASE_RPS" -v v="$versus" -v c="$cpu" -v cv="$cpu_versus" \
    -v p="$p99" -v e="$errors" -v o="$other" \
    'BEGIN {printf "| %s | %.0f | %.0f - %.0f | %.2f | %s | %.1f us%s | %.2f ms | %d | %.1f %% |\n", n, r, lo, hi, r / b, v, c, cv, p, e, o}'
done
echo
echo "Every reply under load was 2xx, warm-ups included (the run stops at the first other one); socket errors count"
echo "measured runs. Other CPU: the share of the machine's CPU that processes other than the servers and wrk used"
echo "during a measured run (above $OTHER_MAX % the run was measured again while retries lasted; $RETRIES retries were left)."
echo "Server CPU per request: the user + system time of the scenario's server during a measured run over the requests it"
echo "answered (clock ticks of 1/$TICKS s); it depends less on other load than requests/s do."
for key in create create-cbor create-local; do
  picked "$key" || continue
  IFS='|' read -r name _ <<<"${SCENARIO[$key]}"
  made=$(cat "$OUT"/r*-"$key"-ids.* "$OUT"/r*-"$key"-warmup-ids.* "$OUT"/r*-"$key"-c*-ids.* 2>/dev/null | grep -c . || true)
  if [[ "$key" == create-local ]]; then
    echo "The node of $name made $made builds that it keeps in its database ($(du -sh "$OUT/hangar-create-local-data" | cut -f1) on disk)."
    continue
  fi
  deleted=$(cat "$OUT"/r*-"${key/create/delete}"-c*-requests 2>/dev/null | grep -c . || true)
  echo "The node of $name made $made builds whose ids it answered and was sent $deleted DeleteBuild of them."
  if command -v jcmd >/dev/null; then
    # After a full GC, "used" is about what the builds left alive keep.
    jcmd "${CREATE_PIDS[$key]}" GC.run >/dev/null 2>&1 || true
    jcmd "${CREATE_PIDS[$key]}" GC.heap_info 2>/dev/null | sed -n 's/^ *garbage-first heap *\([^[]*\) \[.*$/Its heap after a full GC: \1/p' || true
  fi
done
echo "Raw wrk output, server logs and GC logs: $OUT"
