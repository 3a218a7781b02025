#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian 12 machine (as root) and runs the whole suite (npm test):
# lint, type check, the unit run (self-contained: the model against recordings committed in the repo), the live
# run (npm run test:live: the real nginx, Gunicorn, uWSGI, Flask and CPython answer again and every recording must
# still say what they answer), production build, Playwright e2e in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
# First of all: Next needs Node 20.9 or later (Debian 12's own nodejs is 18; deploy/README.md says how to get it).
source scripts/check-node.sh
check_node_version || exit 1

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/sbin/nginx ] || need+=(nginx)
[ -x /usr/bin/gunicorn ] || need+=(gunicorn)
[ -x /usr/bin/uwsgi ] || need+=(uwsgi)
[ -e /usr/lib/uwsgi/plugins/python3_plugin.so ] || need+=(uwsgi-plugin-python3)
/usr/bin/python3 -c 'import flask' 2>/dev/null || need+=(python3-flask)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"
fi

source scripts/native-build.sh
prepare_native_build
export NEXT_TELEMETRY_DISABLED=1
npm ci --no-audit --no-fund
npm test
