import { test } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { formatNginxTest, loadNginxConfig } from "./index";
test("mutants", () => {
  const diffs: string[] = [];
  const dirs = readdirSync("/tmp/mut").filter((d) => d.startsWith("c"));
  for (const d of dirs) {
    const site = readFileSync(`/tmp/mut/${d}/nginx.conf`, "utf8");
    const exp = readFileSync(`/tmp/mut/${d}/expected.txt`, "utf8");
    const got = formatNginxTest(loadNginxConfig({ siteName: "hello_cju", siteText: site }));
    if (got !== exp) diffs.push(`${d}\n  real: ${exp.split("\n")[0]}\n  mine: ${got.split("\n")[0]}`);
  }
  console.log("DIFFS", dirs.length, diffs.length + "\n" + diffs.join("\n"));
});
