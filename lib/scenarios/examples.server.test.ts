import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadExampleProjects } from "./examples.server";

describe("the example projects read for /my-project", () => {
  it("are the app_* scenarios the conformance suite does not list as waiting, with their app files only", async () => {
    const examples = await loadExampleProjects();
    const waiting = (JSON.parse(readFileSync(path.join(process.cwd(), "conformance", "known-differences.json"), "utf8")) as { waiting?: Array<{ scenario: string }> }).waiting ?? [];
    const names = examples.map((e) => e.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.startsWith("app_"))).toBe(true);
    for (const w of waiting) expect(names).not.toContain(w.scenario);
    const guestbook = examples.find((e) => e.name === "app_guestbook");
    expect(guestbook?.title).toBe("로그인과 flash가 있는 방명록");
    expect(Object.keys(guestbook?.files ?? {}).sort()).toEqual(["app.py", "static/guestbook.css", "templates/base.html", "templates/index.html", "templates/login.html"]);
  });
});
