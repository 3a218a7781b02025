#!/bin/bash
# Asks the real nginx, for every directive in directives.ts, (1) in which contexts it is "not allowed here",
# (2) which argument counts are "invalid number of arguments", (3) what it says for a few sample values.
# Writes table-fixtures/{contexts,arguments,values}.txt, read by directives.test.ts. Not part of the test command.
set -eu
tools=$(cd "$(dirname "$0")" && pwd)
here=$(cd "$tools/../../../lib/chain/nginx/config" && pwd)
run() {
  local f; f=$(mktemp /tmp/site.XXXXXX); printf '%b' "$1" > "$f"
  "$tools/real-nginx-t.sh" "$f" | grep '\[emerg\]\|\[warn\]' | head -1 | sed -E 's/^.*#[0-9]+: //' || true
  rm -f "$f"
}
wrap() { # context, directive text
  case $1 in
    http) printf '%s\\n' "$2";;
    server) printf 'server {\\n%s\\n}\\n' "$2";;
    location) printf 'server {\\nlocation / {\\n%s\\n}\\n}\\n' "$2";;
    sif) printf 'server {\\nif ($uri) {\\n%s\\n}\\n}\\n' "$2";;
    lif) printf 'server {\\nlocation / {\\nif ($uri) {\\n%s\\n}\\n}\\n}\\n' "$2";;
    lmt) printf 'server {\\nlocation / {\\nlimit_except GET {\\n%s\\n}\\n}\\n}\\n' "$2";;
  esac
}
blocks='include\|location\|if\|limit_except\|server\|types\|events\|http\|upstream\|map\|geo\|split_clients'
names=$(sed -nE 's/^  ([a-z_0-9]+): .*/\1/p' "$here/directives.ts" | grep -vx "$blocks")
# Real directives the model does not run: only nginx's context and argument checks apply to them.
unsupported=$(node -e 'console.log(Object.keys(require(process.argv[1]).directives).join("\n"))' "$here/real-directives.json" | grep -vxF -f <(printf '%s\n' $names) | grep -vx "$blocks")
out="$here/table-fixtures"
: > "$out/contexts.txt"; : > "$out/arguments.txt"; : > "$out/values.txt"
for n in $names $unsupported; do
  first=""
  for c in http server location sif lif lmt; do
    if run "$(wrap $c "$n x;")" | grep -q 'is not allowed here'; then r=1; else r=0; [ -n "$first" ] || first=$c; fi
    echo "$n $c $r" >> "$out/contexts.txt"
  done
  [ -n "$first" ] || continue
  case $first in sif|lif|lmt) continue;; esac
  for k in 0 1 2 3 4; do
    a=""; for i in $(seq 1 $k); do a="$a x$i"; done
    if run "$(wrap $first "$n$a;")" | grep -q 'invalid number of arguments'; then r=1; else r=0; fi
    echo "$n $first $k $r" >> "$out/arguments.txt"
  done
  echo "$unsupported" | grep -qx "$n" && continue
  for v in zz9 10 1m 10s on 2048 500ms; do
    m=$(run "$(wrap $first "$n $v;")" | sed -E 's# in /etc/nginx/sites-enabled/hello_cju:[0-9]+$##')
    [ -n "$m" ] || m=OK
    printf '%s\t%s\t%s\t%s\n' "$n" "$first" "$v" "$m" >> "$out/values.txt"
  done
done
wc -l "$out"/*.txt
