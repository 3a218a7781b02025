"use client";
import Link from "next/link";
import { countDone, isDone, useProgress } from "@/components/progress";
import type { PartSummary } from "@/lib/content/types";

/** Parts and their lessons with the student's progress. */
export function CourseOutline({ parts }: { parts: readonly PartSummary[] }) {
  const progress = useProgress();
  return (
    <div className="outline">
      {parts.map((part) => {
        const done = countDone(
          progress,
          part.lessons.map((l) => l.slug),
        );
        return (
          <section key={part.slug} className="outline-part" aria-labelledby={`part-${part.slug}`}>
            <div className="outline-part-head">
              <h3 id={`part-${part.slug}`}>
                <span className="outline-part-number">{part.number}부</span> {part.title}
              </h3>
              <p className="outline-part-progress">
                {done} / {part.lessons.length} 완료
              </p>
            </div>
            <ol className="outline-lessons">
              {part.lessons.map((lesson) => {
                const lessonDone = isDone(progress, lesson.slug);
                return (
                  <li key={lesson.slug} data-done={lessonDone || undefined}>
                    <span className="lesson-mark" aria-hidden="true">
                      {lessonDone ? "✓" : lesson.number}
                    </span>
                    <div>
                      <Link href={lesson.href}>{lesson.title}</Link>
                      {lessonDone ? <span className="visually-hidden"> (완료)</span> : null}
                      <p className="outline-description">{lesson.description}</p>
                    </div>
                  </li>
                );
              })}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
