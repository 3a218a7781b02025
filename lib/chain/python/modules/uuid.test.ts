import { describe, expect, it } from "vitest";
import { createInterpreter } from "../index";

function run(source: string, epochMs = 1_700_000_000_000): string {
  const interp = createInterpreter({ epochMs });
  const load = interp.loadModule(source, { filename: "/srv/app/app.py", path: "app.py", moduleName: "app" });
  if (!load.ok) throw new Error(load.traceback);
  return interp.drainOutput().map((o) => o.text).join("");
}

describe("uuid.uuid4 on the run's random generator", () => {
  it("repeats after random.seed(n) and is a version-4 RFC 4122 UUID", () => {
    const source = "import random, uuid\nrandom.seed(7)\na = uuid.uuid4()\nrandom.seed(7)\nprint(a == uuid.uuid4(), a.version, str(a)[19] in '89ab', a != uuid.uuid4())\n";
    expect(run(source)).toBe("True 4 True True\n");
  });

  it("differs between runs that start at different moments, as urandom would", () => {
    const source = "import uuid\nprint(uuid.uuid4())\n";
    expect(run(source, 1)).not.toBe(run(source, 2));
    expect(run(source, 1)).toBe(run(source, 1));
  });
});
