"use client";
import { useEffect, useRef } from "react";
import { isDone, markLessonDone, progressStore, useProgress } from "@/components/progress";

/**
 * The end of a lesson: the `완료` button, and an invisible marker that marks the lesson done once the student
 * has scrolled to it. Opening the lesson also records it as the one to resume.
 */
export function LessonEnd({ slug }: { slug: string }) {
  const progress = useProgress();
  const done = isDone(progress, slug);
  const marker = useRef<HTMLDivElement>(null);

  useEffect(() => {
    progressStore.setLastOpenedLesson(slug);
  }, [slug]);

  useEffect(() => {
    const element = marker.current;
    if (!element || done || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        markLessonDone(slug);
        observer.disconnect();
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [slug, done]);

  return (
    <div className="lesson-end">
      <div ref={marker} data-testid="lesson-end-marker" aria-hidden="true" className="lesson-end-marker" />
      <button
        type="button"
        className="done-button"
        aria-pressed={done}
        disabled={done}
        onClick={() => markLessonDone(slug)}
      >
        {done ? "✓ 완료한 레슨" : "완료"}
      </button>
    </div>
  );
}
