/**
 * Example projects (the app_* scenarios: student-style Flask apps the conformance suite checks against the real
 * chain) offered on the bring-your-own-project page. Pure: the page reads the scenario folders at build time
 * (lib/scenarios/examples.server.ts) and the picker turns one into a project like a chosen folder.
 */
import type { ProjectRead } from "./folder-reader";
import type { FileContent } from "./project-files";

export interface ExampleProject {
  /** The scenario's folder name, e.g. app_guestbook. */
  name: string;
  /** Korean title (scenario.json's title without its "app_x: " prefix). */
  title: string;
  summary: string;
  /** The project's own files: app.py and its modules, templates/, static/ (not the deployment configs). */
  files: Record<string, FileContent>;
}

/** The deployment files of an app_* scenario: they name /srv/app_x, so the page's defaults replace them. */
const DEPLOYMENT_FILES = new Set(["nginx.conf", "nginx-uwsgi.conf", "gunicorn.conf.py", "uwsgi.ini", "scenario.json"]);

export function isProjectFile(path: string): boolean {
  return !DEPLOYMENT_FILES.has(path);
}

/** "app_guestbook: 로그인과 flash가 있는 방명록" → "로그인과 flash가 있는 방명록". */
export function exampleTitle(name: string, title: string): string {
  return title.startsWith(`${name}: `) ? title.slice(name.length + 2) : title;
}

/** An example as if its folder had been chosen: every file kept, nothing left out. */
export function exampleAsProject(example: ExampleProject): ProjectRead {
  const paths = Object.keys(example.files).sort((a, b) => a.localeCompare(b));
  const size = (c: FileContent) => (typeof c === "string" ? new TextEncoder().encode(c).length : Math.floor((c.base64.length * 3) / 4));
  return {
    listed: paths.map((path) => ({ path, size: size(example.files[path]), binary: typeof example.files[path] !== "string" })),
    ignored: [],
    problems: [],
    files: example.files,
    example: example.name,
  };
}
