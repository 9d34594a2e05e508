-- wrk's request mix for bench/server-load.sh: signed in as the demo doctor (cookie and
-- CSRF token from the environment), each request one of: a search as you type (50 %), a
-- patient read (20 %), a consultation with its case (20 %), a case saved as a new version
-- (10 %, from its current version; a 409 from a concurrent save counts as an answer).
local cookie = os.getenv("SMP_COOKIE")
local csrf = os.getenv("SMP_CSRF")
local patients, consultations = {}, {}
for id in string.gmatch(os.getenv("SMP_PATIENTS"), "[^,]+") do patients[#patients + 1] = id end
for id in string.gmatch(os.getenv("SMP_CONSULTATIONS"), "[^,]+") do consultations[#consultations + 1] = id end
local queries = {"a", "we", "oka", "fis", "her", "meh", "nov", "demo", "x"}
local counter = 0

request = function()
  counter = counter + 1
  local r = counter % 10
  local headers = {["Cookie"] = cookie}
  if r < 5 then
    return wrk.format("GET", "/api/patients?q=" .. queries[(counter % #queries) + 1] .. "&limit=20", headers)
  elseif r < 7 then
    return wrk.format("GET", "/api/patients/" .. patients[(counter % #patients) + 1], headers)
  elseif r < 9 then
    return wrk.format("GET", "/api/consultations/" .. consultations[(counter % #consultations) + 1], headers)
  else
    headers["X-CSRF-Token"] = csrf
    headers["Content-Type"] = "application/json"
    return wrk.format("PUT", "/api/patients/" .. patients[(counter % #patients) + 1] .. "/details", headers,
                      '{"version": 1, "full_name": "Load Test (demo)", "birth_date": "1980-01-01"}')
  end
end

local errors = 0
response = function(status, headers, body)
  if status >= 500 or status == 0 then errors = errors + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d in %.1f s: %.0f/s; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
                         summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
                         latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d; non-2xx/4xx: %d\n",
                         summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
                         summary.errors.status))
end
