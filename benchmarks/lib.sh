# Shared by leases.sh and uploads.sh (sourced, not run): the benchmark's API keys, the jar (built only when
# missing, then run from a copy under OUT, so that a build during the run changes nothing under the servers), the
# servers' lifecycle (killed on any exit) and a Java server started on a free loopback port.
# Expects HERE (the benchmarks folder) and OUT (the output folder) to be set; sets ROOT and JAR.

ROOT=$(dirname "$HERE")
JAR="$HERE/target/hangar-benchmarks.jar"
export BENCH_REGION=${BENCH_REGION:-us-west-2}
# The benchmark's API keys (AWS's documentation example pair): the Hangar nodes under test accept these only.
export HANGAR_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
export HANGAR_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

log() { echo "# $*" >&2; }

if [[ ! -f "$JAR" ]]; then
  log "building (no $JAR yet)"
  (cd "$ROOT" && mvn -B -q package -DskipTests)
fi
mkdir -p "$OUT"
cp "$JAR" "$OUT/hangar-benchmarks.jar"
JAR="$OUT/hangar-benchmarks.jar"

PIDS=()
cleanup() { local pid; for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# wait_url <name> <log file>: sets URL from the "listening on <url>" line of the server PID, within 30 s.
wait_url() {
  local name=$1 logfile=$2
  URL=""
  for _ in $(seq 150); do
    URL=$(sed -n 's/^listening on //p' "$logfile" 2>/dev/null | head -1 || true)
    [[ -n "$URL" ]] && { log "$name: pid $PID on $URL"; return 0; }
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.2
  done
  echo "$name did not start; its log ($logfile):" >&2
  cat "$logfile" >&2
  return 1
}

# start_java <name> <main class> [args...]: the class on port 0 with JAVA_OPTS (and a GC log under OUT); sets PID, URL.
start_java() {
  local name=$1 main=$2
  shift 2
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
  java $JAVA_OPTS -Xlog:gc:file="$OUT/$name-gc.log" -cp "$JAR" "$main" 0 "$@" >"$OUT/$name.log" 2>&1 </dev/null &
  PID=$!
  PIDS+=("$PID")
  wait_url "$name" "$OUT/$name.log"
}
