-- wrk script: cycles through the request paths in the file named by WRK_PATHS (one per line),
-- and reports latency percentiles and non-2xx responses in a table at the end.
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
local i = 0

request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write +
                 summary.errors.status + summary.errors.timeout
  io.write(string.format("requests/s %.0f | p50 %.2f ms | p90 %.2f ms | p99 %.2f ms | max %.2f ms | " ..
                         "requests %d | errors %d (non-2xx %d, timeouts %d)\n",
                         summary.requests / (summary.duration / 1e6),
                         latency:percentile(50) / 1000, latency:percentile(90) / 1000,
                         latency:percentile(99) / 1000, latency.max / 1000,
                         summary.requests, errors, summary.errors.status, summary.errors.timeout))
end
