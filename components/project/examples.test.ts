import { describe, expect, it } from "vitest";
import { exampleAsProject, exampleTitle, isProjectFile } from "./examples";

describe("example projects on the bring-your-own-project page", () => {
  it("keep the app's own files and leave the deployment files to the page's defaults", () => {
    expect(["app.py", "config.py", "templates/base.html", "static/style.css"].every(isProjectFile)).toBe(true);
    expect(["nginx.conf", "nginx-uwsgi.conf", "gunicorn.conf.py", "uwsgi.ini", "scenario.json"].some(isProjectFile)).toBe(false);
  });

  it("show the Korean title without the scenario name", () => {
    expect(exampleTitle("app_guestbook", "app_guestbook: 로그인과 flash가 있는 방명록")).toBe("로그인과 flash가 있는 방명록");
    expect(exampleTitle("app_x", "다른 제목")).toBe("다른 제목");
  });

  it("become a project like a chosen folder: sorted, sized in UTF-8 bytes, nothing left out", () => {
    const project = exampleAsProject({
      name: "app_demo",
      title: "데모",
      summary: "요약",
      files: { "templates/a.html": "한", "app.py": "x = 1\n", "static/i.png": { base64: "AAAA" } },
    });
    expect(project.listed).toEqual([
      { path: "app.py", size: 6, binary: false },
      { path: "static/i.png", size: 3, binary: true },
      { path: "templates/a.html", size: 3, binary: false },
    ]);
    expect(project.problems).toEqual([]);
    expect(project.ignored).toEqual([]);
    expect(project.example).toBe("app_demo");
  });
});
