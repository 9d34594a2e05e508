#!/usr/bin/env bash
# Installs what is missing, builds and runs the main job on the bundled example.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -eq 0 ]; then ./scripts/install-deps.sh; else sudo ./scripts/install-deps.sh; fi
cmake --preset release
cmake --build --preset release --target smp
./build/release/apps/smp/smp demo "$@"
