import { describe, expect, it } from "vitest";
import { createVirtualFs } from "./vfs";

const enc = (s: string) => new TextEncoder().encode(s);

describe("createVirtualFs", () => {
  const fs = createVirtualFs([
    { at: "/srv/hello_cju/", files: new Map([["static/style.css", enc("body{}\n")], ["static/img/logo.svg", enc("<svg/>")], ["app.py", enc("x")]]), mtimeMs: 1_000_000 },
  ]);
  it("stats files with their size and the mount's mtime", () => {
    expect(fs.stat("/srv/hello_cju/static/style.css")).toEqual({ type: "file", size: 7, mtimeMs: 1_000_000 });
  });
  it("knows implied folders, with or without a trailing slash", () => {
    expect(fs.stat("/srv/hello_cju/static")?.type).toBe("dir");
    expect(fs.stat("/srv/hello_cju/static/")?.type).toBe("dir");
    expect(fs.stat("/srv")?.type).toBe("dir");
    expect(fs.stat("/srv/hello_cju/nope")).toBeNull();
  });
  it("reads bytes and lists folders", () => {
    expect(new TextDecoder().decode(fs.read("/srv/hello_cju/static/img/logo.svg")!)).toBe("<svg/>");
    expect(fs.read("/srv/hello_cju/static")).toBeNull();
    expect(fs.list("/srv/hello_cju/static/")).toEqual(["img", "style.css"]);
    expect(fs.list("/srv/hello_cju/app.py")).toEqual([]);
  });
  it("stores UTF-8 names as bytes, as nginx's open() sees them", () => {
    const v = createVirtualFs([{ at: "/srv/x/", files: new Map([["한.txt", enc("k")]]), mtimeMs: 0 }]);
    expect(v.stat("/srv/x/\u00ed\u0095\u009c.txt")?.size).toBe(1);
  });
});
