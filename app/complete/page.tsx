import type { Metadata } from "next";
import Link from "next/link";
import { CourseOutline } from "@/components/home/course-outline";
import { getCourse } from "@/lib/content/lessons.server";

export const metadata: Metadata = {
  title: "코스 완료",
  description: "마지막 레슨까지 왔습니다. 레슨마다 확인 문제 점수와 해결한 도전 과제를 보며 지나온 길을 되돌아봅니다.",
};

export default async function CompletePage() {
  const course = await getCourse();
  const last = course.lessons.at(-1);
  return (
    <main id="main" className="home" tabIndex={-1}>
      <section className="hero">
        <p className="lesson-eyebrow">축하합니다</p>
        <h1>코스 완료</h1>
        <p className="hero-description">
          {course.config.title}의 마지막 레슨까지 왔습니다. 레슨은 확인 문제와 도전 과제를 모두 해 보아야 완료로
          표시됩니다. 아래 목록에서 레슨마다 확인 문제 점수와 해결한 도전 과제를 보고, 완료 표시가 없는 레슨은 다시 열어
          보세요.
        </p>
        <div className="button-row">
          <Link className="primary-button" href="/">
            코스 홈으로
          </Link>
          {last ? (
            <Link className="secondary-button" href={last.href}>
              이전: {last.title}
            </Link>
          ) : null}
        </div>
      </section>
      <section aria-labelledby="outline-heading">
        <h2 id="outline-heading">지나온 레슨</h2>
        <CourseOutline parts={course.parts} showScores />
      </section>
    </main>
  );
}
