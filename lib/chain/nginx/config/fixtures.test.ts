/**
 * Fixture cases: fixtures/<case>/nginx.conf is a site file enabled as /etc/nginx/sites-enabled/hello_cju;
 * expected.txt is what the real Debian 12 nginx 1.22.1 printed for `nginx -t` (conformance/capture/nginx-config/regen-fixtures.sh).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { formatNginxTest, loadNginxConfig } from "./index";

const dir = path.join(import.meta.dirname, "fixtures");
const cases = readdirSync(dir).sort();

describe("nginx -t fixtures from the real nginx", () => {
  test("there are fixture cases", () => {
    expect(cases.length).toBeGreaterThan(50);
  });

  test.each(cases)("%s", (name) => {
    const siteText = readFileSync(path.join(dir, name, "nginx.conf"), "utf8");
    const expected = readFileSync(path.join(dir, name, "expected.txt"), "utf8");
    const result = loadNginxConfig({ siteName: "hello_cju", siteText });
    expect(formatNginxTest(result)).toBe(expected);
    // The success lines and ok must agree (an unsupported directive alone makes ok false but nginx succeeds).
    if (expected.includes("test is successful") && !result.ok) {
      expect(result.errors.every((e) => e.unsupported)).toBe(true);
    }
  });
});
