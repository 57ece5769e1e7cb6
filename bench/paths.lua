-- wrk: each request a different path, read from the file named by BENCH_PATHS (one a line).
-- Thread k of BENCH_PATHS_STRIDE sends paths START + k, START + k + STRIDE, … so that no two
-- requests of a run share a path, and bench/load.py starts the next run where this one
-- stopped (BENCH_PATHS_START). Counts how the page cache answered (X-Page-Cache) and
-- prints it when the run is done.
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do
  paths[#paths + 1] = line
end
local start = tonumber(os.getenv("BENCH_PATHS_START") or "0")
local stride = tonumber(os.getenv("BENCH_PATHS_STRIDE") or "1")

local threads = {}

function setup(thread)
  thread:set("k", #threads)
  table.insert(threads, thread)
end

function init(args)
  sent = 0
  hits = 0
  misses = 0
end

function request()
  local i = start + k + stride * sent
  sent = sent + 1
  return wrk.format("GET", paths[i % #paths + 1])
end

function response(status, headers, body)
  local cache = headers["X-Page-Cache"] or headers["x-page-cache"]
  if cache == "hit" then
    hits = hits + 1
  elseif cache == "miss" then
    misses = misses + 1
  end
end

function done(summary, latency, requests)
  local h, m = 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits")
    m = m + thread:get("misses")
  end
  io.write(string.format("page cache: %d hits, %d misses, %d paths\n", h, m, #paths))
end
