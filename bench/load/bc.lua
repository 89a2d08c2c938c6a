-- wrk script for the bc-authorize load (bench/lib.sh, bench_drive with BENCH_LOAD=wrk): each request posts the next
-- body of the file bench/load/bodies-file.mjs wrote (line 1: the Authorization header), so every request object is
-- used once; past the end it would start again, and the replays would show as non-2xx answers. One thread (-t1).
--   wrk -t1 -c16 -d8s -s bench/load/bc.lua URL -- BODIES_FILE
-- Prints one JSON line: rps, p50, p90, p99, p999 and max in ms, non2xx, errors (connect, read, write, timeout).
local bodies, headers, index = {}, {}, 0

function init(args)
  for line in io.lines(args[1]) do
    if headers.Authorization == nil then headers.Authorization = line else bodies[#bodies + 1] = line end
  end
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  headers["Accept"] = "application/json"
end

function request()
  index = index % #bodies + 1
  return wrk.format("POST", nil, headers, bodies[index])
end

function done(summary, latency, requests)
  local ms = function(p) return latency:percentile(p) / 1000 end
  local e = summary.errors
  io.write(string.format(
    '{"rps":%.1f,"p50":%.2f,"p90":%.2f,"p99":%.2f,"p999":%.2f,"max":%.2f,"non2xx":%d,"errors":%d}\n',
    summary.requests / (summary.duration / 1e6), ms(50), ms(90), ms(99), ms(99.9), latency.max / 1000, e.status,
    e.connect + e.read + e.write + e.timeout))
end
