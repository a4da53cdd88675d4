-- One fixed GameLift request, POSTed on every call to the URL given to wrk; used for Hangar and for the baseline
-- alike. WRK_PROTOCOL picks the wire protocol:
--   json (the default)  AWS JSON 1.1: Content-Type application/x-amz-json-1.1 and X-Amz-Target (the URL is /)
--   cbor                Smithy RPC v2 CBOR: smithy-protocol: rpc-v2-cbor, Content-Type and Accept
--                       application/cbor, no X-Amz-Target (the URL is /service/GameLift/operation/<Operation>)
--   WRK_TARGET         X-Amz-Target header over JSON, e.g. GameLift.DescribeBuild
--   WRK_BODY           the JSON request body, e.g. {"BuildId":"build-..."}
--   WRK_BODY_HEX       the CBOR request body in hex (sign.py --cbor prints it), over CBOR
--   WRK_HOST, WRK_AMZ_DATE, WRK_AUTHORIZATION
--                      a SigV4 signature made by sign.py (optional): replayed on every request
-- The baseline gets the same headers (it ignores them), so that both servers parse requests of the same size.
-- done() prints one machine-readable RESULT line that run.sh parses.
local function header(name, variable)
  local value = os.getenv(variable)
  if value ~= nil and value ~= "" then
    wrk.headers[name] = value
  end
end

local protocol = os.getenv("WRK_PROTOCOL") or "json"
wrk.method = "POST"
if protocol == "json" then
  wrk.body = os.getenv("WRK_BODY") or "{}"
  wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
  header("X-Amz-Target", "WRK_TARGET")
elseif protocol == "cbor" then
  local hex = os.getenv("WRK_BODY_HEX") or "a0"
  if #hex % 2 ~= 0 or hex:find("[^0-9a-fA-F]") then
    error("WRK_BODY_HEX is not hex: " .. hex)
  end
  wrk.body = hex:gsub("..", function(byte) return string.char(tonumber(byte, 16)) end)
  wrk.headers["smithy-protocol"] = "rpc-v2-cbor"
  wrk.headers["Content-Type"] = "application/cbor"
  wrk.headers["Accept"] = "application/cbor"
else
  error("WRK_PROTOCOL must be json or cbor, not " .. protocol)
end
-- (wrk reports an error here and still runs, with its default request; done() below is then never defined, so
-- no RESULT line is printed and run.sh stops.)
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
