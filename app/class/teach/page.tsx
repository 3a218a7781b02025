import type { Metadata } from "next";
import { ClassDashboard } from "@/components/classroom/dashboard";
import styles from "@/components/classroom/classroom.module.css";
import { getCourse } from "@/lib/content/lessons.server";
import { questionLabels } from "@/components/classroom/lesson-labels.server";

export const metadata: Metadata = {
  title: "수업 대시보드",
  description: "강사용: 반의 진도, 문제별 답, 도전 과제, 반 전체 예측을 실시간으로 봅니다.",
  robots: { index: false },
};

export default async function TeachPage() {
  const course = await getCourse();
  const all = [...course.lessons, ...course.unlisted];
  const lessons = all.map((l) => ({ slug: l.slug, title: l.title }));
  return (
    <main id="main" className={styles.page} tabIndex={-1}>
      <p className="lesson-eyebrow">수업 대시보드</p>
      <ClassDashboard lessons={lessons} labels={questionLabels(all)} />
    </main>
  );
}
