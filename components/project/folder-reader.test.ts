import { describe, expect, it } from "vitest";
import { readProject } from "./folder-reader";

const file = (data: string | Uint8Array<ArrayBuffer>) => new Blob([data]);

describe("readProject", () => {
  it("keeps the project's files (folder name stripped), leaves out the rest and says why", async () => {
    const read = await readProject([
      { path: "proj/app.py", file: file("from flask import Flask\n") },
      { path: "proj/static/logo.png", file: file(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0])) },
      { path: "proj/__pycache__/app.cpython-311.pyc", file: file("x") },
      { path: "proj/.env", file: file("SECRET=1") },
    ], ["proj/venv/"]);
    expect(read.problems).toEqual([]);
    expect(read.files).toEqual({ "app.py": "from flask import Flask\n", "static/logo.png": { base64: "iVBORwA=" } });
    expect(read.listed).toEqual([
      { path: "app.py", size: 24, binary: false },
      { path: "static/logo.png", size: 5, binary: true },
    ]);
    expect(read.ignored).toEqual([
      { path: "venv/", reason: "venv/ 디렉터리" },
      { path: "__pycache__/app.cpython-311.pyc", reason: "__pycache__/ 디렉터리" },
      { path: ".env", reason: "숨김 파일" },
    ]);
  });

  it("reads nothing and sends nothing from a folder over the bounds", async () => {
    const read = await readProject([{ path: "p/app.py", file: file("x") }, { path: "p/static/big.mp4", file: file(new Uint8Array(300 * 1024)) }]);
    expect(read.problems[0]).toContain("static/big.mp4");
    expect(read.files).toEqual({});
  });
});
