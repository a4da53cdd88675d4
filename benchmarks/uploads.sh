#!/usr/bin/env bash
# boto3 upload_file (the AWS CLI's transfer defaults: 8 MiB parts, 10 threads) of one zip against, in the same run:
# the S3 sink dropping the bytes, the S3 sink writing and fdatasyncing each part, moto, and Hangar on --backend memory
# and on --backend local. For each server: the first upload after its start (cold) and the median of WARM more, in
# MB/s (10^6 bytes), the ratio to the disk sink, the bytes the server process wrote to disk per byte uploaded
# (/proc/<pid>/io write_bytes) and its CPU seconds per GB uploaded (/proc/<pid>/stat utime + stime).
#
#   bash benchmarks/uploads.sh                 # 256 MiB
#   SIZE_MIB=1024 WARM=2 bash benchmarks/uploads.sh
#
# Knobs: SIZE_MIB=256 WARM=3 JAVA_OPTS="-Xms1g -Xmx4g" TARGETS="sink-drop sink-disk moto memory local"
#   OUT=benchmarks/target/uploads-<timestamp>
# Needs java, python3 with boto3 and moto (python3 -m moto.server). Loopback only; every upload is bounded by
# botocore's timeouts, every server killed on exit.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CLIENT="$HERE/upload_client.py"
SIZE_MIB=${SIZE_MIB:-256}
WARM=${WARM:-3}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx4g}
TARGETS=${TARGETS:-sink-drop sink-disk moto memory local}
OUT=${OUT:-$HERE/target/uploads-$(date -u +%Y%m%dT%H%M%SZ)}
TICKS=$(getconf CLK_TCK)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
python3 -c 'import boto3, moto' 2>/dev/null || { echo "python3 with boto3 and moto is required" >&2; exit 1; }

ZIP="$OUT/build.zip"
python3 - "$ZIP" "$SIZE_MIB" <<'PY'
import os, sys, zipfile
path, mib = sys.argv[1], int(sys.argv[2])
with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED, allowZip64=True) as z:
    with z.open("server.bin", "w", force_zip64=True) as f:
        for _ in range(mib - 1):
            f.write(os.urandom(1024 * 1024))
    z.writestr("run.sh", "#!/bin/sh\nexec ./server.bin\n")
PY
log "zip of $(stat -c %s "$ZIP") bytes"

start_moto() {
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  python3 -m moto.server -H 127.0.0.1 -p "$port" >"$OUT/moto.log" 2>&1 </dev/null &
  PID=$!
  PIDS+=("$PID")
  for _ in $(seq 150); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && { URL="http://127.0.0.1:$port"; log "moto: pid $PID on $URL"; break; }
    sleep 0.2
  done
  [[ -n "${URL:-}" ]] || { echo "moto did not start" >&2; cat "$OUT/moto.log" >&2; exit 1; }
  python3 -c 'import boto3, sys; boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-west-2",
      aws_access_key_id="x", aws_secret_access_key="y").create_bucket(Bucket="bench",
      CreateBucketConfiguration={"LocationConstraint": "us-west-2"})' "$URL"
}

# io_and_cpu <pid>: "<write_bytes> <cpu ticks>" of that process (threads included).
io_and_cpu() {
  local written ticks
  written=$(awk '/^write_bytes:/ {print $2}' "/proc/$1/io")
  ticks=$(awk '{print $14 + $15}' "/proc/$1/stat")
  echo "$written $ticks"
}

ROWS=()
SINK_DISK_WARM=""
# measure <target> <label> <client mode> <url> <pid> [bucket]
measure() {
  local target=$1 label=$2 mode=$3 url=$4 pid=$5 bucket=${6:-}
  local cold="" warm=() written=0 ticks=0 bytes=0 before after result mbps
  for round in $(seq 0 "$WARM"); do
    sync
    before=$(io_and_cpu "$pid")
    result=$(python3 "$CLIENT" "$mode" "$url" "$ZIP" $bucket)
    # Dirty pages the upload left behind are written by the kernel's flusher, not counted to the process: a
    # server that does not fsync shows only what it wrote itself.
    after=$(io_and_cpu "$pid")
    mbps=$(python3 -c 'import json, sys; r = json.loads(sys.argv[1]); print("%.1f" % (r["bytes"] / r["seconds"] / 1e6))' "$result")
    bytes=$((bytes + $(stat -c %s "$ZIP")))
    written=$((written + ${after% *} - ${before% *}))
    ticks=$((ticks + ${after#* } - ${before#* }))
    if [[ "$round" == 0 ]]; then cold=$mbps; else warm+=("$mbps"); fi
    log "$label round $round: $mbps MB/s"
    [[ "$target" == sink-disk ]] && rm -f "$OUT/sink-disk"/object-*
  done
  local median
  median=$(printf '%s\n' "${warm[@]}" | sort -g | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}')
  [[ "$target" == sink-disk ]] && SINK_DISK_WARM=$median
  local per_byte cpu_per_gb
  per_byte=$(awk -v w="$written" -v b="$bytes" 'BEGIN {printf "%.2f", w / b}')
  cpu_per_gb=$(awk -v t="$ticks" -v hz="$TICKS" -v b="$bytes" 'BEGIN {printf "%.2f", t / hz / (b / 1e9)}')
  ROWS+=("$label|$cold|$median|$per_byte|$cpu_per_gb")
}

for target in $TARGETS; do
  case $target in
    sink-drop) start_java sink-drop dev.hangar.benchmarks.S3Sink drop
               measure sink-drop "S3 sink, drops the bytes" plain "$URL" "$PID" bench ;;
    sink-disk) start_java sink-disk dev.hangar.benchmarks.S3Sink disk "$OUT/sink-disk"
               measure sink-disk "S3 sink, writes and fdatasyncs each part" plain "$URL" "$PID" bench ;;
    moto)      start_moto
               measure moto "moto" plain "$URL" "$PID" bench ;;
    memory)    start_java hangar-memory dev.hangar.benchmarks.HangarServer --bind=127.0.0.1 --backend=memory \
                 --data-dir="$OUT/memory-data"
               measure memory "Hangar, --backend memory" hangar "$URL" "$PID" ;;
    local)     start_java hangar-local dev.hangar.benchmarks.HangarServer --bind=127.0.0.1 --backend=local \
                 --data-dir="$OUT/local-data"
               measure local "Hangar, --backend local" hangar "$URL" "$PID" ;;
    *) echo "TARGETS: no target '$target' (sink-drop sink-disk moto memory local)" >&2; exit 2 ;;
  esac
  kill "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
done

echo "boto3 upload_file (8 MiB parts, 10 threads) of a $SIZE_MIB MiB zip, 1 cold + $WARM warm uploads each, $(nproc) cores, $(date -u +%F)"
echo
echo "| server | cold MB/s | warm MB/s (median) | warm, ratio to the disk sink | bytes written per byte uploaded | CPU s per GB |"
echo "|---|---|---|---|---|---|"
for row in "${ROWS[@]}"; do
  IFS='|' read -r label cold median per_byte cpu <<<"$row"
  ratio=$( [[ -n "$SINK_DISK_WARM" ]] && awk -v a="$median" -v b="$SINK_DISK_WARM" 'BEGIN {printf "%.2f", a / b}' || echo "-")
  echo "| $label | $cold | $median | $ratio | $per_byte | $cpu |"
done
echo
echo "raw output: $OUT"
