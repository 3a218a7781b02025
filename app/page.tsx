import Link from "next/link";
import { CourseOutline } from "@/components/home/course-outline";
import { ResetProgressButton } from "@/components/home/reset-progress-button";
import { StartButton } from "@/components/home/start-button";
import { getCourse } from "@/lib/content/lessons.server";
import { summarize } from "@/lib/content/nav";

export default async function HomePage() {
  const course = await getCourse();
  const lessons = course.lessons.map(summarize);
  return (
    <main id="main" className="home" tabIndex={-1}>
      <section className="hero">
        <h1>{course.config.title}</h1>
        <p className="hero-description">{course.config.description}</p>
        <StartButton lessons={lessons} />
        <p className="hero-class">
          수업 중이라면 <Link href="/class">반 코드로 수업에 참여하기</Link> (강사는 같은 곳에서 반을 만듭니다)
        </p>
      </section>
      {course.config.learn.length > 0 ? (
        <section className="learn" aria-labelledby="learn-heading">
          <h2 id="learn-heading">이 코스에서 배우는 것</h2>
          <ul>
            {course.config.learn.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="outline-heading">
        <h2 id="outline-heading">레슨</h2>
        <CourseOutline parts={course.parts} />
        <ResetProgressButton />
      </section>
    </main>
  );
}
