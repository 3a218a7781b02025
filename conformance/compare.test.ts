import { describe, expect, it } from "vitest";
import { checkKnown, compareLogs, compareResponses, type KnownDifference, type ObservedDifference } from "./compare";

const enc = (s: string) => new TextEncoder().encode(s);
const resp = (headers: Array<[string, string]>, body = "", statusLine = "HTTP/1.1 200 OK") => ({ statusLine, headers, body: enc(body) });

describe("compareResponses", () => {
  it("finds nothing when status line, ordered headers and body agree", () => {
    const a = resp([["Server", "nginx/1.22.1"], ["Date", "<date>"]], "hi");
    expect(compareResponses(a, resp([["Server", "nginx/1.22.1"], ["Date", "<date>"]], "hi"))).toEqual([]);
  });

  it("names each header whose values differ, including a missing one", () => {
    const diffs = compareResponses(resp([["ETag", '"a"'], ["X", "1"]]), resp([["ETag", '"b"']]));
    expect(diffs.map((d) => d.field)).toEqual(["header:etag", "header:x"]);
    expect(diffs[1]).toEqual({ field: "header:x", real: "1", embedded: "(absent)" });
  });

  it("reports order or spelling of names as header-order when every name agrees", () => {
    expect(compareResponses(resp([["A", "1"], ["B", "2"]]), resp([["B", "2"], ["A", "1"]])).map((d) => d.field)).toEqual(["header-order"]);
    expect(compareResponses(resp([["Content-Type", "x"]]), resp([["content-type", "x"]])).map((d) => d.field)).toEqual(["header-order"]);
  });

  it("reports status line and body with the first differing byte", () => {
    const diffs = compareResponses(resp([], "hello world", "HTTP/1.1 404 NOT FOUND"), resp([], "hello there", "HTTP/1.1 404 Not Found"));
    expect(diffs.map((d) => d.field)).toEqual(["status-line", "body"]);
    expect(diffs[1]!.real).toContain("from byte 6");
  });
});

describe("checkKnown", () => {
  const ran = [
    { scenario: "s", gateway: "gunicorn" as const, request: "001-a" },
    { scenario: "s", gateway: "uwsgi" as const, request: "001-a" },
  ];
  const obs = (gateway: "gunicorn" | "uwsgi", field: ObservedDifference["field"] = "body"): ObservedDifference => ({
    scenario: "s", gateway, request: "001-a", field, real: "r", embedded: "e",
  });
  const k = (gateway: KnownDifference["gateway"], field: KnownDifference["field"] = "body"): KnownDifference => ({ scenario: "s", gateway, request: "001-a", field, reason: "why" });

  it("accepts listed differences and flags unlisted ones", () => {
    expect(checkKnown([obs("gunicorn")], [k("gunicorn")], ran)).toEqual({ unlisted: [], stale: [] });
    expect(checkKnown([obs("gunicorn", "header:etag")], [k("gunicorn")], ran).unlisted).toHaveLength(1);
  });

  it("flags a listed difference that no longer occurs, and a * entry that occurs under one gateway only", () => {
    expect(checkKnown([], [k("uwsgi")], ran).stale).toHaveLength(1);
    expect(checkKnown([obs("gunicorn")], [k("*")], ran).stale).toHaveLength(1);
    expect(checkKnown([obs("gunicorn"), obs("uwsgi")], [k("*")], ran)).toEqual({ unlisted: [], stale: [] });
  });

  it("does not call an entry stale when its request did not run in this selection", () => {
    expect(checkKnown([], [{ ...k("gunicorn"), scenario: "other" }], ran).stale).toEqual([]);
  });
});

describe("compareLogs", () => {
  const none = { nginxAccess: [], nginxError: [], gateway: [] };
  it("compares nginx logs in order and the gateway's two pipes as a sorted list", () => {
    const real = { nginxAccess: ["a", "b"], nginxError: [], gateway: ["x", "y"] };
    expect(compareLogs(real, { nginxAccess: ["a", "b"], nginxError: [], gateway: ["y", "x"] }, (l) => l)).toEqual([]);
    expect(compareLogs(real, { nginxAccess: ["b", "a"], nginxError: [], gateway: ["x", "y"] }, (l) => l).map((d) => d.field)).toEqual(["log:nginx-access"]);
  });

  it("applies the normaliser and reports missing lines", () => {
    const diffs = compareLogs({ ...none, nginxError: ["2026 e"] }, none, (l) => l.replace(/^\d+/, "<t>"));
    expect(diffs).toEqual([{ field: "log:nginx-error", real: "<t> e", embedded: "(none)" }]);
  });
});
