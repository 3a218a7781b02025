import { describe, expect, it } from "vitest";
import { checkSourceReuse, PYTHON_READ_ONLY_ATTRIBUTES } from "./reuse-check";
import type { ReuseVerdict } from "./reuse-check";

const policy = { readOnlyAttributes: new Set([...PYTHON_READ_ONLY_ATTRIBUTES, "args", "path", "config", "route", "sleep"]) };

function check(source: string): ReuseVerdict {
  return checkSourceReuse(source, policy);
}

function reasonOf(source: string): string {
  const v = check(source);
  return v.reusable ? "reusable" : v.reason;
}

function readsOf(source: string): Record<string, string[]> {
  const v = check(source);
  if (!v.reusable) throw new Error(v.reason);
  return Object.fromEntries([...v.reads].map(([name, uses]) => [name, [...uses].sort()]));
}

describe("checkReuse: function bodies only read", () => {
  const rejected: Record<string, [string, string]> = {
    global: ["n = 0\ndef f():\n    global n\n    n = 1\n", "global statement"],
    nonlocal: ["def f():\n    n = 0\n    def g():\n        nonlocal n\n        n = 1\n    return g\n", "nonlocal statement"],
    "augmented assignment (even of a local)": ["def f():\n    x = []\n    x += [1]\n    return x\n", "augmented assignment in a function"],
    "item assignment": ["D = {}\ndef f():\n    D['k'] = 1\n", "item assignment in a function"],
    "item deletion": ["D = {'k': 1}\ndef f():\n    del D['k']\n", "item assignment in a function"],
    "for target subscript": ["L = [0]\ndef f():\n    for L[0] in range(3):\n        pass\n", "item assignment in a function"],
    "comprehension target attribute": ["def f(o):\n    return [1 for o.x in range(3)]\n", "assignment to the attribute .x"],
    "attribute assignment": ["def f():\n    f.n = 1\n", "assignment to the attribute .n"],
    "a mutating method": ["L = []\ndef f():\n    L.append(1)\n", "attribute .append is not known to be read-only"],
    "a mutating method kept for later": ["L = []\ndef f():\n    return L.pop\n", "attribute .pop is not known to be read-only"],
    "in a lambda": ["L = []\ng = lambda x: L.append(x)\n", "attribute .append is not known to be read-only"],
    "in a nested function": ["def f():\n    def g(d):\n        d.clear()\n    return g\n", "attribute .clear is not known to be read-only"],
    "call of a local": ["def f(cb):\n    return cb(1)\n", "call of the local variable cb"],
    "call of a computed value": ["def f():\n    return [len][0]('x')\n", "call of a computed value"],
    setattr: ["def f(o):\n    setattr(o, 'x', 1)\n", "use of setattr()"],
  };
  for (const [name, [source, reason]] of Object.entries(rejected)) {
    it(`rejects ${name}`, () => expect(reasonOf(source)).toBe(reason));
  }

  it("accepts reads, local names and new objects", () => {
    const source = [
      "def f(x, items=()):",
      "    out = [i for i in items if i]",
      "    d = {k: v for k, v in zip(out, out)}",
      "    for i, v in enumerate(out):",
      "        y = str(v).upper()",
      "    del y",
      "    return f\"{x} {len(out)} {d.get('a')} {type(x).__name__}\"",
    ].join("\n");
    expect(readsOf(source)).toEqual({ enumerate: ["call"], len: ["call"], str: ["call"], type: ["type()"], zip: ["call"] });
  });

  it("reports how each outside name is used", () => {
    const source = "import time\nfrom flask import request\nG = 1\ndef f():\n    time.sleep(G)\n    return request.args.get('a', type=float), request.path, helper()\ndef helper():\n    return G\n";
    expect(readsOf(source)).toEqual({ G: ["value"], float: ["value"], helper: ["call"], request: [".args", ".path"], time: [".sleep"] });
  });

  it("records type used otherwise than type(x).__name__", () => {
    expect(readsOf("def f(x):\n    return type(x)\n")).toEqual({ type: ["call"] });
    expect(readsOf("def f(x):\n    return isinstance(x, type)\n")).toEqual({ isinstance: ["call"], type: ["value"] });
  });
});

describe("checkReuse: what loading leaves behind", () => {
  it("allows mutation while loading", () => {
    expect(reasonOf("D = {}\nD['a'] = 1\nL = []\nL.append(2)\nn = 0\nn += 1\nfor i in range(3):\n    L.append(i)\n")).toBe("reusable");
  });

  const rejected: Record<string, [string, string]> = {
    "a lazy iterator": ["ITEMS = map(str, [1, 2])\n", "map() at module level builds a lazy iterator"],
    "even one consumed at once": ["ITEMS = list(zip([1], [2]))\n", "zip() at module level builds a lazy iterator"],
    "a generator expression": ["ITEMS = (x for x in [1, 2])\n", "generator expression at module level"],
    "an attribute set on a module": ["import json\njson.dumps = len\n", "assignment to the attribute .dumps"],
    "setattr while loading": ["import json\nsetattr(json, 'dumps', len)\n", "use of setattr()"],
    "import *": ["from flask import *\n", "import *"],
    "global at module level": ["global x\nx = 1\n", "global statement"],
  };
  for (const [name, [source, reason]] of Object.entries(rejected)) {
    it(`rejects ${name}`, () => expect(reasonOf(source)).toBe(reason));
  }

  it("never reuses a module that does not parse", () => {
    expect(check("def f(:\n").reusable).toBe(false);
  });

  it("checks decorators and defaults where they run: at load time for a top-level def", () => {
    expect(reasonOf("L = []\n@L.append\ndef f(x=L.append):\n    return x\n")).toBe("reusable");
    expect(reasonOf("def f():\n    def g(x=L.pop):\n        return x\n    return g\nL = []\n")).toBe("attribute .pop is not known to be read-only");
  });
});
