-- wrk script of bench/run.py: counts the answers by status class and by X-Cache (HIT / MISS),
-- and prints one line "WRK_JSON {...}" with the totals and the latency percentiles (microseconds).
-- Extra request headers (Cookie, Accept-Encoding) come from wrk's -H options.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   s2xx, s3xx, s4xx, s5xx, hits, misses = 0, 0, 0, 0, 0, 0
end

function response(status, headers, body)
   if status >= 500 then
      s5xx = s5xx + 1
   elseif status >= 400 then
      s4xx = s4xx + 1
   elseif status >= 300 then
      s3xx = s3xx + 1
   else
      s2xx = s2xx + 1
   end
   local cache = headers["X-Cache"] or headers["x-cache"]
   if cache == "HIT" then
      hits = hits + 1
   elseif cache == "MISS" then
      misses = misses + 1
   end
end

function done(summary, latency, requests)
   local totals = {s2xx = 0, s3xx = 0, s4xx = 0, s5xx = 0, hits = 0, misses = 0}
   for _, thread in ipairs(threads) do
      for name, _ in pairs(totals) do
         totals[name] = totals[name] + (thread:get(name) or 0)
      end
   end
   local e = summary.errors
   io.write(string.format(
      'WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
      '"connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d, "status_errors": %d, ' ..
      '"s2xx": %d, "s3xx": %d, "s4xx": %d, "s5xx": %d, "cache_hits": %d, "cache_misses": %d, ' ..
      '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f}\n',
      summary.requests, summary.duration, summary.bytes,
      e.connect, e.read, e.write, e.timeout, e.status,
      totals.s2xx, totals.s3xx, totals.s4xx, totals.s5xx, totals.hits, totals.misses,
      latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, latency.mean))
end
