"use client";
import { useEffect, useSyncExternalStore } from "react";
import { isDone, markLessonDone, progressStore, useProgress } from "@/components/progress";
import { reportClassEvent } from "@/components/classroom/report";

/**
 * The end of a lesson. A lesson is complete when its checks were attempted, not when it was scrolled through:
 * every widget that grades the student marks its root `data-lesson-check="<result id>"` (the id it passes to
 * recordWidgetResult; several ids separated by spaces when one widget grades twice, like a load lab's prediction and
 * goal), and once each of them has a result the lesson is marked done. A lesson without checks is
 * done with the `완료` button. Opening the lesson also records it as the one to resume.
 */
export const LESSON_CHECK_ATTRIBUTE = "data-lesson-check";

/** The page's check ids, joined by newlines (a string, so the snapshot compares equal while nothing changes). */
function readChecks(): string {
  const ids = Array.from(document.querySelectorAll(`main [${LESSON_CHECK_ATTRIBUTE}]`), (el) => (el.getAttribute(LESSON_CHECK_ATTRIBUTE) ?? "").split(/\s+/)).flat();
  return [...new Set(ids.filter(Boolean))].join("\n");
}

/** Widgets are in the server-rendered page; a lazily mounted one shows up through the observer. */
function subscribeChecks(onChange: () => void): () => void {
  const main = document.querySelector("main");
  if (!main || typeof MutationObserver === "undefined") return () => {};
  const observer = new MutationObserver(onChange);
  observer.observe(main, { subtree: true, childList: true });
  return () => observer.disconnect();
}

export function LessonEnd({ slug }: { slug: string }) {
  const progress = useProgress();
  const done = isDone(progress, slug);
  const snapshot = useSyncExternalStore(subscribeChecks, readChecks, () => null);
  const checks = snapshot === null ? null : snapshot.split("\n").filter(Boolean);

  useEffect(() => {
    progressStore.setLastOpenedLesson(slug);
    reportClassEvent({ kind: "lesson", slug, state: "started" });
  }, [slug]);

  useEffect(() => {
    if (done) reportClassEvent({ kind: "lesson", slug, state: "finished" });
  }, [done, slug]);

  const results = progress.lessons[slug]?.results ?? {};
  const attempted = checks?.filter((id) => id in results).length ?? 0;
  const total = checks?.length ?? 0;
  const allAttempted = checks !== null && attempted === total;

  useEffect(() => {
    if (!done && checks !== null && total > 0 && allAttempted) markLessonDone(slug);
  }, [done, checks, total, allAttempted, slug]);

  return (
    <div className="lesson-end">
      {total > 0 && !done ? (
        <p className="lesson-end-status" id={`${slug}-checks`}>
          이 레슨의 확인 문제와 도전 과제 {total}개 중 {attempted}개를 해 보았습니다. 모두 해 보면 완료로 표시됩니다.
        </p>
      ) : null}
      <button
        type="button"
        className="done-button"
        aria-pressed={done}
        aria-describedby={total > 0 && !done ? `${slug}-checks` : undefined}
        disabled={done || checks === null || total > 0}
        onClick={() => markLessonDone(slug)}
      >
        {done ? "✓ 완료한 레슨" : "완료"}
      </button>
    </div>
  );
}
