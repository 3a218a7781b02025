"use client";
import Link from "next/link";
import { countDone, isDone, lessonSummary, useProgress, type ProgressState } from "@/components/progress";
import type { PartSummary } from "@/lib/content/types";

/** The completion page's line for a lesson: the questions' score and the challenges solved. */
function scoreLine(progress: ProgressState, slug: string): string {
  const { questions, challenges } = lessonSummary(progress, slug);
  const parts = [
    questions ? `확인 문제 점수: ${questions.max}점 중 ${questions.score}점` : null,
    challenges ? `도전 과제: ${challenges.attempted}개 중 ${challenges.solved}개 해결` : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(" · ") : "아직 푼 확인 문제나 도전 과제가 없습니다.";
}

/** Parts and their lessons with the student's progress (and, on the completion page, each lesson's check score). */
export function CourseOutline({ parts, showScores = false }: { parts: readonly PartSummary[]; showScores?: boolean }) {
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
                      {showScores ? (
                        <p className="outline-score" data-testid="lesson-score">
                          {scoreLine(progress, lesson.slug)}
                        </p>
                      ) : null}
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
