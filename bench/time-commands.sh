#!/usr/bin/env bash
# Whole-command timings: `smp design` on every bundled example, then `smp demo` (the
# whole plan with renders and reports), wall time and peak memory (GNU time), one run
# each after a warm-up. Usage: bench/time-commands.sh [build dir]
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
"$smp" demo --out "$out/demo" > /dev/null
/usr/bin/time -f '%e %M' -o "$out/time" "$smp" demo --out "$out/demo" > /dev/null
read -r wall rss < "$out/time"
printf '%-32s %10s %12.1f\n' "smp demo" "$wall" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')"
