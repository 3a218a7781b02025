/**
 * deploy/nginx/wsgi-journey-https.conf is the HTTP site (wsgi-journey.conf) moved to HTTPS, and nothing else:
 * a port-80 server that only redirects (certbot's renewal check still gets through), and the same server block on
 * 443 with the certificate lines, TLS settings and HSTS. This function is that rule; a test keeps the file equal to
 * it, so the two sites never drift apart. Regenerate after changing the HTTP site:
 *   node conformance/run-ts.mjs deploy/nginx/https-site.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The domain an instructor replaces with their own (deploy/README.md). */
export const EXAMPLE_DOMAIN = "course.example.kr";
export const HSTS = 'add_header Strict-Transport-Security "max-age=63072000" always;';

export function httpsSiteFrom(httpSite: string): string {
  const serverAt = httpSite.indexOf("\nserver {\n");
  if (serverAt === -1) throw new Error("no server block in the HTTP site");
  const head = httpSite.slice(0, serverAt + 1);
  const server = httpSite.slice(serverAt + 1);
  const listen = "    listen 80;\n    server_name _;\n";
  if (!server.startsWith(`server {\n${listen}`)) throw new Error("the HTTP site's server block must start with listen 80 and server_name _");
  const body = server
    .slice(`server {\n${listen}`.length)
    // Locations with add_header of their own do not inherit the server's: each says HSTS again.
    .replace(/^(\s*)(include \S*security-headers\.conf;)$/gm, `$1$2\n$1${HSTS}`);
  const comment = head.replace(
    "# /etc/nginx/sites-available/wsgi-journey\n",
    `# /etc/nginx/sites-available/wsgi-journey (HTTPS) — made from wsgi-journey.conf by deploy/nginx/https-site.ts:
# edit that file, then regenerate this one. Replace ${EXAMPLE_DOMAIN} with the course's domain (deploy/README.md,
# "HTTPS"); the certificate is Let's Encrypt's, from Debian's certbot.
`,
  );
  return `${comment}# Plain HTTP: everything moves to HTTPS for good. Only certbot's renewal check stays on port 80 (certbot adds
# its own exact location for it while it runs, which wins over "location /").
server {
    listen 80;
    server_name ${EXAMPLE_DOMAIN};

    location / {
        return 301 https://$host$request_uri;
    }
}

server {
    listen 443 ssl http2;
    server_name ${EXAMPLE_DOMAIN};

    # Written by \`certbot certonly --nginx -d ${EXAMPLE_DOMAIN}\`, renewed by certbot.timer.
    ssl_certificate /etc/letsencrypt/live/${EXAMPLE_DOMAIN}/fullchain.pem;
    ssl_certificate_key /etc/letsencrypt/live/${EXAMPLE_DOMAIN}/privkey.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_prefer_server_ciphers off;
    ssl_session_cache shared:wsgi_journey_tls:10m;
    ssl_session_timeout 1d;
    ssl_session_tickets off;
    # Browsers come back over HTTPS only, for two years (HSTS); Node's answers get it here, files in their location.
    ${HSTS}
${body}`;
}

if (/https-site\.ts$/.test(process.argv[1] ?? "")) {
  const dir = path.resolve("deploy", "nginx");
  writeFileSync(path.join(dir, "wsgi-journey-https.conf"), httpsSiteFrom(readFileSync(path.join(dir, "wsgi-journey.conf"), "utf8")));
  console.log(`wrote ${path.join(dir, "wsgi-journey-https.conf")}`);
}
