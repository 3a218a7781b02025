import { describe, expect, it, vi } from "vitest";
import { PROGRESS_STORAGE_KEY, createProgressStore, type KeyValueStorage } from "./progress-store";

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe("progress store", () => {
  it("persists completion so a new store (a reload) sees it", () => {
    const storage = memoryStorage();
    const store = createProgressStore(() => storage, () => 42);
    store.markLessonDone("intro/welcome");
    const reloaded = createProgressStore(() => storage);
    expect(reloaded.getSnapshot().lessons["intro/welcome"]).toEqual({ done: true, doneAt: 42, results: {} });
  });

  it("notifies subscribers once per change and not for no-ops", () => {
    const store = createProgressStore(() => memoryStorage());
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.markLessonDone("a");
    store.markLessonDone("a");
    store.setLastOpenedLesson("a");
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
    store.markLessonDone("b");
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it("returns the same snapshot object until something changes", () => {
    const store = createProgressStore(() => memoryStorage());
    const first = store.getSnapshot();
    expect(store.getSnapshot()).toBe(first);
    store.recordWidgetResult("a", "quiz", { score: 1, max: 2 });
    expect(store.getSnapshot()).not.toBe(first);
    expect(store.getSnapshot().lessons.a?.results.quiz?.score).toBe(1);
  });

  it("reset clears storage and state", () => {
    const storage = memoryStorage();
    const store = createProgressStore(() => storage);
    store.markLessonDone("a");
    store.setLastOpenedLesson("a");
    store.reset();
    expect(storage.data.has(PROGRESS_STORAGE_KEY)).toBe(false);
    expect(store.getSnapshot()).toEqual({ version: 1, lessons: {} });
  });

  it("keeps working in memory when storage throws (private mode, quota)", () => {
    const broken: KeyValueStorage = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("quota");
      },
      removeItem: () => {
        throw new Error("denied");
      },
    };
    const store = createProgressStore(() => broken);
    expect(() => store.markLessonDone("a")).not.toThrow();
    expect(store.getSnapshot().lessons.a?.done).toBe(true);
    expect(() => store.reset()).not.toThrow();
  });

  it("reload picks up a change made by another tab", () => {
    const storage = memoryStorage();
    const store = createProgressStore(() => storage);
    expect(store.getSnapshot().lessons).toEqual({});
    createProgressStore(() => storage).markLessonDone("other-tab");
    expect(store.getSnapshot().lessons["other-tab"]).toBeUndefined();
    store.reload();
    expect(store.getSnapshot().lessons["other-tab"]?.done).toBe(true);
  });
});
