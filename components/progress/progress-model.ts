/**
 * The progress record kept in localStorage, as pure functions. Whatever the stored text is (edited by hand,
 * written by an older version, garbage), parseProgress returns a valid, size-bounded state and never throws.
 */

export interface WidgetResult {
  /** Points earned, 0 ≤ score ≤ max. */
  score: number;
  max: number;
  /** Epoch milliseconds of the attempt. */
  at: number;
}

export interface LessonProgress {
  done: boolean;
  doneAt?: number;
  /** Results of widgets (quizzes…) by widget id. */
  results: Record<string, WidgetResult>;
}

export interface ProgressState {
  version: 1;
  lessons: Record<string, LessonProgress>;
  /** Slug of the lesson opened last, for the home page's `이어서 학습`. */
  lastOpened?: string;
}

export const MAX_LESSONS = 500;
export const MAX_RESULTS_PER_LESSON = 100;
const MAX_KEY = 120;
const MAX_RAW = 256 * 1024;

export const EMPTY_PROGRESS: ProgressState = Object.freeze({ version: 1, lessons: {} }) as ProgressState;

const isKey = (value: unknown): value is string =>
  typeof value === "string" && value.length > 0 && value.length <= MAX_KEY;
const isFiniteNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

function parseResult(value: unknown): WidgetResult | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { score, max, at } = value as Record<string, unknown>;
  if (!isFiniteNumber(score) || !isFiniteNumber(max) || !isFiniteNumber(at)) return undefined;
  if (max <= 0 || score < 0 || score > max) return undefined;
  return { score, max, at };
}

function parseLesson(value: unknown): LessonProgress | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const results: Record<string, WidgetResult> = {};
  if (typeof record.results === "object" && record.results !== null) {
    for (const [id, raw] of Object.entries(record.results).slice(0, MAX_RESULTS_PER_LESSON)) {
      const result = parseResult(raw);
      if (isKey(id) && result) results[id] = result;
    }
  }
  const done = record.done === true;
  return { done, ...(done && isFiniteNumber(record.doneAt) ? { doneAt: record.doneAt } : {}), results };
}

export function parseProgress(raw: string | null | undefined): ProgressState {
  if (!raw || raw.length > MAX_RAW) return EMPTY_PROGRESS;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return EMPTY_PROGRESS;
  }
  if (typeof value !== "object" || value === null || (value as { version?: unknown }).version !== 1) {
    return EMPTY_PROGRESS;
  }
  const record = value as Record<string, unknown>;
  const lessons: Record<string, LessonProgress> = {};
  if (typeof record.lessons === "object" && record.lessons !== null) {
    for (const [slug, rawLesson] of Object.entries(record.lessons).slice(0, MAX_LESSONS)) {
      const lesson = parseLesson(rawLesson);
      if (isKey(slug) && lesson) lessons[slug] = lesson;
    }
  }
  return { version: 1, lessons, ...(isKey(record.lastOpened) ? { lastOpened: record.lastOpened } : {}) };
}

export function serializeProgress(state: ProgressState): string {
  return JSON.stringify(state);
}

function withLesson(state: ProgressState, slug: string, update: (l: LessonProgress) => LessonProgress): ProgressState {
  if (!isKey(slug)) return state;
  const current = state.lessons[slug];
  if (!current && Object.keys(state.lessons).length >= MAX_LESSONS) return state;
  return { ...state, lessons: { ...state.lessons, [slug]: update(current ?? { done: false, results: {} }) } };
}

export function markDone(state: ProgressState, slug: string, now: number): ProgressState {
  if (state.lessons[slug]?.done) return state;
  return withLesson(state, slug, (l) => ({ ...l, done: true, doneAt: now }));
}

export function recordResult(
  state: ProgressState,
  slug: string,
  widgetId: string,
  result: { score: number; max: number },
  now: number,
  keep: "latest" | "best" = "latest",
): ProgressState {
  const parsed = parseResult({ ...result, at: now });
  if (!parsed || !isKey(widgetId)) return state;
  const before = state.lessons[slug]?.results[widgetId];
  // A challenge once solved stays solved: a later failed try (the student experimenting) does not take it back.
  if (keep === "best" && before && before.score / before.max >= parsed.score / parsed.max) return state;
  return withLesson(state, slug, (l) => {
    if (!(widgetId in l.results) && Object.keys(l.results).length >= MAX_RESULTS_PER_LESSON) return l;
    return { ...l, results: { ...l.results, [widgetId]: parsed } };
  });
}

export function setLastOpened(state: ProgressState, slug: string): ProgressState {
  if (!isKey(slug) || state.lastOpened === slug) return state;
  return { ...state, lastOpened: slug };
}

export function isDone(state: ProgressState, slug: string): boolean {
  return state.lessons[slug]?.done === true;
}

export function countDone(state: ProgressState, slugs: readonly string[]): number {
  return slugs.filter((slug) => isDone(state, slug)).length;
}

/** Result ids of goals the student reaches by changing files or knobs (not questions answered). */
export const isChallengeResult = (widgetId: string): boolean => widgetId.startsWith("challenge:") || widgetId.startsWith("load:");

/**
 * What the completion page shows for a lesson: the questions (quiz, predictions) added up, and how many of the
 * challenges tried were solved. Each part is null when nothing of that kind was attempted.
 */
export function lessonSummary(
  state: ProgressState,
  slug: string,
): { questions: { score: number; max: number } | null; challenges: { solved: number; attempted: number } | null } {
  const entries = Object.entries(state.lessons[slug]?.results ?? {});
  const questions = entries.filter(([id]) => !isChallengeResult(id)).map(([, r]) => r);
  const challenges = entries.filter(([id]) => isChallengeResult(id)).map(([, r]) => r);
  return {
    questions: questions.length === 0 ? null : { score: questions.reduce((sum, r) => sum + r.score, 0), max: questions.reduce((sum, r) => sum + r.max, 0) },
    challenges: challenges.length === 0 ? null : { solved: challenges.filter((r) => r.score === r.max).length, attempted: challenges.length },
  };
}
