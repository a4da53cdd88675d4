#!/usr/bin/env bash
# Uploads of one zip by three clients (CLIENTS): boto3 upload_file with the AWS CLI's transfer defaults (8 MiB parts,
# 10 threads), the Java SDK's S3AsyncClient with multipart enabled (SdkUpload), and `aws gamelift upload-build`
# (Hangar only: it needs GameLift), against, in the same run: the S3 sink dropping the bytes, the S3 sink writing and
# fdatasyncing each part, the same sink also computing each body's SHA-256, MD5 and CRC32, moto, and Hangar on --backend
# memory and on --backend local. For each server and client: the first upload after the server's start (cold) and the
# median of WARM more, in MB/s (10^6 bytes), the ratio to the disk sink with the same client, the bytes the server
# process wrote to disk per byte uploaded (/proc/<pid>/io write_bytes) and its CPU seconds per GB uploaded
# (/proc/<pid>/stat utime + stime). A server measured with several clients is cold for the first client only.
#
#   bash benchmarks/uploads.sh                 # 256 MiB
#   SIZE_MIB=1024 WARM=2 bash benchmarks/uploads.sh
#
# Knobs: SIZE_MIB=256 WARM=3 JAVA_OPTS="-Xms1g -Xmx4g" TARGETS="sink-drop sink-disk sink-disk-hash moto memory local"
#   CLIENTS="boto3 java cli"
#   OUT=benchmarks/target/uploads-<timestamp>
# Needs java, python3 with boto3 and moto (python3 -m moto.server). Loopback only; every upload is bounded by
# botocore's timeouts, every server killed on exit.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CLIENT="$HERE/upload_client.py"
SIZE_MIB=${SIZE_MIB:-256}
WARM=${WARM:-3}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx4g}
TARGETS=${TARGETS:-sink-drop sink-disk sink-disk-hash moto memory local}
CLIENTS=${CLIENTS:-boto3 java cli}
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
# What `aws gamelift upload-build` is given: the zip's folder, which it zips again (deflated) before uploading.
BUILD_ROOT="$OUT/build-root"
ZIP_SECONDS=-
if [[ " $CLIENTS " == *" cli "* ]]; then
  mkdir -p "$BUILD_ROOT" && (cd "$BUILD_ROOT" && unzip -q -o "$ZIP")
  ZIP_SECONDS=$(python3 - "$BUILD_ROOT" "$OUT/cli-zip-alone.zip" <<'PY'
import sys, time
from awscli.customizations.gamelift.uploadbuild import zip_directory
start = time.monotonic()
zip_directory(sys.argv[2], sys.argv[1])
print("%.1f" % (time.monotonic() - start))
PY
)
  rm -f "$OUT/cli-zip-alone.zip"
fi

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
declare -A SINK_DISK_WARM=()   # client -> its warm MB/s against the disk sink
# run_client <client> <mode> <url> [bucket]: WARM + 1 uploads of the zip by that client, one JSON line each.
run_client() {
  local client=$1 mode=$2 url=$3 bucket=${4:-}
  case $client in
    boto3) python3 "$CLIENT" "$mode" "$url" "$ZIP" $((WARM + 1)) $bucket ;;
    java)  java -cp "$JAR" dev.hangar.benchmarks.SdkUpload "$mode" "$url" "$ZIP" $((WARM + 1)) $bucket ;;
    cli)   cli_uploads "$url" ;;
  esac
}
# cli_uploads <url>: `aws gamelift upload-build` of the zip's folder (it zips it itself, deflated, then uploads with
# the CLI's transfer defaults), WARM + 1 times, each checked READY and deleted; one JSON line each.
cli_uploads() {
  local url=$1 start end id status
  for _ in $(seq 0 "$WARM"); do
    start=$(date +%s%N)
    id=$(AWS_ACCESS_KEY_ID=$HANGAR_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$HANGAR_SECRET_ACCESS_KEY AWS_ENDPOINT_URL_S3=$url \
      aws gamelift upload-build --endpoint-url "$url" --region "$BENCH_REGION" --name upload-bench --build-version 1 \
      --build-root "$BUILD_ROOT" --operating-system AMAZON_LINUX_2 | sed -n 's/.*Build ID: *\(build-[^ ]*\).*/\1/p')
    end=$(date +%s%N)
    [[ -n "$id" ]] || { echo "aws gamelift upload-build printed no Build ID" >&2; exit 1; }
    status=$(AWS_ACCESS_KEY_ID=$HANGAR_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$HANGAR_SECRET_ACCESS_KEY aws gamelift \
      describe-build --endpoint-url "$url" --region "$BENCH_REGION" --build-id "$id" --query Build.Status --output text)
    [[ "$status" == READY ]] || { echo "build $id is $status after aws gamelift upload-build, not READY" >&2; exit 1; }
    AWS_ACCESS_KEY_ID=$HANGAR_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$HANGAR_SECRET_ACCESS_KEY aws gamelift delete-build \
      --endpoint-url "$url" --region "$BENCH_REGION" --build-id "$id"
    echo "{\"seconds\": $(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.6f", (b - a) / 1e9}'), \"bytes\": $(stat -c %s "$ZIP")}"
  done
}

