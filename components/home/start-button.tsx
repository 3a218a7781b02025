"use client";
import Link from "next/link";
import { useProgress } from "@/components/progress";
import type { LessonSummary } from "@/lib/content/types";

/** `처음부터 시작` for a new student, `이어서 학습` to the lesson opened last. */
export function StartButton({ lessons }: { lessons: readonly LessonSummary[] }) {
  const progress = useProgress();
  const last = lessons.find((l) => l.slug === progress.lastOpened);
  const target = last ?? lessons[0];
  if (!target) return null;
  return (
    <Link className="primary-button" href={target.href}>
      {last ? "이어서 학습" : "처음부터 시작"}
      {last ? <span className="primary-button-sub">{last.title}</span> : null}
    </Link>
  );
}
