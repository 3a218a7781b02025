/**
 * Safety properties: whatever the student types, the public API returns a typed outcome (never throws, never
 * overflows the JS stack) within the step budget; pathological programs get the outcome CPython's user would
 * expect (RecursionError, MemoryError) or the hung-worker outcome (step-budget). The unit run checks a fifth of the
 * random sources from a fixed seed; the live run all, freshly drawn (lib/testing/depth.ts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createInterpreter, type LoadOutcome } from "./index";
import { propertyRuns } from "@/lib/testing/depth";

const BUDGET = 20_000;

function run(src: string): { res: LoadOutcome; steps: number } {
  const interp = createInterpreter({ stepBudget: BUDGET, environment: { A: "1" } });
  const res = interp.loadModule(src, { filename: "/srv/app.py", path: "app.py", moduleName: "app" });
  return { res, steps: interp.stepsUsed };
}

function assertTyped({ res, steps }: { res: LoadOutcome; steps: number }): void {
  if (!res.ok) {
    expect(["syntax", "unsupported", "exception", "step-budget"]).toContain(res.kind);
    expect(typeof res.error.message).toBe("string");
    expect(res.error.line).toBeGreaterThanOrEqual(1);
  }
  expect(steps).toBeLessThanOrEqual(BUDGET + 1);
}

const TOKENS = [
  "def ", "f", "(", ")", ":", "\n", "    ", "return ", "x", " = ", "1", "2.5", "'s'", '"t"', "f'{x}'", "+", "-", "*", "**",
  "/", "//", "%", "[", "]", "{", "}", ",", ".", "if ", "else", "elif ", "while ", "for ", " in ", "range(", "try:", "except",
  " as ", "e", "raise ", "ValueError", "lambda ", "print(", "len(", "not ", " and ", " or ", "import json", "import os",
  "None", "True", "[i for i in x]", "pass", "break", "continue", "global x", "nonlocal x", "del x", "assert ", "*args",
  "**kw", "class ", "yield ", "@", "#c", "\\", "'''", "0x1f", "1e400", "10**10", "'a'*3", "x[1:2]", "{1: 2}",
];

const VALID = `import json
GREETING = "hi"
def hello(name, n=2):
    out = []
    for i in range(n):
        out.append(f"{GREETING} {name!r} {i:>3}")
    return json.dumps({"lines": out, "total": len(out)})
print(hello("kim"))
`;

/**
 * Any code point but a lone surrogate half, as fast-check's unit "binary" (which spends more than a second building
 * its tables before the first string).
 */
const codePoint = fc.integer({ min: 0, max: 0x10ffff - 0x800 }).map((n) => String.fromCodePoint(n < 0xd800 ? n : n + 0x800));

describe("random sources", () => {
  it("arbitrary text never throws and stays in budget", () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (src) => assertTyped(run(src))), propertyRuns(300, 60));
  });

  it("arbitrary unicode/binary text never throws", () => {
    fc.assert(fc.property(fc.string({ unit: codePoint, maxLength: 200 }), (src) => assertTyped(run(src))), propertyRuns(200, 40));
  });

  it("Python-like token soup never throws", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }), (toks) => assertTyped(run(toks.join("")))),
      propertyRuns(500, 100),
    );
  });

  it("mutations of a valid program never throw", () => {
    fc.assert(
      fc.property(fc.nat(VALID.length), fc.nat(8), fc.string({ maxLength: 6 }), (at, del, ins) => {
        assertTyped(run(VALID.slice(0, at) + ins + VALID.slice(at + del)));
      }),
      propertyRuns(500, 100),
    );
  });

  it("the valid program itself runs", () => {
    const interp = createInterpreter();
    const res = interp.loadModule(VALID, { filename: "/srv/app.py" });
    expect(res.ok).toBe(true);
    expect(interp.drainOutput().map((o) => o.text)).toEqual([`{"lines": ["hi 'kim'   0", "hi 'kim'   1"], "total": 2}\n`]);
  });
});

