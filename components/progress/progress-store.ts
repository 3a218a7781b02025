/**
 * The progress store: the model above persisted in localStorage, observable for React (useSyncExternalStore).
 * Widgets call the functions exported at the bottom; they never touch localStorage themselves.
 */
import {
  EMPTY_PROGRESS,
  markDone,
  parseProgress,
  recordResult,
  serializeProgress,
  setLastOpened,
  type ProgressState,
} from "./progress-model";

export const PROGRESS_STORAGE_KEY = "wsgi-journey:progress:v1";

/** The subset of the Web Storage API we use, so tests can pass a Map-backed fake. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface ProgressStore {
  getSnapshot(): ProgressState;
  subscribe(listener: () => void): () => void;
  markLessonDone(slug: string): void;
  /** `keep: "best"` keeps an earlier, better result (challenges); the default keeps the latest (quizzes). */
  recordWidgetResult(slug: string, widgetId: string, result: { score: number; max: number }, keep?: "latest" | "best"): void;
  setLastOpenedLesson(slug: string): void;
  reset(): void;
  /** Re-read storage (another tab changed it). */
  reload(): void;
}

export function createProgressStore(
  getStorage: () => KeyValueStorage | undefined,
  now: () => number = () => Date.now(),
): ProgressStore {
  let state: ProgressState | undefined;
  const listeners = new Set<() => void>();

  const read = (): ProgressState => {
    try {
      return parseProgress(getStorage()?.getItem(PROGRESS_STORAGE_KEY));
    } catch {
      return EMPTY_PROGRESS;
    }
  };
  const current = (): ProgressState => (state ??= read());
  const emit = () => listeners.forEach((listener) => listener());
  const commit = (next: ProgressState) => {
    if (next === current()) return;
    state = next;
    try {
      getStorage()?.setItem(PROGRESS_STORAGE_KEY, serializeProgress(next));
    } catch {
      // Storage full or disabled: progress lives on for this page view only.
    }
    emit();
  };

  return {
    getSnapshot: current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    markLessonDone: (slug) => commit(markDone(current(), slug, now())),
    recordWidgetResult: (slug, widgetId, result, keep) => commit(recordResult(current(), slug, widgetId, result, now(), keep)),
    setLastOpenedLesson: (slug) => commit(setLastOpened(current(), slug)),
    reset() {
      try {
        getStorage()?.removeItem(PROGRESS_STORAGE_KEY);
      } catch {
        // ignore: nothing to remove
      }
      state = EMPTY_PROGRESS;
      emit();
    },
    reload() {
      state = read();
      emit();
    },
  };
}

function browserStorage(): KeyValueStorage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

/** The one store of the page. */
export const progressStore: ProgressStore = createProgressStore(browserStorage);

if (typeof window !== "undefined") {
  window.addEventListener("storage", (event) => {
    if (event.key === PROGRESS_STORAGE_KEY || event.key === null) progressStore.reload();
  });
}

/** Public API for widgets: mark a lesson done. */
export const markLessonDone = (slug: string): void => progressStore.markLessonDone(slug);
/** Public API for widgets (quizzes): record a score for `widgetId` inside lesson `slug`. */
export const recordWidgetResult = (slug: string, widgetId: string, result: { score: number; max: number }, keep?: "latest" | "best"): void =>
  progressStore.recordWidgetResult(slug, widgetId, result, keep);
export const resetProgress = (): void => progressStore.reset();
