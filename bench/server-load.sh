#!/usr/bin/env bash
# The clinic server under load (a benchmark, not a test): a demo clinic on a loopback port,
# wrk with CONNECTIONS clients (default 200) for SECONDS (default 60) on the request mix of
# bench/server/mix.lua; prints wrk's figures and the server's resident memory before and
# after. Usage: bench/server-load.sh [build/release/apps/smp/smp] [SECONDS] [CONNECTIONS]
set -euo pipefail
smp=${1:-build/release/apps/smp/smp}
seconds=${2:-60}
connections=${3:-200}
dir=$(mktemp -d)
trap 'kill $server $sampler 2>/dev/null || true; rm -rf "$dir"' EXIT
sampler=
"$smp" serve --demo --data "$dir/clinic" --listen 127.0.0.1:0 > "$dir/out" 2> "$dir/log" &
server=$!
for _ in $(seq 100); do grep -q "listening on" "$dir/out" && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$dir/out")
password=$(awk '$1 == "doctor" {print $3}' "$dir/out")
login() {
  curl -s -c "$dir/cookies" -H 'Content-Type: application/json' -d "{\"name\":\"doctor\",\"password\":\"$1\"}" "$url/api/login" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])'
}
csrf=$(login "$password")
new_password="load test password $RANDOM"
curl -s -b "$dir/cookies" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
  -d "{\"current_password\":\"$password\",\"new_password\":\"$new_password\"}" "$url/api/me/password"
csrf=$(login "$new_password")
cookie="smp_session=$(awk '$6 == "smp_session" {print $7}' "$dir/cookies")"
patients=$(curl -s -b "$dir/cookies" "$url/api/patients?limit=50" | python3 -c 'import json,sys; print(",".join(p["id"] for p in json.load(sys.stdin)["patients"]))')
consultations=$(for p in ${patients//,/ }; do curl -s -b "$dir/cookies" "$url/api/patients/$p/consultations"; echo; done |
  python3 -c 'import json,sys; print(",".join(c["id"] for l in sys.stdin if l.strip() for c in json.loads(l)["consultations"]))')
rss() { awk '/VmRSS/ {print $2 / 1024 " MB"}' /proc/$server/status; }
echo "server memory before: $(rss)"
# The resident memory every 15 s while loaded: flat once the pools and caches are warm.
(while sleep 15; do echo "server memory at +${SECONDS}s: $(rss)"; done) &
sampler=$!
SMP_COOKIE=$cookie SMP_CSRF=$csrf SMP_PATIENTS=$patients SMP_CONSULTATIONS=$consultations \
  SMP_PHOTO="$(dirname "$0")/../examples/photos/astronaut-face.jpg" \
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s "$(dirname "$0")/server/mix.lua" "$url"
kill $sampler
echo "server memory after: $(rss)"
/usr/bin/python3 - "$dir/clinic/clinic.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print("rows written: %d photos, %d session logs" % tuple(db.execute(q).fetchone()[0] for q in
      ("SELECT COUNT(*) FROM photos", "SELECT COUNT(*) FROM session_logs")))
PY
echo "answers by status in the server's log:"
awk '{print $NF}' "$dir/log" | sort | uniq -c | sort -rn | head
