import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR, corpusScenarios, groupByFault, loadCorpus } from "./corpus";

const latin1 = (b: Uint8Array) => Array.from(b, (c) => String.fromCharCode(c)).join("");
/** Requests that are malformed on purpose, and the one whose Content-Length lies (nginx must answer 413 first). */
const MALFORMED = new Set(["hello_cju/046-bad-request-line", "hello_cju/067-version-505"]);
const LYING_LENGTH = new Set(["hello_cju/050-body-too-large"]);

describe("request corpus (fixture files)", () => {
  const scenarios = corpusScenarios();

  it("covers every scenario folder that has an nginx site and each corpus names an existing scenario", () => {
    expect(scenarios).toEqual(expect.arrayContaining(["hello_cju", "flask_shapes", "timeout_demo", "wrong_socket", "body_limit"]));
    for (const s of scenarios) expect(existsSync(path.join(CORPUS_DIR, "..", "..", "content", "scenarios", s, "scenario.json"))).toBe(true);
  });

  for (const scenario of scenarios) {
    it(`${scenario}: every .http file is listed, numbered in order, described in Korean and well-formed HTTP/1.x`, () => {
      const entries = loadCorpus(scenario);
      const files = readdirSync(path.join(CORPUS_DIR, scenario)).filter((f) => f.endsWith(".http")).sort();
      expect(entries.map((e) => `${e.id}.http`)).toEqual(files);
      entries.forEach((e, i) => {
        const key = `${scenario}/${e.id}`;
        expect(e.id.startsWith(String(i + 1).padStart(3, "0") + "-")).toBe(true);
        expect(e.description).toMatch(/[\uac00-\ud7a3]/);
        expect(e.gateways.length).toBeGreaterThan(0);
        const text = latin1(e.raw);
        const headEnd = text.indexOf("\r\n\r\n");
        expect(headEnd, key).toBeGreaterThan(0);
        const head = text.slice(0, headEnd);
        expect(head.replace(/\r\n/g, ""), `${key}: bare LF in head`).not.toContain("\n");
        if (MALFORMED.has(key)) return;
        const lines = head.split("\r\n");
        expect(lines[0], key).toMatch(/^[A-Z]+ \S+ HTTP\/\d\.\d$/);
        const length = lines.find((l) => /^content-length:/i.test(l));
        const chunked = lines.some((l) => /^transfer-encoding: chunked$/i.test(l));
        const body = e.raw.length - headEnd - 4;
        if (length && !LYING_LENGTH.has(key)) expect(Number(length.split(":")[1]), key).toBe(body);
        if (!length && !chunked) expect(body, key).toBe(0);
      });
    });
  }

  it("groups hello_cju's gateway-down requests apart, so they run on a chain without a gateway", () => {
    const groups = groupByFault(loadCorpus("hello_cju"), "uwsgi");
    expect(groups.map((g) => g.fault ?? "none")).toEqual(["none", "gateway-down"]);
    expect(groups[1]!.entries.map((e) => e.id)).toEqual(["051-gateway-down", "052-gateway-down-static", "053-gateway-down-health"]);
  });

  it("has a recording of the real chain for every request under every gateway it runs under", () => {
    const missing: string[] = [];
    for (const scenario of scenarios) {
      for (const e of loadCorpus(scenario)) {
        for (const gw of e.gateways) {
          if (!existsSync(path.join(CORPUS_DIR, "..", "recordings", scenario, gw, `${e.id}.txt`))) missing.push(`${scenario}/${gw}/${e.id}`);
        }
      }
    }
    expect(missing, "run: node conformance/run-ts.mjs conformance/record.ts").toEqual([]);
  });
});
