#!/usr/bin/env bash
# Sourced before `npm ci`: what npm needs to compile better-sqlite3 (the class dashboard's SQLite) when it cannot
# download a prebuilt binary. Installs python3, make and g++ from Debian when missing (as root), and points
# node-gyp at the headers of the node that runs (NodeSource ships them in /usr/include/node), so that nothing but
# the npm registry is needed.
prepare_native_build() {
  local need=()
  command -v python3 >/dev/null || need+=(python3)
  command -v make >/dev/null || need+=(make)
  command -v g++ >/dev/null || need+=(g++)
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "better-sqlite3를 컴파일할 도구를 설치합니다: ${need[*]}"
      apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"
    else
      echo "better-sqlite3를 컴파일하려면 다음 도구가 필요합니다: ${need[*]} (apt-get install -y ${need[*]})" >&2
    fi
  fi
  if [ -z "${npm_config_nodedir:-}" ]; then
    local prefix
    prefix="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
    if [ -f "$prefix/include/node/node.h" ]; then export npm_config_nodedir="$prefix"; fi
  fi
}
