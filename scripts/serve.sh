#!/usr/bin/env bash
# Installs, builds and serves the course on a fresh machine (Node 20.9+ and npm needed: deploy/README.md says how). The lessons' live diagrams
# run on the embedded chain inside the Next server: nothing else is needed.
#   HOST (default 0.0.0.0), PORT (default 3000) or COURSE_LISTEN (host:port or unix:/path), and
#   COURSE_BASE_PATH (e.g. /course, used at build time) may be set.
set -euo pipefail
cd "$(dirname "$0")/.."
# First of all: Next needs Node 20.9 or later (Debian 12's own nodejs is 18).
source scripts/check-node.sh
check_node_version || exit 1
source scripts/native-build.sh
prepare_native_build
export NEXT_TELEMETRY_DISABLED=1
npm ci --no-audit --no-fund
npm run build
export COURSE_LISTEN="${COURSE_LISTEN:-${HOST:-0.0.0.0}:${PORT:-3000}}"
exec node scripts/server.mjs
