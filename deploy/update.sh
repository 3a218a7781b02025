#!/usr/bin/env bash
# Safe update (deploy/README.md, "5. 업데이트와 되돌리기"): each release is built in its own folder, the course
# switches to it by one symlink, and no request is dropped on the way:
#   1. /srv/wsgi-journey/releases/<id>: the source at src's HEAD, `npm ci`, `npm run build` (the site being served
#      is not touched while this runs);
#   2. that release's own Node server starts on its own socket (releases/<id>/.run/node.sock) and answers
#      /api/health and a chain request before anything changes;
#   3. `current` → releases/<id> is switched in one rename: nginx's next file and next Node connection are the new
#      release's (its site reads both through /srv/wsgi-journey/current);
#   4. nginx reloads gracefully: its old workers finish what they have, then close their connections to the old
#      Node; once they are gone the old Node server is stopped. Old releases beyond the last KEEP are removed.
# Usage (root):
#   bash /srv/wsgi-journey/src/deploy/update.sh              # build src's HEAD (git pull first) and switch to it
#   bash /srv/wsgi-journey/src/deploy/update.sh --rollback   # switch back to the release before the current one
#   bash /srv/wsgi-journey/src/deploy/update.sh --to <id>    # switch to a release still in releases/
# The commands that start and stop a release's server and reload nginx are systemd's by default; the test
# (deploy/update.test.ts) replaces them through the environment (START_CMD, STOP_CMD, RELOAD_CMD, …).
set -euo pipefail

BASE="${COURSE_BASE:-/srv/wsgi-journey}"
SRC="${COURSE_SRC:-$BASE/src}"
KEEP="${KEEP_RELEASES:-3}"
NGINX_PID_FILE="${NGINX_PID_FILE:-/run/nginx.pid}"
# $ID is the release to start or stop; $RELEASE its folder.
START_CMD="${START_CMD:-systemctl enable --now \"wsgi-journey@\$ID\"}"
STOP_CMD="${STOP_CMD:-systemctl disable --now \"wsgi-journey@\$ID\"}"
RELOAD_CMD="${RELOAD_CMD:-systemctl reload nginx}"
# How a release is made from the source; the test copies an already built tree instead.
BUILD_CMD="${BUILD_CMD:-npm ci --no-audit --no-fund && npm run build}"
OWNER="${COURSE_OWNER:-www-data:www-data}"

say() { echo "update: $*" >&2; }
die() { echo "update: 오류: $*" >&2; exit 1; }

run_for() { # run_for <command> <id>
  ID="$2" RELEASE="$BASE/releases/$2" bash -c "$1"
}

current_id() {
  if [ -L "$BASE/current" ]; then basename "$(readlink "$BASE/current")"; fi
}

# Asks a release's own server (over its socket) for its health and one chain answer; true when both are 200.
healthy() {
  local socket="$BASE/releases/$1/.run/node.sock"
  node -e '
    const http = require("node:http");
    const ask = (method, path, body) => new Promise((resolve) => {
      const request = http.request({ socketPath: process.argv[1], method, path, headers: { "content-type": "application/json" } },
        (response) => { response.resume(); response.on("end", () => resolve(response.statusCode)); });
      request.on("error", () => resolve(0));
      request.end(body);
    });
    (async () => {
      const health = await ask("GET", "/api/health");
      const chain = await ask("POST", "/api/chain", JSON.stringify({ scenario: "hello_cju", request: { method: "GET", target: "/hello/cju" } }));
      process.exit(health === 200 && chain === 200 ? 0 : 1);
    })();
  ' "$socket" 2>/dev/null
}

# nginx's worker processes (children of the master) as they are now.
nginx_children() {
  local master
  master="$(cat "$NGINX_PID_FILE" 2>/dev/null || true)"
  [ -n "$master" ] || return 0
  pgrep -P "$master" 2>/dev/null || true
}

