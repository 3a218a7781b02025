import { describe, expect, it } from "vitest";
import { bodyProblem, encodeContent, FILE_BYTES, FILE_LIMIT, guessModule, ignoredReason, scenarioPath, sizeProblems, stripTopFolder } from "./project-files";

describe("the files of a student's folder", () => {
  it("leaves out virtualenvs, caches, git, node_modules, .pyc and hidden files, saying why", () => {
    expect(ignoredReason("venv/lib/python3.11/site-packages/flask/app.py")).toBe("venv/ 디렉터리");
    expect(ignoredReason(".venv/bin/python")).toBe(".venv/ 디렉터리");
    expect(ignoredReason("__pycache__/app.cpython-311.pyc")).toBe("__pycache__/ 디렉터리");
    expect(ignoredReason(".git/HEAD")).toBe(".git/ 디렉터리");
    expect(ignoredReason("static/node_modules/x.js")).toBe("node_modules/ 디렉터리");
    expect(ignoredReason("old.pyc")).toBe(".pyc 파일");
    expect(ignoredReason(".env")).toBe("숨김 파일");
    expect(ignoredReason("app.py")).toBeNull();
    expect(ignoredReason("templates/index.html")).toBeNull();
  });

  it("strips the chosen folder's own name", () => {
    expect(stripTopFolder(["proj/app.py", "proj/static/a.css"])).toEqual(["app.py", "static/a.css"]);
    expect(stripTopFolder(["app.py", "static/a.css"])).toEqual(["app.py", "static/a.css"]);
  });

  it("sends UTF-8 text as text and anything else as base64", () => {
    expect(encodeContent(new TextEncoder().encode("안녕\n"))).toBe("안녕\n");
    expect(encodeContent(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1]))).toEqual({ base64: "iVBORwAB" });
  });

  it("refuses more files than the API takes, naming the ones over", () => {
    const files = Array.from({ length: FILE_LIMIT + 2 }, (_, i) => ({ path: `static/f${i}.txt`, size: 1 }));
    const [problem] = sizeProblems(files);
    expect(problem).toContain(`${FILE_LIMIT + 2}개 (최대 ${FILE_LIMIT}개)`);
    expect(problem).toContain(`static/f${FILE_LIMIT}.txt`);
  });

  it("refuses a file over the per-file bound, naming it and its size", () => {
    expect(sizeProblems([{ path: "static/photo.jpg", size: FILE_BYTES + 1 }, { path: "app.py", size: 10 }])).toEqual([
      "한 파일은 최대 256 KiB까지입니다. 너무 큰 파일: static/photo.jpg (256 KiB)",
    ]);
  });

  it("refuses a folder whose request would exceed the body bound, biggest files first", () => {
    const big = { base64: "A".repeat(FILE_BYTES) };
    const files = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`static/p${i}.png`, big]));
    expect(bodyProblem(files)).toMatch(/^보낼 내용이 모두 .* 넘습니다\. 큰 파일부터: static\/p0\.png/);
    expect(bodyProblem({ "app.py": "x" })).toBeNull();
  });

  it("maps the student's nginx.conf to the chosen gateway's site file and guesses the module", () => {
    expect(scenarioPath("nginx.conf", "uwsgi")).toBe("nginx-uwsgi.conf");
    expect(scenarioPath("nginx.conf", "gunicorn")).toBe("nginx.conf");
    expect(guessModule({ "main.py": "from flask import Flask\napp = Flask(__name__)\n", "util.py": "x = 1\n" })).toBe("main");
    expect(guessModule({ "app.py": "" })).toBe("app");
  });
});
