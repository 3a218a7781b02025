import { it } from "vitest";
import { readFileSync } from "node:fs";
import { loadNginxConfig } from "/work/main/lib/chain/nginx/config";
import { runNginx } from "/work/main/lib/chain/nginx";
import { createVirtualFs } from "/work/main/lib/chain/nginx/vfs";
import { latin1Decode, latin1Encode } from "/work/main/lib/chain/http/bytes";
it("smoke", () => {
  const siteText = readFileSync("/work/main/content/scenarios/hello_cju/nginx.conf", "utf8");
  const c = loadNginxConfig({ siteName: "hello_cju", siteText });
  if (!c.ok) { console.log(JSON.stringify(c.errors)); return; }
  const fs = createVirtualFs([{ at: "/srv/hello_cju/", files: new Map([["static/style.css", latin1Encode("body{}\n")], ["static/img/logo.svg", latin1Encode("<svg/>")]]), mtimeMs: Date.UTC(2026,2,2,9) }]);
  for (const r of ["GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n", "GET /static/style.css HTTP/1.1\r\nHost: localhost\r\n\r\n", "GET /x/logo.SVG HTTP/1.1\r\nHost: localhost\r\n\r\n", "GET /hello?a=1 HTTP/1.1\r\nHost: localhost\r\nUser-Agent: curl\r\n\r\n", "GET /static HTTP/1.1\r\nHost: localhost\r\n\r\n"]) {
    const trace: any[] = [];
    const out = runNginx({ config: c.config, raw: latin1Encode(r), client: { address: "127.0.0.1", port: 5555 }, fs, upstreams: [], epochMs: Date.UTC(2026,10,25,13,0,0), trace });
    console.log(JSON.stringify(latin1Decode(out.raw)));
    for (const s of trace) console.log("  ", s.kind, s.kind === "decision" ? s.topic + " " + s.outcome + " | " + s.tests.map((t: any) => t.subject + (t.matched ? "✓" : "✗")).join(", ") : s.kind === "log" ? s.line : s.kind === "http-request" ? s.raw.split("\r\n")[0] : "");
  }
});
