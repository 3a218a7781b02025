import { describe, expect, it } from "vitest";
import { loadNginxConfig } from "./config";
import { runNginx } from "./index";
import { createVirtualFs } from "./vfs";
import { cannedResponse, fakeUpstream, req } from "./testing";
import { latin1Decode } from "../http/bytes";
import { parseProxyPass, parseUwsgiPass } from "./upstream-target";
import { encodeUwsgiPacket } from "./uwsgi";
import type { SocketAddress } from "../contracts";

const site = `server {
    listen 80;
    server_name localhost;
    location /plain/ { proxy_pass http://unix:/run/app.sock; }
    location /swap/ { proxy_pass http://unix:/run/app.sock:/api/; }
    location /tcp/ { proxy_pass http://127.0.0.1:8000/; proxy_set_header X-Empty ""; }
    location /rw/ { rewrite ^/rw/(.*)$ /new/$1 break; proxy_pass http://unix:/run/app.sock:/ignored/; }
    location /rwplain/ { rewrite ^/rwplain/(.*)$ /n/$1 break; proxy_pass http://unix:/run/app.sock; }
    location /own/ { proxy_set_header Host $http_host; proxy_set_header Connection ""; proxy_pass http://unix:/run/app.sock; }
}`;
const loaded = loadNginxConfig({ siteName: "t", siteText: site });

function sent(raw: string, address: SocketAddress = { kind: "unix", path: "/run/app.sock" }): string {
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  const up = fakeUpstream(address, cannedResponse("HTTP/1.0 204 No Content\r\n\r\n"));
  runNginx({ config: loaded.config, raw: req(raw), client: { address: "10.0.0.7", port: 4000 }, fs: createVirtualFs([]), upstreams: [up], epochMs: 0, trace: [] });
  const r = up.requests[0];
  return r && r.protocol === "http" ? latin1Decode(r.raw) : "(nothing sent)";
}

describe("proxy_pass request URI rules", () => {
  it("without a URI part, sends $request_uri exactly as the client wrote it", () => {
    expect(sent("GET /plain/a%20b/../c?x=%41 HTTP/1.1\r\nHost: h\r\n\r\n").split("\r\n")[0]).toBe("GET /plain/a%20b/../c?x=%41 HTTP/1.0");
  });
  it("with a URI part, replaces the location prefix in the normalised URI and re-escapes it", () => {
    expect(sent("GET /swap/a%20b//c?x=1 HTTP/1.1\r\nHost: h\r\n\r\n").split("\r\n")[0]).toBe("GET /api/a%20b/c?x=1 HTTP/1.0");
  });
  it("after rewrite … break, a URI part is ignored and the rewritten URI is sent", () => {
    expect(sent("GET /rw/x?y=1 HTTP/1.1\r\nHost: h\r\n\r\n").split("\r\n")[0]).toBe("GET /new/x?y=1 HTTP/1.0");
    expect(sent("GET /rwplain/a%20b HTTP/1.1\r\nHost: h\r\n\r\n").split("\r\n")[0]).toBe("GET /n/a%20b HTTP/1.0");
  });
  it("TCP upstream: Host is $proxy_host (host:port), empty proxy_set_header values are not sent", () => {
    expect(sent("GET /tcp/x HTTP/1.1\r\nHost: h\r\nX-Empty: client\r\n\r\n", { kind: "tcp", host: "127.0.0.1", port: 8000 })).toBe(
      "GET /x HTTP/1.0\r\nHost: 127.0.0.1:8000\r\nConnection: close\r\n\r\n",
    );
  });
  it("proxy_set_header overrides the defaults and hides the client's own header of that name", () => {
    expect(sent("GET /own/ HTTP/1.1\r\nHost: Example.com:8080\r\nConnection: keep-alive\r\nAccept: */*\r\n\r\n")).toBe(
      "GET /own/ HTTP/1.0\r\nHost: Example.com:8080\r\nAccept: */*\r\n\r\n",
    );
  });
});

describe("upstream addresses", () => {
  it("parses unix and tcp forms", () => {
    expect(parseProxyPass("http://unix:/run/gunicorn.sock")).toMatchObject({ address: { kind: "unix", path: "/run/gunicorn.sock" }, uri: null, proxyHost: "localhost" });
    expect(parseProxyPass("http://unix:/run/g.sock:/p/")).toMatchObject({ uri: "/p/" });
    expect(parseProxyPass("http://localhost:8000")).toMatchObject({ address: { kind: "tcp", host: "127.0.0.1", port: 8000 }, proxyHost: "localhost:8000" });
    expect(parseProxyPass("https://x")).toBeNull();
    expect(parseUwsgiPass("unix:/run/uwsgi.sock")).toMatchObject({ address: { kind: "unix", path: "/run/uwsgi.sock" }, peerName: "unix:/run/uwsgi.sock" });
    expect(parseUwsgiPass("127.0.0.1:3031")).toMatchObject({ address: { kind: "tcp", port: 3031 } });
  });
});

describe("uwsgi packet", () => {
  it("encodes little-endian sizes, vars in order, then the body", () => {
    const r = encodeUwsgiPacket([["A", "bc"]], new Uint8Array([0x78]));
    expect("packet" in r && Array.from(r.packet)).toEqual([0, 7, 0, 0, 1, 0, 0x41, 2, 0, 0x62, 0x63, 0x78]);
  });
  it("refuses more than 64 KiB of variables like nginx", () => {
    expect(encodeUwsgiPacket([["X", "v".repeat(70000)]], new Uint8Array(0))).toEqual({ tooBig: 70005 });
  });
});
