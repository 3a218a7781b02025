import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumb } from "@/components/lesson/breadcrumb";
import { KeyboardNav } from "@/components/lesson/keyboard-nav";
import { LessonEnd } from "@/components/lesson/lesson-end";
import { Pager } from "@/components/lesson/pager";
import { Sidebar } from "@/components/lesson/sidebar";
import { Toc } from "@/components/lesson/toc";
import { LessonContent } from "@/components/mdx/lesson-content";
import { getCourse } from "@/lib/content/lessons.server";
import { COMPLETE_PATH, findLesson, staticParams } from "@/lib/content/nav";

type Params = { params: Promise<{ slug: string[] }> };

export const dynamicParams = false;

export async function generateStaticParams() {
  return staticParams(await getCourse());
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const lesson = findLesson(await getCourse(), (await params).slug);
  if (!lesson) return {};
  return { title: lesson.title, description: lesson.description };
}

export default async function LessonPage({ params }: Params) {
  const course = await getCourse();
  const lesson = findLesson(course, (await params).slug);
  if (!lesson) notFound();
  return (
    <div className="lesson-layout">
      <Sidebar parts={course.parts} currentSlug={lesson.slug} />
      <main id="main" className="lesson-main" tabIndex={-1}>
        <Breadcrumb lesson={lesson} />
        <article className="prose">
          <header className="lesson-header">
            <p className="lesson-eyebrow">
              {lesson.number} · {lesson.partTitle}
            </p>
            <h1>{lesson.title}</h1>
          </header>
          <Toc entries={lesson.toc} variant="inline" />
          <LessonContent code={lesson.code} />
        </article>
        <LessonEnd slug={lesson.slug} />
        <Pager prev={lesson.prev} next={lesson.next} />
      </main>
      <aside className="lesson-aside">
        <Toc entries={lesson.toc} variant="aside" />
      </aside>
      <KeyboardNav prevHref={lesson.prev?.href} nextHref={lesson.next?.href ?? COMPLETE_PATH} />
    </div>
  );
}
