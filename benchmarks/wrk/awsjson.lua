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
--
-- Two modes for operations whose requests cannot be replayed (the live builds stay bounded; run.sh's create and
-- delete scenarios), each needing WRK_THREADS (wrk's -t):
--   WRK_COLLECT=<prefix> WRK_COUNT=<n>  each thread stops after n replies and writes the first "build-..." id
--                      of each reply (CreateBuild's BuildId) to <prefix>.<thread index>, one a line
--   WRK_REQUESTS=<file> WRK_BATCH_TARGET=<X-Amz-Target> WRK_BATCH_PATH=<path>
--                      thread i sends lines i, i + threads, ... of the file (sign.py --batch: date, authorization,
--                      body in hex) once each and stops when as many replies came; a connection of a thread with
--                      none left sends the fixed request above instead (at most one per connection, counted);
--                      the lines go to WRK_BATCH_PATH (the operation's path over CBOR), the fixed one to wrk's URL
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

local collect = os.getenv("WRK_COLLECT")
local batch = os.getenv("WRK_REQUESTS")
local counted = collect or batch
local threads = {}
local first_us, answered = nil, 0

-- A counted run's threads stop on their own but wrk's main thread sleeps out -d: each thread writes
-- <WRK_DONE>.<index> when it stops, run.sh then sends wrk SIGINT (it prints its summary and runs done()), and
-- done() takes the time from each thread's first request to its last counted reply, not wrk's.
local now_us
if counted then
  local ffi = require("ffi")
  ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } hangar_timespec;
    int clock_gettime(int clock, hangar_timespec *now);
  ]]
  local now = ffi.new("hangar_timespec")
  now_us = function()
    ffi.C.clock_gettime(1, now)   -- CLOCK_MONOTONIC
    return tonumber(now.tv_sec) * 1e6 + tonumber(now.tv_nsec) / 1e3
  end
  function setup(thread)
    thread:set("thread_index", #threads)
    threads[#threads + 1] = thread
  end
end

local function finish(ids)
  elapsed_us = now_us() - first_us
  answered_total = answered
  if ids then
    local file = assert(io.open(collect .. "." .. thread_index, "w"))
    file:write(table.concat(ids, "\n"), "\n")
    file:close()
  end
  local marker = assert(io.open(os.getenv("WRK_DONE") .. "." .. thread_index, "w"))
  marker:close()
  wrk.thread:stop()
end

if collect then
  local limit = tonumber(os.getenv("WRK_COUNT")) or error("WRK_COLLECT needs WRK_COUNT")
  local ids, stopped, fixed = {}, false, nil
  function init(args)
    fixed = wrk.format()
  end
  function request()
    first_us = first_us or now_us()
    return fixed
  end
  function response(status, headers, body)
    if stopped then
      return
    end
    answered = answered + 1
    local id = body and body:match("build%-[%x%-]+")
    if id then
      ids[#ids + 1] = id
    end
    if answered >= limit then
      stopped = true
      finish(ids)
    end
  end
end

if batch then
  local list, next_index, filler, stopped = {}, 1, nil, false
  local function unhex(hex)
    return (hex:gsub("..", function(byte) return string.char(tonumber(byte, 16)) end))
  end
  function init(args)
    local total = tonumber(os.getenv("WRK_THREADS")) or error("WRK_REQUESTS needs WRK_THREADS")
    local target = os.getenv("WRK_BATCH_TARGET")
    local path = os.getenv("WRK_BATCH_PATH")
    local n = 0
    for line in io.lines(batch) do
      if n % total == thread_index then
        local date, authorization, hex = line:match("^([^\t]+)\t([^\t]+)\t(%x*)$")
        if date == nil then
          error(batch .. ": not a sign.py --batch line: " .. line)
        end
        local headers = {}
        for name, value in pairs(wrk.headers) do
          headers[name] = value
        end
        headers["X-Amz-Date"] = date
        headers["Authorization"] = authorization
        if protocol == "json" then
          headers["X-Amz-Target"] = target
        end
        list[#list + 1] = wrk.format("POST", path, headers, unhex(hex))
      end
      n = n + 1
    end
    filler = wrk.format()
  end
  function request()
    first_us = first_us or now_us()
    local next = list[next_index]
    if next == nil then
      return filler
    end
    next_index = next_index + 1
    return next
  end
  function response(status, headers, body)
    if stopped then
      return
    end
    answered = answered + 1
    if answered >= #list then
      stopped = true
      finish(nil)
    end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local count, duration_us = summary.requests, summary.duration
  if counted then
    count, duration_us = 0, 0
    for _, thread in ipairs(threads) do
      count = count + (thread:get("answered_total") or 0)
      duration_us = math.max(duration_us, thread:get("elapsed_us") or 0)
    end
  end
  io.write(string.format(
    "RESULT requests=%d duration_us=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    count, duration_us, count / (duration_us / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect, e.read, e.write, e.timeout))
end
