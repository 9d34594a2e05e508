#!/usr/bin/env bash
# Whole-command timings: `smp design` on every bundled example, then `smp render` of the
# Norwood VI case and `smp demo` (the whole plan with renders and reports), then the
# photo path on five 12 MP synthetic photos (`smp photo analyse`, `smp render --photos`), wall time and peak memory (GNU
# time), one run each after a warm-up. Usage: bench/time-commands.sh [build dir]
set -euo pipefail
cd "$(dirname "$0")/.."
smp="${1:-build/release}/apps/smp/smp"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '%-32s %10s %12s %8s\n' example wall_s peak_rss_mb dots
for case in examples/*.toml; do
  [ "$(basename "$case")" = price-book.toml ] && continue  # the clinic's prices, not a case
  "$smp" design "$case" --out "$out/warm" > /dev/null
  /usr/bin/time -f '%e %M' -o "$out/time" "$smp" design "$case" --out "$out/run" > /dev/null
  read -r wall rss < "$out/time"
  dots=$(grep -o '"dots_total": [0-9]*' "$out/run/design.json" | grep -o '[0-9]*$')
  printf '%-32s %10s %12.1f %8s\n' "$(basename "$case")" "$wall" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$dots"
done

printf '\n%-32s %10s %12s\n' command wall_s peak_rss_mb
timed() {  # label, then the command
  local label=$1
  shift
  "$@" > /dev/null
  /usr/bin/time -f '%e %M' -o "$out/time" "$@" > /dev/null
  read -r wall rss < "$out/time"
  printf '%-32s %10s %12.1f\n' "$label" "$wall" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')"
}
timed "smp render (Norwood VI)" "$smp" render examples/norwood6-buzzcut.toml --out "$out/render-nw6"
timed "smp demo" "$smp" demo --out "$out/demo"

# The photo path: the Norwood VI head photographed in the five views at 12 MP, fitted.
case=examples/norwood6-buzzcut.toml
"$smp" photo synth "$case" --out "$out/photos" --width 4000 --height 3000 > /dev/null
for view in front top left right back; do "$smp" photo fit "$out/photos/$view" --case "$case" > /dev/null; done
timed "smp photo analyse (5 x 12 MP)" "$smp" photo analyse "$out/photos" --case "$case"
timed "smp render --photos (5 x 12 MP)" "$smp" render "$case" --photos "$out/photos" --years 5 --out "$out/render"
