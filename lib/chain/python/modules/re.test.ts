import { describe, expect, it } from "vitest";
import { createInterpreter } from "../index";

const load = (source: string) =>
  createInterpreter({}).loadModule(source, { filename: "/srv/app/app.py", path: "app.py", moduleName: "app" });

describe("re on the linear-time engine: honest limits", () => {
  it("refuses a literal pattern the engine cannot run before the app starts, naming the line and the feature", () => {
    const r = load('import re\n\nWORD = re.compile(r"(\\w+) \\1")\n');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.kind).toBe("unsupported");
      expect(r.error.line).toBe(3);
      expect(r.error.messageKo).toContain("정규식의 역참조(\\1)");
      expect(r.error.messageKo).toContain("실제 파이썬의 re에서는 그대로 동작합니다");
    }
  });

  it("a pattern built at run time that needs backtracking says so in Korean, and a real syntax error stays re.error", () => {
    const interp = createInterpreter({});
    const r = interp.loadModule(
      'import re\np = "(?=a)" + "b"\ntry:\n    re.compile(p)\nexcept NotImplementedError as e:\n    print(e)\ntry:\n    re.compile("(" + "x")\nexcept re.error:\n    print("re.error")\n',
      { filename: "/srv/app/app.py", path: "app.py", moduleName: "app" },
    );
    expect(r.ok).toBe(true);
    const out = interp.drainOutput().map((o) => o.text).join("");
    expect(out).toContain("코스 모형이 아직 지원하지 않는 기능입니다: 정규식 '(?=a)b'");
    expect(out).toContain("re.error\n");
  });

  it("stays linear on a pattern that makes backtracking engines explode", () => {
    const interp = createInterpreter({});
    const r = interp.loadModule('import re\nprint(re.match(r"(a+)+$", "a" * 5000 + "b"))\n', { filename: "/srv/app/app.py", path: "app.py", moduleName: "app" });
    expect(r.ok).toBe(true);
    expect(interp.drainOutput().map((o) => o.text).join("")).toBe("None\n");
  });
});
