"use client";
/** Choose or drop a project folder; shows what was kept, what was left out and the bounds, all in Korean. */
import { useState, type DragEvent } from "react";
import { exampleAsProject, type ExampleProject } from "./examples";
import { filesFromDrop, filesFromInput, readProject, type ProjectRead } from "./folder-reader";
import { FILE_BYTES, FILE_LIMIT, FILES_BODY_BYTES, formatSize } from "./project-files";
import styles from "./project.module.css";

export interface ProjectPickerProps {
  project: ProjectRead | null;
  onProject(project: ProjectRead): void;
  /** The course's example apps, offered when the student has no folder at hand. */
  examples?: ExampleProject[];
}

export function ProjectPicker({ project, onProject, examples = [] }: ProjectPickerProps) {
  const [over, setOver] = useState(false);
  const [exampleName, setExampleName] = useState(examples[0]?.name ?? "");
  const chosenExample = examples.find((e) => e.name === exampleName);
  const [reading, setReading] = useState(false);

  const take = async (read: Promise<ProjectRead>) => {
    setReading(true);
    try {
      onProject(await read);
    } finally {
      setReading(false);
    }
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    const items = event.dataTransfer.items;
    void take(filesFromDrop(items).then(({ found, skippedDirs }) => readProject(found, skippedDirs)));
  };

  return (
    <section className={styles.card} aria-labelledby="picker-heading">
      <h2 id="picker-heading" className={styles.heading}>1. 프로젝트 디렉터리 고르기</h2>
      <div
        className={styles.dropZone}
        data-over={over || undefined}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>
          Flask 프로젝트 디렉터리(<code>app.py</code>, <code>templates/</code>, <code>static/</code>)를 여기에 끌어다 놓거나
        </p>
        <label className={styles.pickButton}>
          디렉터리 고르기
          <input
            type="file"
            className={styles.visuallyHidden}
            // webkitdirectory is not in React's types; every current browser supports it.
            {...{ webkitdirectory: "", directory: "" }}
            multiple
            data-testid="project-folder-input"
            onChange={(e) => {
              if (e.target.files && e.target.files.length > 0) void take(readProject(filesFromInput(e.target.files)));
            }}
          />
        </label>
        <p className={styles.muted}>
          파일은 이 브라우저에만 있고, 요청을 보낼 때마다 그 요청과 함께 코스의 내장 체인으로 갑니다. 저장되지 않습니다.
        </p>
      </div>
      {examples.length > 0 ? (
        <form
          className={styles.examples}
          aria-labelledby="example-heading"
          onSubmit={(e) => {
            e.preventDefault();
            if (chosenExample) onProject(exampleAsProject(chosenExample));
          }}
        >
          <h3 id="example-heading" className={styles.subheading}>예제 프로젝트 불러오기</h3>
          <p className={styles.muted}>
            만든 앱이 아직 없다면 코스가 준비한 예제로 시작해 보세요. 학생들이 흔히 만드는 모양의 작은 Flask 앱들이고, 실제
            Nginx·Gunicorn·uWSGI·Flask가 한 답과 내장 체인의 답이 같은지 테스트로 확인한 것만 보여 줍니다.
          </p>
          <div className={styles.exampleRow}>
            <label htmlFor="example-project" className={styles.visuallyHidden}>예제 프로젝트</label>
            <select id="example-project" className={styles.exampleSelect} value={exampleName} onChange={(e) => setExampleName(e.target.value)}>
              {examples.map((e) => (
                <option key={e.name} value={e.name}>
                  {e.title}
                </option>
              ))}
            </select>
            <button type="submit" className={styles.pickButton}>불러오기</button>
          </div>
          {chosenExample ? <p className={styles.muted} data-testid="example-summary">{chosenExample.summary}</p> : null}
        </form>
      ) : null}
      <p className={styles.muted}>
        한도: 파일 {FILE_LIMIT}개, 한 파일 {formatSize(FILE_BYTES)}, 한 요청에 모두 {formatSize(FILES_BODY_BYTES)}(이미지는 base64로 보내서 3분의 1쯤
        커집니다). <code>venv/</code>, <code>.venv/</code>, <code>__pycache__/</code>, <code>.git/</code>, <code>node_modules/</code>,{" "}
        <code>*.pyc</code>, 숨김 파일은 배포할 파일이 아니라서 빼고 보냅니다.
      </p>
      {reading ? <p role="status">디렉터리를 읽는 중…</p> : null}
      {project ? <ProjectSummary project={project} /> : null}
    </section>
  );
}

function ProjectSummary({ project }: { project: ProjectRead }) {
  return (
    <div className={styles.summary} data-testid="project-summary">
      {project.problems.length > 0 ? (
        <div role="alert" className={styles.problem}>
          <p>이 디렉터리는 보낼 수 없습니다.</p>
          <ul>
            {project.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p role="status">
          {project.example ? `예제 ${project.example}의 ` : ""}파일 {project.listed.length}개를 읽었습니다
          {project.ignored.length > 0 ? `, ${project.ignored.length}개는 뺐습니다` : ""}.
        </p>
      )}
      <details open={project.listed.length <= 12}>
        <summary>보낼 파일 ({project.listed.length}개)</summary>
        <ul className={styles.fileList}>
          {project.listed.map((f) => (
            <li key={f.path}>
              <code>{f.path}</code> <span className={styles.muted}>{formatSize(f.size)}{f.binary ? " · 바이너리(base64)" : ""}</span>
            </li>
          ))}
        </ul>
      </details>
      {project.ignored.length > 0 ? (
        <details>
          <summary>뺀 파일 ({project.ignored.length}개)</summary>
          <ul className={styles.fileList}>
            {project.ignored.slice(0, 200).map((f) => (
              <li key={f.path}>
                <code>{f.path}</code> <span className={styles.muted}>{f.reason}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
