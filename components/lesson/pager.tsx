import Link from "next/link";
import { COMPLETE_PATH } from "@/lib/content/nav";
import { LESSON_KEYS_HINT } from "./keyboard";
import type { LessonSummary } from "@/lib/content/types";

/** The prominent `다음` button naming the next lesson (the course-complete page after the last), plus `이전`. */
export function Pager({ prev, next }: { prev?: LessonSummary; next?: LessonSummary }) {
  return (
    <>
    <nav className="pager" aria-label="이전 다음 레슨">
      {prev ? (
        <Link className="pager-link pager-prev" href={prev.href} rel="prev">
          <span className="pager-label">이전</span>{" "}
          <span className="pager-title">{prev.title}</span>
        </Link>
      ) : (
        <span />
      )}
      <Link className="pager-link pager-next" href={next ? next.href : COMPLETE_PATH} rel={next ? "next" : undefined}>
        <span className="pager-label">다음</span>{" "}
        <span className="pager-title">{next ? next.title : "코스 완료"}</span>
      </Link>
    </nav>
    <p className="pager-keys">{LESSON_KEYS_HINT}</p>
    </>
  );
}
