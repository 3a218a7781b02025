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
