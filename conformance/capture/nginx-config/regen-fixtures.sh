#!/bin/sh
# Regenerates fixtures/<case>/expected.txt from the real nginx (`nginx -t`) for every case, or only the named ones.
# The time stamp and pid nginx prints are normalised to what formatNginxTest prints by default.
# usage: conformance/capture/nginx-config/regen-fixtures.sh [case...]   (cases are folders of lib/chain/nginx/config/fixtures)
set -eu
tools=$(cd "$(dirname "$0")" && pwd)
here=$(cd "$tools/../../../lib/chain/nginx/config" && pwd)
cd "$here/fixtures"
cases="$*"
[ -n "$cases" ] || cases=$(ls)
for c in $cases; do
  "$tools/real-nginx-t.sh" "$c/nginx.conf" hello_cju \
    | sed -E 's#^[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} \[([a-z]+)\] [0-9]+\#[0-9]+: #1970/01/01 00:00:00 [\1] 1234\#1234: #' \
    > "$c/expected.txt"
  echo "$c: $(head -1 "$c/expected.txt")"
done