# measure <target> <label> <client> <client mode> <url> <pid> [bucket]: one row; the server's disk writes and CPU
# are counted over all WARM + 1 uploads (and, for the CLI, the GameLift calls around them).
measure() {
  local target=$1 label=$2 client=$3 mode=$4 url=$5 pid=$6 bucket=${7:-}
  local before after lines cold median written ticks bytes
  sync
  before=$(io_and_cpu "$pid")
  lines=$(run_client "$client" "$mode" "$url" $bucket)
  after=$(io_and_cpu "$pid")
  [[ $(grep -c seconds <<<"$lines") == $((WARM + 1)) ]] || { echo "$label, $client: $lines" >&2; exit 1; }
  mbps=$(python3 -c 'import json, sys
for line in sys.stdin:
    r = json.loads(line)
    print("%.1f" % (r["bytes"] / r["seconds"] / 1e6))' <<<"$lines")
  cold=$(sed -n 1p <<<"$mbps")
  median=$(sed 1d <<<"$mbps" | sort -g | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}')
  log "$label, $client: $(tr '\n' ' ' <<<"$mbps")MB/s"
  [[ "$target" == sink-disk* ]] && rm -f "$OUT/$target"/object-*
  [[ "$target" == sink-disk ]] && SINK_DISK_WARM[$client]=$median
  bytes=$(($(stat -c %s "$ZIP") * (WARM + 1)))
  written=$((${after% *} - ${before% *}))
  ticks=$((${after#* } - ${before#* }))
  per_byte=$(awk -v w="$written" -v b="$bytes" 'BEGIN {printf "%.2f", w / b}')
  cpu_per_gb=$(awk -v t="$ticks" -v hz="$TICKS" -v b="$bytes" 'BEGIN {printf "%.2f", t / hz / (b / 1e9)}')
  ROWS+=("$label|$client|$cold|$median|$per_byte|$cpu_per_gb")
}

# The clients a server is measured with: the CLI's upload-build needs GameLift, so Hangar only; the Java SDK not
# with moto, whose server (werkzeug) answers the SDK's Expect: 100-continue with an interim 100 that the SDK's Netty
# client takes for the final status (S3Exception, Status Code: 100).
clients_for() {
  local client out=()
  for client in $CLIENTS; do
    [[ "$client" == cli && "$1" != hangar ]] || [[ "$client" == java && "$2" == moto ]] || out+=("$client")
  done
  echo "${out[@]}"
}

for target in $TARGETS; do
  case $target in
    sink-drop) start_java sink-drop dev.hangar.benchmarks.S3Sink drop
               label="S3 sink, drops the bytes" mode=plain bucket=bench ;;
    sink-disk) start_java sink-disk dev.hangar.benchmarks.S3Sink disk "$OUT/sink-disk"
               label="S3 sink, writes and fdatasyncs each part" mode=plain bucket=bench ;;
    sink-disk-hash) start_java sink-disk-hash dev.hangar.benchmarks.S3Sink disk-hash "$OUT/sink-disk-hash"
               label="S3 sink, writes and fdatasyncs each part, SHA-256, MD5 and CRC32 of each body" mode=plain bucket=bench ;;
    moto)      start_moto
               label="moto" mode=plain bucket=bench ;;
    memory)    start_java hangar-memory dev.hangar.benchmarks.HangarServer --bind=127.0.0.1 --backend=memory \
                 --data-dir="$OUT/memory-data"
               label="Hangar, --backend memory" mode=hangar bucket= ;;
    local)     start_java hangar-local dev.hangar.benchmarks.HangarServer --bind=127.0.0.1 --backend=local \
                 --data-dir="$OUT/local-data"
               label="Hangar, --backend local" mode=hangar bucket= ;;
    *) echo "TARGETS: no target '$target' (sink-drop sink-disk sink-disk-hash moto memory local)" >&2; exit 2 ;;
  esac
  for client in $(clients_for "$mode" "$target"); do
    measure "$target" "$label" "$client" "$mode" "$URL" "$PID" $bucket
  done
  kill "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
done

echo "$SIZE_MIB MiB zip, 1 cold + $WARM warm uploads per server and client, $(nproc) cores, $(date -u +%F); clients:"
echo "boto3 = upload_file with the CLI's defaults (8 MiB parts, 10 threads); java = the Java SDK $(unzip -p "$JAR" \
  META-INF/maven/software.amazon.awssdk/s3/pom.properties 2>/dev/null | sed -n 's/^version=//p') S3AsyncClient, multipart"
echo "enabled; cli = aws gamelift upload-build of the zip's folder (it deflates the folder into a zip first: $ZIP_SECONDS s alone here)"
echo
echo "| server | client | cold MB/s | warm MB/s (median) | warm, ratio to the disk sink (same client) | bytes written per byte uploaded | CPU s per GB |"
echo "|---|---|---|---|---|---|---|"
for row in "${ROWS[@]}"; do
  IFS='|' read -r label client cold median per_byte cpu <<<"$row"
  ratio=-
  [[ -n "${SINK_DISK_WARM[$client]:-}" ]] && ratio=$(awk -v a="$median" -v b="${SINK_DISK_WARM[$client]}" 'BEGIN {printf "%.2f", a / b}')
  echo "| $label | $client | $cold | $median | $ratio | $per_byte | $cpu |"
done
echo
echo "raw output: $OUT"
