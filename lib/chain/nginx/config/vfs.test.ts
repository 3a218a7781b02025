import { describe, expect, test } from "vitest";
import { VirtualEtc } from "./vfs";

describe("the virtual /etc/nginx", () => {
  const etc = new VirtualEtc("blog", "server {}\n");

  test("sites-enabled/* matches only the student's site (Debian's default site is not there)", () => {
    const r = etc.include("/etc/nginx/sites-enabled/*");
    expect(r).toEqual({ ok: true, files: [{ path: "/etc/nginx/sites-enabled/blog", text: "server {}\n" }] });
  });

  test("relative names resolve against /etc/nginx/ and read Debian's files", () => {
    const r = etc.include("uwsgi_params");
    expect(r.ok && r.files[0].path).toBe("/etc/nginx/uwsgi_params");
    expect(r.ok && r.files[0].text).toContain("uwsgi_param  REQUEST_METHOD     $request_method;");
  });

  test("an empty glob is no error, a missing file is nginx's open() error", () => {
    expect(etc.include("/etc/nginx/conf.d/*.conf")).toEqual({ ok: true, files: [] });
    const snippets = etc.include("snippets/*.conf");
    expect(snippets.ok ? snippets.files.map((f) => f.path) : []).toEqual(["/etc/nginx/snippets/fastcgi-php.conf", "/etc/nginx/snippets/snakeoil.conf"]);
    expect(etc.include("proxy_param")).toMatchObject({ ok: false, message: 'open() "/etc/nginx/proxy_param" failed (2: No such file or directory)' });
  });

  test("a directory is nginx's pread() error", () => {
    expect(etc.include("conf.d")).toMatchObject({ ok: false, message: 'pread() "/etc/nginx/conf.d" failed (21: Is a directory)' });
  });
});
