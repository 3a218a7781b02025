import { describe, expect, test } from "vitest";
import { parseListenAddress, parseUpstream } from "./addresses";

describe("listen addresses", () => {
  test.each([
    ["80", "0.0.0.0:80"],
    ["*:8080", "0.0.0.0:8080"],
    ["127.0.0.1:8000", "127.0.0.1:8000"],
    ["127.0.0.1", "127.0.0.1:80"],
    ["localhost:8080", "127.0.0.1:8080"],
    ["[::]:80", "[::]:80"],
    ["unix:/run/site.sock", "unix:/run/site.sock"],
  ])("%s listens on %s", (arg, address) => expect(parseListenAddress(arg)).toEqual({ ok: true, address }));

  test.each([
    ["99999", "invalid port"],
    ["0", "invalid port"],
    ["127.0.0.1:abc", "invalid port"],
    ["80x", "host not found"],
    ["1.2.3.4.5:80", "host not found"],
    [":80", "no host"],
  ])("%s fails with %s", (arg, reason) => expect(parseListenAddress(arg)).toEqual({ ok: false, reason }));
});

describe("upstream URLs", () => {
  test("unix socket with and without a URI part", () => {
    expect(parseUpstream("unix:/run/gunicorn.sock", 80)).toEqual({ ok: true, kind: "unix", path: "/run/gunicorn.sock", uri: "" });
    expect(parseUpstream("unix:/run/g.sock:/app/", 80)).toEqual({ ok: true, kind: "unix", path: "/run/g.sock", uri: "/app/" });
  });

  test("host, port and URI", () => {
    expect(parseUpstream("127.0.0.1:8000/api/", 80)).toEqual({ ok: true, kind: "tcp", host: "127.0.0.1", port: 8000, uri: "/api/" });
    expect(parseUpstream("localhost", 80)).toEqual({ ok: true, kind: "tcp", host: "localhost", port: 80, uri: "" });
  });

  test("errors in nginx's words", () => {
    expect(parseUpstream("127.0.0.1:99999/x", 80)).toMatchObject({ ok: false, message: 'invalid port in upstream "127.0.0.1:99999/x"' });
    expect(parseUpstream("backend:8000", 80)).toMatchObject({ ok: false, message: 'host not found in upstream "backend"' });
    expect(parseUpstream("127.0.0.1", null)).toMatchObject({ ok: false, message: 'no port in upstream "127.0.0.1"' });
    expect(parseUpstream("unix:", 80)).toMatchObject({ ok: false, message: 'no path in the unix domain socket in upstream "unix:"' });
    expect(parseUpstream("", 80)).toMatchObject({ ok: false, message: 'no host in upstream ""' });
  });
});

describe("numeric host forms", () => {
  test("nginx's parser and inet_aton's short forms resolve, others are not found", () => {
    expect(parseListenAddress("127.1:8080")).toEqual({ ok: true, address: "127.0.0.1:8080" });
    expect(parseListenAddress("127.0..1:80")).toEqual({ ok: true, address: "127.0.0.1:80" });
    expect(parseListenAddress("1.2.3:80")).toEqual({ ok: true, address: "1.2.0.3:80" });
    expect(parseListenAddress("1270.0.1:80")).toEqual({ ok: false, reason: "host not found" });
    expect(parseUpstream("127.0.0.1.:80", 80)).toMatchObject({ ok: false, message: 'host not found in upstream "127.0.0.1."' });
  });
});
