import { describe, expect, test } from "vitest";
import { formatNginxTest, loadNginxConfig } from "./index";

describe("formatNginxTest", () => {
  test("prints the time and pid it is given, in nginx's error log format", () => {
    const r = loadNginxConfig({ siteName: "s", siteText: "server {\n    foo;\n}\n" });
    const out = formatNginxTest(r, { epochMs: Date.UTC(2026, 10, 25, 13, 34, 6), pid: 4321 });
    expect(out).toBe(
      '2026/11/25 13:34:06 [emerg] 4321#4321: unknown directive "foo" in /etc/nginx/sites-enabled/s:2\n' +
        "nginx: configuration file /etc/nginx/nginx.conf test failed\n",
    );
  });

  test("warnings met after nginx's first error are not printed", () => {
    const r = loadNginxConfig({ siteName: "s", siteText: "server {\n    index /a b;\n    foo;\n    index /c d;\n}\n" });
    if (r.ok) throw new Error("expected errors");
    expect(r.warnings).toHaveLength(2);
    const out = formatNginxTest(r);
    expect(out.match(/\[warn\]/g)).toHaveLength(1);
    expect(out).toContain("/etc/nginx/sites-enabled/s:2\n");
    expect(out).not.toContain("sites-enabled/s:4");
  });

  test("a successful test prints both success lines", () => {
    const out = formatNginxTest(loadNginxConfig({ siteName: "s", siteText: "server {\n    listen 80;\n}\n" }));
    expect(out).toBe(
      "nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n",
    );
  });

  test("a directory include is printed at nginx's crit level", () => {
    const out = formatNginxTest(loadNginxConfig({ siteName: "s", siteText: "include conf.d;\n" }));
    expect(out).toContain('[crit] 1234#1234: pread() "/etc/nginx/conf.d" failed (21: Is a directory)\n');
  });
});
