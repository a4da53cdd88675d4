-- One fixed AWS JSON 1.1 request, POSTed on every call; used for Hangar and for the baseline alike.
--   WRK_TARGET         X-Amz-Target header, e.g. GameLift.DescribeBuild
--   WRK_BODY           request body, e.g. {"BuildId":"build-..."}
--   WRK_HOST, WRK_AMZ_DATE, WRK_AUTHORIZATION
--                      a SigV4 signature made by sign.py (optional): replayed on every request
-- The baseline gets the same headers (it ignores them), so that both servers parse requests of the same size.
-- done() prints one machine-readable RESULT line that run.sh parses.
wrk.method = "POST"
wrk.body = os.getenv("WRK_BODY") or "{}"
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"

local function header(name, variable)
  local value = os.getenv(variable)
  if value ~= nil and value ~= "" then
    wrk.headers[name] = value
  end
end
header("X-Amz-Target", "WRK_TARGET")
header("Host", "WRK_HOST")
header("X-Amz-Date", "WRK_AMZ_DATE")
header("Authorization", "WRK_AUTHORIZATION")

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect, e.read, e.write, e.timeout))
end