describe("pathological programs get their typed outcome", () => {
  const outcome = (src: string, stepBudget?: number) => {
    const interp = createInterpreter(stepBudget ? { stepBudget } : {});
    const res = interp.loadModule(src, { filename: "/srv/app.py", path: "app.py" });
    if (res.ok) return "ok";
    if (res.kind === "exception") return res.traceback.trimEnd().split("\n").pop();
    return res.kind;
  };

  it.each([
    ["deep recursion", "def f(n):\n    return f(n + 1)\nf(0)\n", "RecursionError: maximum recursion depth exceeded"],
    ["mutual recursion through a comprehension", "def f(n):\n    return [f(n + 1) for _ in 'a']\nf(0)\n", "RecursionError: maximum recursion depth exceeded"],
    ["recursion through a native callback", "def f(n):\n    return sorted([n], key=f)\nf(0)\n", "RecursionError: maximum recursion depth exceeded"],
    ["huge string repeat", "s = 'a' * 10**9\n", "MemoryError"],
    ["huge list repeat", "s = [0] * 10**9\n", "MemoryError"],
    ["huge int power", "n = 2 ** 10 ** 8\n", "MemoryError"],
    ["huge shift", "n = 1 << 10 ** 9\n", "MemoryError"],
    ["huge padding", "s = 'x'.center(10**9)\n", "MemoryError"],
    ["huge zfill", "s = '1'.zfill(10**9)\n", "MemoryError"],
    ["huge f-string width", "s = f'{1:999999999}'\n", "MemoryError"],
    ["doubling a list", "x = [1]\nwhile True:\n    x = x + x\n", "MemoryError"],
    ["doubling a string", "x = 'ab'\nwhile True:\n    x += x\n", "MemoryError"],
    ["infinite loop", "while True:\n    pass\n", "step-budget"],
    ["infinite loop with try/finally", "while True:\n    try:\n        pass\n    finally:\n        continue\n", "step-budget"],
    ["swallowing exceptions in a loop", "while True:\n    try:\n        1/0\n    except Exception:\n        pass\n", "step-budget"],
    ["huge range materialised", "x = list(range(10**12))\n", "step-budget"],
    ["huge sum", "x = sum(range(10**12))\n", "step-budget"],
    ["growing list while iterating", "x = [1]\nfor i in x:\n    x.append(i)\n", "step-budget"],
    ["deeply nested list repr", "x = []\nfor i in range(5000):\n    x = [x]\ns = repr(x)\n", "RecursionError: maximum recursion depth exceeded while getting the repr of an object"],
    ["wide nested structure repr", "x = []\nfor i in range(22):\n    x = [x, x]\ns = str(x)\n", "step-budget"],
    ["int to str limit", "s = str(10 ** 5000)\n", "ValueError: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"],
  ])("%s", (_name, src, expected) => {
    expect(outcome(src)).toBe(expected);
  });

  it("deeply nested brackets are a SyntaxError, not a stack overflow", () => {
    const interp = createInterpreter();
    const res = interp.loadModule("x = " + "(".repeat(5000) + "1" + ")".repeat(5000) + "\n", { filename: "/srv/app.py" });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.traceback.trimEnd().split("\n").pop()).toBe("SyntaxError: too many nested parentheses");
  });

  it("a very long operator chain is CPython's compile-time RecursionError", () => {
    const res = createInterpreter().loadModule("x = " + Array(20_000).fill("1").join(" + ") + "\n", { filename: "/srv/app.py" });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.traceback).toBe("RecursionError: maximum recursion depth exceeded during compilation\n");
    const ok = createInterpreter().loadModule("x = " + Array(1000).fill("1").join(" + ") + "\n", { filename: "/srv/app.py" });
    expect(ok.ok && ok.module.attrs.get("x")).toBe(1000n);
  });

  it("deeply nested unary operators do not overflow the JS stack", () => {
    const interp = createInterpreter();
    const res = interp.loadModule("x = " + "-".repeat(100_000) + "1\n", { filename: "/srv/app.py" });
    expect(res.ok === true || res.kind === "syntax").toBe(true);
  });

  it("deeply nested blocks are CPython's IndentationError, not a stack overflow", () => {
    let src = "";
    for (let i = 0; i < 400; i++) src += " ".repeat(i) + "if True:\n";
    src += " ".repeat(400) + "pass\n";
    const res = createInterpreter().loadModule(src, { filename: "/srv/app.py" });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.traceback).toBe(`  File "/srv/app.py", line 101\n    if True:\nIndentationError: too many levels of indentation\n`);
  });
});