# Waits until the given processes (nginx's workers from before the reload) have exited. `nginx -s reload` and
# `systemctl reload nginx` only signal the master and return at once: the old workers go on serving (and keep
# their connections to the old Node server) until the new ones have started and they have finished what they have.
wait_for_exit() {
  local pid alive
  for _ in $(seq 1 600); do
    alive=""
    for pid in "$@"; do
      if [ -e "/proc/$pid" ] && ! grep -q ') Z ' "/proc/$pid/stat" 2>/dev/null; then alive="$pid"; break; fi
    done
    [ -n "$alive" ] || return 0
    sleep 0.1
  done
  say "nginx의 이전 작업 프로세스가 60초 안에 끝나지 않았습니다: 이전 서버를 그대로 멈춥니다"
}

switch_to() {
  local id="$1" old
  old="$(current_id)"
  [ -d "$BASE/releases/$id" ] || die "릴리스 $id가 없습니다 (ls $BASE/releases)"
  [ "$id" != "$old" ] || die "이미 $id를 서비스하고 있습니다"
  mkdir -p "$BASE/releases/$id/.run"
  chown "$OWNER" "$BASE/releases/$id/.run" 2>/dev/null || true
  say "starting release $id"
  run_for "$START_CMD" "$id"
  for _ in $(seq 1 600); do
    if healthy "$id"; then break; fi
    sleep 0.2
  done
  healthy "$id" || { run_for "$STOP_CMD" "$id" || true; die "새 릴리스 $id의 서버가 답하지 않습니다. 지금 서비스는 그대로 $old입니다"; }
  # One rename: the link is made aside, then moved over the old one.
  ln -sfn "releases/$id" "$BASE/current.next"
  mv -T "$BASE/current.next" "$BASE/current"
  say "current → releases/$id"
  local before
  before="$(nginx_children)"
  bash -c "$RELOAD_CMD"
  # shellcheck disable=SC2086 # one pid per word
  wait_for_exit $before
  if [ -n "$old" ]; then
    say "stopping release $old"
    run_for "$STOP_CMD" "$old" || true
  fi
  echo "$id" > "$BASE/releases/$id/.run/activated"
}

prune() {
  local now keep=0 id
  now="$(current_id)"
  # Newest first (ids start with the build time); the current one is always kept.
  for id in $(ls -1 "$BASE/releases" | sort -r); do
    if [ "$id" = "$now" ]; then continue; fi
    keep=$((keep + 1))
    if [ "$keep" -ge "$KEEP" ]; then
      say "removing old release $id"
      rm -rf "${BASE:?}/releases/$id"
    fi
  done
}

case "${1:-}" in
  --rollback)
    now="$(current_id)"
    previous="$(ls -1 "$BASE/releases" | sort | awk -v now="$now" '$0 == now { print prev; exit } { prev = $0 }')"
    [ -n "$previous" ] || die "되돌아갈 이전 릴리스가 없습니다 (ls $BASE/releases)"
    switch_to "$previous"
    exit 0
    ;;
  --to)
    [ -n "${2:-}" ] || die "릴리스 이름을 적어 주세요: update.sh --to <id>"
    switch_to "$2"
    exit 0
    ;;
  "") ;;
  *) die "알 수 없는 옵션: $1 (옵션 없이, --rollback, --to <id>)" ;;
esac

source "$SRC/scripts/check-node.sh"
check_node_version || exit 1
# npm ci compiles better-sqlite3 when it cannot download a prebuilt one: python3, make, g++ and node's headers.
source "$SRC/scripts/native-build.sh"
prepare_native_build
mkdir -p "$BASE/releases"
id="$(date -u +%Y%m%d-%H%M%S)-$(git -C "$SRC" rev-parse --short HEAD 2>/dev/null || echo local)"
[ ! -e "$BASE/releases/$id" ] || id="$id-$$"
release="$BASE/releases/$id"
say "building release $id in $release"
mkdir -p "$release"
git -C "$SRC" archive HEAD | tar -x -C "$release"
( cd "$release" && export NEXT_TELEMETRY_DISABLED=1 && RELEASE="$release" SRC="$SRC" bash -c "$BUILD_CMD" ) || { rm -rf "$release"; die "빌드에 실패했습니다. 지금 서비스는 그대로입니다"; }
# The Node server (www-data) keeps Next's cache there.
chown -R "$OWNER" "$release/.next" 2>/dev/null || true
switch_to "$id"
prune
say "done: release $id is live"
