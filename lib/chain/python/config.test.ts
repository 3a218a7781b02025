/**
 * evaluateConfigModule against fixtures/config: *.expected.json are the globals CPython computes for the file,
 * *.expected.txt what the real Gunicorn 20.1 printed for a broken config (captured once, paths mapped to
 * /srv/hello_cju).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { assignmentLines, evaluateConfigModule } from "./index";

const dir = path.resolve(import.meta.dirname, "fixtures/config");
const sources = readdirSync(dir).filter((f) => f.endsWith(".conf.py")).sort();

describe("evaluateConfigModule", () => {
  for (const file of sources) {
    const base = file.replace(/\.conf\.py$/, "");
    const src = readFileSync(path.join(dir, file), "utf8");
    const jsonPath = path.join(dir, `${base}.expected.json`);
    const txtPath = path.join(dir, `${base}.expected.txt`);
    it(file, () => {
      const res = evaluateConfigModule(src, "/srv/hello_cju/gunicorn.conf.py");
      if (readdirSync(dir).includes(`${base}.expected.json`)) {
        expect(res).toEqual({ ok: true, values: JSON.parse(readFileSync(jsonPath, "utf8")) });
      } else {
        const expected = readFileSync(txtPath, "utf8").replace(/\n$/, "");
        expect(res.ok).toBe(false);
        if (res.ok) return;
        expect(res.error.message).toBe(expected);
        expect(res.error.path).toBe("gunicorn.conf.py");
        const lines = [...expected.matchAll(/"\/srv\/hello_cju\/gunicorn\.conf\.py", line (\d+)/g)].map((m) => Number(m[1]));
        expect(res.error.line).toBe(lines[lines.length - 1]);
        // The file and line are fields of their own (the UI prints them once); the Korean sentence does not repeat them.
        expect(res.error.messageKo).toMatch(/^[가-힣]/);
        expect(res.error.messageKo).not.toContain("gunicorn.conf.py:");
      }
    });
  }

  it("reads the environment it is given", () => {
    const res = evaluateConfigModule('import os\nworkers = int(os.environ.get("WEB_CONCURRENCY", "2"))\n', "/srv/x/gunicorn.conf.py", { WEB_CONCURRENCY: "3" });
    expect(res).toEqual({ ok: true, values: { workers: 3 } });
  });

  it("never throws and bounds a runaway config", () => {
    const res = evaluateConfigModule("while True:\n    pass\n", "/srv/x/gunicorn.conf.py");
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.messageKo).toContain("실행 단계 한도");
  });
});

describe("assignmentLines", () => {
  it("finds each name's last module-level assignment, annotated and augmented ones too", () => {
    const source = 'import os\nworkers = 2\ntimeout: int = 30\nif os.environ.get("X"):\n    workers = 4\nworkers += 1\nbind = "unix:/run/gunicorn.sock"\nworkers == 3\n';
    expect({ ...assignmentLines(source) }).toEqual({ workers: 6, timeout: 3, bind: 7 });
  });
});
