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

describe("createVirtualFs keeps the disk it built from a files map", () => {
  const files = new Map([["static/a.css", enc("a")], ["b/c/d.txt", enc("dd")]]);
  const paths = ["/", "/srv", "/srv/s", "/srv/s/", "/srv/s/static/a.css", "/srv//s/./static/a.css", "/srv/s/b/c", "/srv/s/b/c/d.txt/", "/nope", ""];

  function view(fs: ReturnType<typeof createVirtualFs>) {
    return paths.map((p) => [fs.stat(p), fs.read(p), fs.list(p)]);
  }

  it("answers like a disk built from a copy of the map", () => {
    const cached = createVirtualFs([{ at: "/srv/s/", files, mtimeMs: 5 }]);
    const again = createVirtualFs([{ at: "/srv/s/", files, mtimeMs: 5 }]);
    const fresh = createVirtualFs([{ at: "/srv/s/", files: new Map(files), mtimeMs: 5 }]);
    expect(view(again)).toEqual(view(cached));
    expect(view(cached)).toEqual(view(fresh));
  });

  it("keeps mounts of the same map at other folders or times apart, more of them than it keeps", () => {
    for (let i = 0; i < 12; i++) {
      const fs = createVirtualFs([{ at: `/srv/m${i % 10}/`, files, mtimeMs: i }]);
      expect(fs.stat(`/srv/m${i % 10}/static/a.css`)).toEqual({ type: "file", size: 1, mtimeMs: i });
      expect(fs.stat(`/srv/s/static/a.css`)).toBeNull();
    }
  });

  it("gives every call its own stat objects and listings", () => {
    const fs = createVirtualFs([{ at: "/srv/s/", files, mtimeMs: 5 }]);
    const stat = fs.stat("/srv/s/static/a.css")!;
    stat.size = 99;
    fs.list("/srv/s").push("evil");
    const other = createVirtualFs([{ at: "/srv/s/", files, mtimeMs: 5 }]);
    expect(other.stat("/srv/s/static/a.css")?.size).toBe(1);
    expect(other.list("/srv/s")).toEqual(["b", "static"]);
  });
});
