#!/usr/bin/env bash
# Installs every Debian 12 package SMP Studio needs to build, test and run.
# Run as root. The list is the single source of the project's dependencies.
set -euo pipefail
packages=(
  # toolchain
  g++ cmake ninja-build pkg-config ccache
  # libraries (see docs/architecture.md for what each is for)
  libtomlplusplus-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  libcairo2-dev libopencv-dev
  # schedule.ics (libical) and its independent check in the tests (Debian's python3)
  libical-dev python3-icalendar
  # report.html (images embedded as base64) and report.pdf / session sheets (wrapped text)
  libb64-dev libpango1.0-dev
  # photo import: JPEG, PNG, HEIC decoders, EXIF orientation, ICC profiles to sRGB
  libjpeg62-turbo-dev libpng-dev zlib1g-dev libheif-dev libexif-dev liblcms2-dev
  # landmark suggestions: OpenCV's trained face and eye cascades
  opencv-data
  # report checks in the tests: poppler's pdfinfo/pdftotext, headless chromium (playwright-core via npm)
  poppler-utils chromium nodejs
  # the clinic server: HTTP(S) API, records in SQLite or PostgreSQL 15 (and a PostgreSQL
  # server the tests start themselves), Argon2id and SHA-256 (libsodium); wrk loads it in bench/
  libcpp-httplib-dev libssl-dev libsqlite3-dev libpq-dev postgresql libsodium-dev wrk
  # names compared as people write them (Unicode case folding and normalisation: GLib)
  libglib2.0-dev
  # the API's answers checked against docs/openapi.yaml (tests/server/openapi_contract.py)
  python3-yaml python3-jsonschema
  # a self-signed certificate for the HTTPS test
  openssl
  # tests and benchmarks; the outputs' SHA-256 against tests/golden
  libgtest-dev libgmock-dev libbenchmark-dev
  # whole-command timings in bench/; the dots' spacing measured apart from the planner
  # (bench/spacing-quality.py: a KD-tree)
  time python3-scipy
)
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: run as root (apt-get install needs it)" >&2
  exit 1
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
# npm: Debian's nodejs needs the npm package; NodeSource's nodejs (on some base images)
# already has npm and conflicts with Debian's.
if ! command -v npm > /dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm
fi
