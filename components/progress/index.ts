/** The progress client API for lesson widgets. */
export { markLessonDone, recordWidgetResult, resetProgress, progressStore } from "./progress-store";
export { useProgress } from "./use-progress";
export { isDone, countDone, lessonSummary, isChallengeResult, type ProgressState, type LessonProgress, type WidgetResult } from "./progress-model";
