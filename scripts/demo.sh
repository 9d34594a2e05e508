#!/usr/bin/env bash
# Installs what is missing, builds and starts the clinic app with a fresh demo clinic in
# out/demo-clinic (re-seeded at every start): prints the address and the demo sign-ins.
# Ctrl-C stops it. Arguments go to `smp serve` (for example --listen 127.0.0.1:8090).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -eq 0 ]; then ./scripts/install-deps.sh; else sudo ./scripts/install-deps.sh; fi
cmake --preset release
cmake --build --preset release --target smp
rm -rf out/demo-clinic
mkdir -p out/demo-clinic
exec ./build/release/apps/smp/smp serve --demo --data out/demo-clinic "$@"
