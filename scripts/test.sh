#!/usr/bin/env bash
# Installs what is missing, builds everything and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -eq 0 ]; then ./scripts/install-deps.sh; else sudo ./scripts/install-deps.sh; fi
npm ci --no-audit --no-fund  # playwright-core for the browser tests (drives Debian chromium)
cmake --preset release
cmake --build --preset release
ctest --preset release -j2
