#!/usr/bin/env bash
# Stops with a clear Korean message unless the `node` on PATH is at least the version Next needs (the same as
# package.json's "engines"). Sourced or run first by scripts/serve.sh, scripts/test-all.sh and the systemd unit.
REQUIRED_NODE="20.9.0"

check_node_version() {
  local found
  if ! command -v node >/dev/null 2>&1; then
    echo "오류: Node.js를 찾지 못했습니다. Node.js ${REQUIRED_NODE} 이상이 필요합니다." >&2
    echo "설치 방법: deploy/README.md의 '0. Node.js 20 설치'를 따라 하세요 (데비안 12의 apt 기본 nodejs는 18입니다)." >&2
    return 1
  fi
  found="$(node -v 2>/dev/null || true)"
  local IFS=.
  # shellcheck disable=SC2206
  local have=(${found#v}) need=(${REQUIRED_NODE})
  local i
  for i in 0 1 2; do
    local h="${have[$i]:-0}" n="${need[$i]}"
    h="${h%%[!0-9]*}"
    if ! [[ "$h" =~ ^[0-9]+$ ]]; then h=0; fi
    if ((10#$h > 10#$n)); then return 0; fi
    if ((10#$h < 10#$n)); then
      echo "오류: Node.js ${REQUIRED_NODE} 이상이 필요한데, 지금 있는 것은 ${found:-알 수 없는 버전} ($(command -v node))입니다." >&2
      echo "설치 방법: deploy/README.md의 '0. Node.js 20 설치'를 따라 하세요 (데비안 12의 apt 기본 nodejs는 18입니다)." >&2
      return 1
    fi
  done
  return 0
}

# Run directly (the systemd unit's ExecStartPre): exit with the result.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  check_node_version
  exit $?
fi
