import { afterEach, describe, expect, it, vi } from "vitest";
import { ClassHub } from "./hub.server";

afterEach(() => vi.useRealTimers());

function collect() {
  const texts: string[] = [];
  let ended = false;
  return { texts, write: (t: string) => texts.push(t), end: () => (ended = true), ended: () => ended, states: () => texts.filter((t) => t.startsWith("event: state")) };
}

describe("ClassHub", () => {
  it("sends the view at once, again after a change, and not when the view is the same", () => {
    vi.useFakeTimers();
    let version = 1;
    let view = "a";
    const hub = new ClassHub({ version: () => version });
    const out = collect();
    hub.open(7, () => view, out.write, out.end);
    expect(out.states()).toEqual(["event: state\ndata: a\n\n"]);
    hub.changed(7);
    vi.advanceTimersByTime(200);
    expect(out.states()).toHaveLength(1);
    view = "b";
    version = 2;
    hub.changed(7);
    hub.changed(7);
    vi.advanceTimersByTime(200);
    expect(out.states()).toEqual(["event: state\ndata: a\n\n", "event: state\ndata: b\n\n"]);
  });

  it("notices another process's write by the class version", () => {
    vi.useFakeTimers();
    let version = 1;
    let view = "a";
    const hub = new ClassHub({ version: () => version, pollMs: 500 });
    const out = collect();
    hub.open(7, () => view, out.write, out.end);
    view = "b";
    version = 2;
    vi.advanceTimersByTime(1000);
    expect(out.states().at(-1)).toBe("event: state\ndata: b\n\n");
  });

  it("keeps idle streams alive with comments, and stops its timers when the last stream closes", () => {
    vi.useFakeTimers();
    const hub = new ClassHub({ version: () => 1, heartbeatMs: 1000 });
    const out = collect();
    const stop = hub.open(1, () => "x", out.write, out.end);
    vi.advanceTimersByTime(3100);
    expect(out.texts.filter((t) => t === ": ping\n\n")).toHaveLength(3);
    stop();
    expect(hub.streams).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("ends a deleted class's streams with a `gone` event", () => {
    vi.useFakeTimers();
    let version: number | null = 1;
    const hub = new ClassHub({ version: () => version });
    const out = collect();
    hub.open(3, () => "x", out.write, out.end);
    version = null;
    hub.changed(3);
    vi.advanceTimersByTime(200);
    expect(out.texts.at(-1)).toContain("event: gone");
    expect(out.ended()).toBe(true);
  });
});
