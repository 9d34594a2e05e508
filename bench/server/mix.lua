-- wrk's request mix for bench/server-load.sh: signed in as the demo doctor (cookie and
-- CSRF token from the environment), each request one of: a search as you type (45 %), a
-- patient read (17 %), a consultation with its case (17 %), a patient's details saved
-- (10 %, from version 1: after the first save a 409 counts as an answer), a session log
-- written (10 %) and a front photo uploaded (1 %, the 53 KB JPEG of examples/photos: 10
-- a second, 0.45 MB stored each, sealed original and PNG).
local cookie = os.getenv("SMP_COOKIE")
local csrf = os.getenv("SMP_CSRF")
local patients, consultations = {}, {}
for id in string.gmatch(os.getenv("SMP_PATIENTS"), "[^,]+") do patients[#patients + 1] = id end
for id in string.gmatch(os.getenv("SMP_CONSULTATIONS"), "[^,]+") do consultations[#consultations + 1] = id end
local queries = {"a", "we", "oka", "fis", "her", "meh", "nov", "demo", "x"}
local photo = io.open(os.getenv("SMP_PHOTO"), "rb"):read("*a")
local session_log = [[{"patient_id": "%s", "session_number": 1, "started_at": "2026-12-01T09:05:00Z",
  "ended_at": "2026-12-01T12:40:00Z", "areas": ["frontal"], "needles": [{"type": "3RL 0.25 mm", "lot": "N-1"}],
  "pigments": [{"brand": "Scalp Ink", "shade": "SMP-2", "lot": "LOT-5", "expiry": "2099-12-31"}],
  "dilution_percent": 30, "depth_setting": "0.6 mm", "sedation": false, "impressions_estimated": 1700}]]
local counter = 0

request = function()
  counter = counter + 1
  local r = counter % 100
  local headers = {["Cookie"] = cookie}
  local patient = patients[(counter % #patients) + 1]
  if r < 45 then
    return wrk.format("GET", "/api/patients?q=" .. queries[(counter % #queries) + 1] .. "&limit=20", headers)
  elseif r < 62 then
    return wrk.format("GET", "/api/patients/" .. patient, headers)
  elseif r < 79 then
    return wrk.format("GET", "/api/consultations/" .. consultations[(counter % #consultations) + 1], headers)
  end
  headers["X-CSRF-Token"] = csrf
  if r < 89 then
    headers["Content-Type"] = "application/json"
    return wrk.format("PUT", "/api/patients/" .. patient .. "/details", headers,
                      '{"version": 1, "full_name": "Load Test (demo)", "birth_date": "1980-01-01"}')
  elseif r < 99 then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", "/api/session-logs", headers, string.format(session_log, patient))
  else
    headers["Content-Type"] = "image/jpeg"
    return wrk.format("POST", "/api/consultations/" .. consultations[(counter % #consultations) + 1] ..
                      "/photos?view=front&file_name=load.jpg", headers, photo)
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
  io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d; answers >= 400: %d\n",
                         summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
                         summary.errors.status))
end
