/**
 * The gzip filter's own bounds and sizes. What nginx does with gzip is pinned by fixtures/real (the gz-* cases,
 * recorded from the real nginx); this file covers what no recording can: the model's work limit.
 */
import { describe, expect, it } from "vitest";
import { gunzipSync } from "node:zlib";
import { loadNginxConfig } from "./config";
import { runNginx } from "./index";
import { createVirtualFs } from "./vfs";
import { latin1Encode } from "../http/bytes";
import type { TraceStep } from "../trace";
import { GZIP_CHAIN_STEP_BUDGET, windowFor } from "./gzip";

/** 128 KB of two-letter noise: cheap at level 1, tens of millions of hash-chain steps at level 9. */
const noise = (() => {
  const out = new Uint8Array(128 * 1024);
  let x = 5;
  for (let i = 0; i < out.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
    out[i] = 97 + ((x >>> 16) & 1);
  }
  return out;
})();

function get(level: number) {
  const loaded = loadNginxConfig({ siteName: "gz", siteText: `server { listen 80; root /srv/gz; gzip_comp_level ${level}; }` });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  const fs = createVirtualFs([{ at: "/srv/gz/", files: new Map([["noise.html", noise]]), mtimeMs: Date.UTC(2026, 2, 2, 9) }]);
  const trace: TraceStep[] = [];
  const result = runNginx({
    config: loaded.config,
    raw: latin1Encode("GET /noise.html HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip\r\n\r\n"),
    client: { address: "127.0.0.1", port: 40000 },
    fs,
    upstreams: [],
    epochMs: Date.UTC(2026, 10, 25, 13),
    trace,
    local: { address: "127.0.0.1", port: 80 },
  });
  const gzip = trace.find((s): s is Extract<TraceStep, { kind: "decision" }> => s.kind === "decision" && s.outcome.startsWith("gzip"));
  const header = (name: string) => result.headers.find(([n]) => n.toLowerCase() === name)?.[1];
  return { result, gzip, header };
}

describe("the gzip filter's work limit", () => {
  it("compresses a big file at a cheap level", () => {
    const { result, header } = get(1);
    expect(header("content-encoding")).toBe("gzip");
    expect(new Uint8Array(gunzipSync(result.body))).toEqual(noise);
  });

  it(`sends a file that would take more than ${GZIP_CHAIN_STEP_BUDGET} hash-chain steps uncompressed, and says so`, () => {
    const { result, gzip, header } = get(9);
    expect(result.status).toBe(200);
    expect(header("content-encoding")).toBeUndefined();
    expect(header("content-length")).toBe(String(noise.length));
    expect(result.body).toEqual(noise);
    expect(gzip?.outcome).toBe("gzip (모형은 압축 생략)");
    expect(gzip?.explain).toContain("실제 nginx는 여기서 본문을 gzip으로 압축합니다");
  });
});

describe("windowFor: the window and hash nginx asks zlib for", () => {
  it.each([
    [null, undefined, undefined, 15, 8], // length unknown: gzip_window 32k, gzip_hash 64k
    [248, undefined, undefined, 9, 2], // the recorded static-gzip case
    [40044, undefined, undefined, 15, 8],
    [3000, undefined, undefined, 12, 5],
    [40044, 1024, 1024, 10, 2], // gzip_window 1k; gzip_hash 1k
    [100, 1024, 512, 9, 1], // memlevel never below 1
  ])("length %s, window %s, hash %s → wbits %i, memlevel %i", (length, window, hash, wbits, memLevel) => {
    expect(windowFor(length, window, hash)).toEqual({ windowBits: wbits, memLevel });
  });
});
