/**
 * The directive table against the real nginx: table-fixtures/*.txt were written by conformance/capture/nginx-config/probe-directives.sh,
 * which asked /usr/sbin/nginx (1.22.1, Debian 12) about every directive in directives.ts. The unit run checks every
 * 7th row of each table (every context and argument count still appears); the live run checks all 6,465
 * (lib/testing/depth.ts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { formatNginxTest, loadNginxConfig } from "./index";
import { tableRows } from "@/lib/testing/depth";

const table = (name: string) =>
  tableRows(readFileSync(path.join(import.meta.dirname, "table-fixtures", name), "utf8").trim().split("\n"), 7);

const WRAP: Record<string, (d: string) => string> = {
  http: (d) => `${d}\n`,
  server: (d) => `server {\n${d}\n}\n`,
  location: (d) => `server {\nlocation / {\n${d}\n}\n}\n`,
  sif: (d) => `server {\nif ($uri) {\n${d}\n}\n}\n`,
  lif: (d) => `server {\nlocation / {\nif ($uri) {\n${d}\n}\n}\n}\n`,
  lmt: (d) => `server {\nlocation / {\nlimit_except GET {\n${d}\n}\n}\n}\n`,
};

/** What nginx -t printed first ([emerg] or [warn]), without time, pid and ` in file:line`; "OK" if nothing. */
function firstMessage(siteText: string): string {
  const out = formatNginxTest(loadNginxConfig({ siteName: "hello_cju", siteText }));
  const line = out.split("\n").find((l) => /\[(emerg|warn|crit)\]/.test(l));
  return line ? line.replace(/^.*#\d+: /, "").replace(/ in \/etc\/nginx\/sites-enabled\/hello_cju:\d+$/, "") : "OK";
}

describe("directive contexts match nginx", () => {
  const rows = table("contexts.txt").map((l) => l.split(" "));
  test.each(rows)("%s in %s: not allowed = %s", (name, ctx, notAllowed) => {
    expect(firstMessage(WRAP[ctx](`${name} x;`)) === `"${name}" directive is not allowed here`).toBe(notAllowed === "1");
  });
});

describe("argument counts match nginx", () => {
  const rows = table("arguments.txt").map((l) => l.split(" "));
  test.each(rows)("%s in %s with %s args: invalid = %s", (name, ctx, k, invalid) => {
    const args = Array.from({ length: Number(k) }, (_, i) => ` x${i + 1}`).join("");
    expect(firstMessage(WRAP[ctx](`${name}${args};`)) === `invalid number of arguments in "${name}" directive`).toBe(invalid === "1");
  });
});

describe("value checks match nginx", () => {
  const rows = table("values.txt").map((l) => l.split("\t"));
  test.each(rows)("%s (%s) %s → %s", (name, ctx, value, message) => {
    expect(firstMessage(WRAP[ctx](`${name} ${value};`))).toBe(message);
  });
});
