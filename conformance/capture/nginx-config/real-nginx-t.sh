#!/bin/sh
# Runs the real Debian nginx 1.22 `nginx -t` on a site file, inside a private copy of /etc/nginx and a private
# network namespace (so `listen 80` never binds the host's port 80). Prints the output with the temp prefix mapped
# back to /etc/nginx. Not part of the test command; used to (re)generate fixtures/<case>/expected.txt.
# usage: real-nginx-t.sh <site-file> [site-name]
set -eu
site="$1"; name="${2:-hello_cju}"
t=$(mktemp -d /tmp/ngxt.XXXXXX)
mkdir -p "$t/etc" "$t/log" "$t/run"
cp -r /etc/nginx "$t/etc/nginx"
rm -f "$t/etc/nginx/sites-enabled/"*
cp "$site" "$t/etc/nginx/sites-enabled/$name"
# Same line count as the Debian file: only paths change.
sed -i -e "s#/etc/nginx#$t/etc/nginx#g" -e "s#/run/nginx.pid#$t/run/nginx.pid#" -e "s#/var/log/nginx#$t/log#g" \
  "$t/etc/nginx/nginx.conf"
out=$(unshare -n /usr/sbin/nginx -t -p "$t/" -c "$t/etc/nginx/nginx.conf" 2>&1 || true)
printf '%s\n' "$out" | sed -e "s#$t/etc/nginx#/etc/nginx#g" -e "s#$t/log#/var/log/nginx#g" -e "s#$t/run#/run#g"
rm -rf "$t"
