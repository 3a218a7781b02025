import type { Metadata } from "next";
import Link from "next/link";
import { loadScenario } from "@/lib/scenarios/load.server";
import { loadExampleProjects } from "@/lib/scenarios/examples.server";
import { ProjectWorkbench } from "@/components/project/project-workbench";
import { PROJECT_SCENARIO } from "@/components/project/project-scenario";

export const metadata: Metadata = {
  title: "내 프로젝트 올려 보기",
  description: "내가 만든 Flask 프로젝트 디렉터리를 배포 레슨의 Nginx + Gunicorn/uWSGI 구성에 올려 요청이 지나가는 길을 봅니다.",
};

/** The default files the student's folder is laid over (the my_project scenario, as the deployment lesson sets it up). */
const DEFAULT_FILES = ["nginx.conf", "nginx-uwsgi.conf", "gunicorn.conf.py", "uwsgi.ini", "app.py"];

export default async function MyProjectPage() {
  const scenario = await loadScenario(PROJECT_SCENARIO);
  if (!scenario) throw new Error(`no scenario "${PROJECT_SCENARIO}" in content/scenarios`);
  const examples = await loadExampleProjects();
  const defaults = Object.fromEntries(DEFAULT_FILES.map((path) => [path, new TextDecoder().decode(scenario.files.get(path))]));
  return (
    <main id="main" className="home" tabIndex={-1}>
      <section className="hero">
        <p className="lesson-eyebrow">배포 실습</p>
        <h1>내 프로젝트 올려 보기</h1>
        <p className="hero-description">
          내가 만든 Flask 앱을 배포 레슨의 구성 그대로(Nginx가 정적 파일을, Gunicorn 또는 uWSGI가 앱을) 올려 봅니다. 디렉터리를 고르면
          앱의 URL 규칙이 나오고, 규칙마다 요청을 보내 Nginx와 게이트웨이와 앱을 지나가는 길을 단계별로 볼 수 있습니다. 코드에
          오류가 있으면 실제 서버에서처럼 게이트웨이 로그에 트레이스백이 남고 Nginx가 502나 500으로 답합니다.
        </p>
        <p className="hero-description">
          내장 체인은 파이썬의 일부만 실행하는 모형입니다. 지원하지 않는 기능을 쓰면 어디인지 알려 주고, 실제 서버에서는 그대로
          동작한다고 말해 줍니다. 배포 순서는 <Link href="/learn/deployment/deploy">배포 레슨</Link>에 있습니다.
        </p>
      </section>
      <ProjectWorkbench defaults={defaults} examples={examples} />
    </main>
  );
}
