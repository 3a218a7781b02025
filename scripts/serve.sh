#!/usr/bin/env bash
# Installs, builds and serves the course on a fresh machine (Node 20+ and npm needed). The lessons' live diagrams
# run on the embedded chain inside the Next server: nothing else is needed.
#   HOST (default 0.0.0.0), PORT (default 3000), COURSE_BASE_PATH (e.g. /course) may be set.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
npm ci --no-audit --no-fund
npm run build
exec npx next start --hostname "${HOST:-0.0.0.0}" --port "${PORT:-3000}"
