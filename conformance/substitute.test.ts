import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mapBack, mapBackResponse, substitutePaths, type SubstitutionMap } from "./substitute";

const scenarioDir = path.join(import.meta.dirname, "..", "content", "scenarios", "hello_cju");
const map: SubstitutionMap = { scenario: "hello_cju", port: 41234, srvDir: "/tmp/conf-x/srv/hello_cju", runDir: "/tmp/conf-x/run" };

describe("substitutePaths", () => {
  it("moves listen, /srv/<scenario> and /run in the real hello_cju site file and changes nothing else", () => {
    const original = readFileSync(path.join(scenarioDir, "nginx.conf"), "utf8");
    const out = substitutePaths(original, map);
    expect(out).toContain("listen 127.0.0.1:41234;");
    expect(out).toContain("alias /tmp/conf-x/srv/hello_cju/static/;");
    expect(out).toContain("root /tmp/conf-x/srv/hello_cju/static/img;");
    expect(out).toContain("proxy_pass http://unix:/tmp/conf-x/run/gunicorn.sock;");
    expect(out).not.toMatch(/listen 80|\s\/srv\/hello_cju|unix:\/run\//);
    // Same number of lines, and every line without a moved path is untouched.
    const a = original.split("\n");
    const b = out.split("\n");
    expect(b).toHaveLength(a.length);
    a.forEach((line, i) => {
      if (!/listen|\/srv\/|\/run\//.test(line)) expect(b[i]).toBe(line);
    });
  });

  it("moves the socket in gunicorn.conf.py and uwsgi.ini", () => {
    expect(substitutePaths(readFileSync(path.join(scenarioDir, "gunicorn.conf.py"), "utf8"), map)).toContain('bind = "unix:/tmp/conf-x/run/gunicorn.sock"');
    expect(substitutePaths(readFileSync(path.join(scenarioDir, "uwsgi.ini"), "utf8"), map)).toContain("socket = /tmp/conf-x/run/uwsgi.sock");
  });

  it("comments out an IPv6 listen of port 80, keeps default_server and leaves other ports and other scenarios alone", () => {
    const text = "listen 80 default_server;\n    listen [::]:80 default_server;\nlisten 8080;\nroot /srv/hello_cju_old/x;\nroot /srv/other/;\n";
    const out = substitutePaths(text, map);
    expect(out).toBe(
      "listen 127.0.0.1:41234 default_server;\n    # (conformance: IPv6 off) listen [::]:80 default_server;\nlisten 8080;\nroot /srv/hello_cju_old/x;\nroot /srv/other/;\n",
    );
  });
});

describe("mapBack", () => {
  it("turns an nginx error line about the temp deployment back into the scenario's paths", () => {
    const line =
      '2026/11/25 13:36:50 [crit] 1#1: *2 connect() to unix:/tmp/conf-x/run/gunicorn.sock failed (2: No such file or directory) while connecting to upstream, upstream: "http://unix:/tmp/conf-x/run/gunicorn.sock:/", host: "localhost"';
    expect(mapBack(line, map)).toBe(
      '2026/11/25 13:36:50 [crit] 1#1: *2 connect() to unix:/run/gunicorn.sock failed (2: No such file or directory) while connecting to upstream, upstream: "http://unix:/run/gunicorn.sock:/", host: "localhost"',
    );
    expect(mapBack('open() "/tmp/conf-x/srv/hello_cju/static/nope.css" failed', map)).toBe('open() "/srv/hello_cju/static/nope.css" failed');
  });

  it("drops the test port from a Location header but keeps the body byte for byte", () => {
    const raw = new TextEncoder().encode("HTTP/1.1 301 Moved Permanently\r\nLocation: http://localhost:41234/static/docs/\r\n\r\nport :41234/ stays");
    const out = new TextDecoder().decode(mapBackResponse(raw, map));
    expect(out).toBe("HTTP/1.1 301 Moved Permanently\r\nLocation: http://localhost/static/docs/\r\n\r\nport :41234/ stays");
  });

  it("returns a response without a header end unchanged", () => {
    const raw = new Uint8Array([72, 84, 84, 80, 0xff, 0x80]);
    expect(mapBackResponse(raw, map)).toEqual(raw);
  });
});
