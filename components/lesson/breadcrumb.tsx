import Link from "next/link";
import type { LessonSummary } from "@/lib/content/types";

export function Breadcrumb({ lesson }: { lesson: LessonSummary }) {
  return (
    <nav aria-label="현재 위치" className="breadcrumb">
      <ol>
        <li>
          <Link href="/">홈</Link>
        </li>
        <li>{lesson.partTitle}</li>
        <li aria-current="page">{lesson.title}</li>
      </ol>
    </nav>
  );
}
