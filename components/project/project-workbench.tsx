"use client";
/**
 * The bring-your-own-project page's widgets: the folder (project-picker), the gateway and module:callable (written
 * into the gateway's config as an edit), the app's URL map (route-list), then the request flow with its inspector
 * and the terminal, all on the my_project scenario with the student's files laid over it.
 */
import { useEffect, useMemo, useState } from "react";
import type { GatewayKind } from "@/lib/chain/trace";
import { exampleRequest } from "@/lib/chain/route-examples";
import FlowWidget from "@/components/flow/flow-widget";
import type { ChainAnswer, FileEdits } from "@/components/flow/chain-client";
import type { FlowPreset } from "@/components/flow/presets";
import { Terminal } from "@/components/widgets/terminal";
import { appSpecOf, isAppSpec, withAppSpec } from "./app-spec";
import type { ExampleProject } from "./examples";
import type { ProjectRead } from "./folder-reader";
import { guessModule, scenarioPath } from "./project-files";
import { ProjectPicker } from "./project-picker";
import { RouteList } from "./route-list";
import { fetchRoutes, type RoutesAnswer } from "./routes-client";
import { PROJECT_SCENARIO } from "./project-scenario";
import styles from "./project.module.css";

const CONFIG: Record<GatewayKind, string> = { gunicorn: "gunicorn.conf.py", uwsgi: "uwsgi.ini" };
const GATEWAY_NAME: Record<GatewayKind, string> = { gunicorn: "Gunicorn", uwsgi: "uWSGI" };

export interface ProjectWorkbenchProps {
  /** The my_project scenario's files (the deployment lesson's defaults), read at build time. */
  defaults: Record<string, string>;
  /** Example apps the student can load instead of a folder. */
  examples?: ExampleProject[];
}

export function ProjectWorkbench({ defaults, examples = [] }: ProjectWorkbenchProps) {
  const [project, setProject] = useState<ProjectRead | null>(null);
  const [gateway, setGateway] = useState<GatewayKind>("gunicorn");
  const [specDraft, setSpecDraft] = useState("app:app");
  const [spec, setSpec] = useState("app:app");
  const [routesFor, setRoutesFor] = useState<{ key: string; answer: RoutesAnswer } | null>(null);
  const [startupFor, setStartupFor] = useState<{ key: string; lines: string[] } | null>(null);

  const configPath = CONFIG[gateway];
  const own = useMemo(() => (project && project.problems.length === 0 ? project.files : {}), [project]);
  const ownConfig = typeof own[configPath] === "string" ? (own[configPath] as string) : null;
  const edit = withAppSpec(ownConfig ?? defaults[configPath], gateway, spec);
  const files = useMemo<FileEdits>(() => {
    const out: FileEdits = {};
    for (const [path, content] of Object.entries(own)) out[scenarioPath(path, gateway)] = content;
    out[configPath] = edit.text;
    return out;
  }, [own, gateway, configPath, edit.text]);
  const filesKey = useMemo(() => JSON.stringify(files).length + ":" + hash(JSON.stringify(files)), [files]);
  const staticFiles = Object.keys(own).filter((p) => p.startsWith("static/")).map((p) => p.slice("static/".length));

  const chooseProject = (read: ProjectRead) => {
    setProject(read);
    if (read.problems.length > 0) return;
    const config = read.files[CONFIG[gateway]];
    const named = typeof config === "string" ? appSpecOf(config, gateway) : null;
    const guessed = named ?? `${guessModule(read.files) ?? "app"}:app`;
    setSpecDraft(guessed);
    setSpec(guessed);
  };

  const routesKey = `${gateway}:${filesKey}`;
  const routes = routesFor?.key === routesKey ? routesFor.answer : null;
  const startup = startupFor?.key === routesKey ? startupFor.lines : [];
  useEffect(() => {
    const controller = new AbortController();
    void fetchRoutes({ scenario: PROJECT_SCENARIO, gateway, files }, controller.signal).then((answer) => {
      if (!controller.signal.aborted) setRoutesFor({ key: routesKey, answer });
    });
    return () => controller.abort();
    // filesKey stands for files (a new object on every render of a new project).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [routesKey]);

  const presets = useMemo<FlowPreset[]>(() => {
    const rules = routes?.kind === "rules" ? routes.rules : [];
    const list = rules.map((rule, i) => {
      const example = exampleRequest(rule, staticFiles);
      const headers: Array<[string, string]> = [["Host", "localhost"]];
      return {
        id: `route-${i}`,
        label: `${example.method} ${example.target}`,
        request: example.method === "GET" || example.method === "HEAD" ? { method: example.method, target: example.target, headers } : { method: example.method, target: example.target, headers, body: "" },
      };
    });
    // The app's own rules first, Flask's static rule (answered by nginx) last.
    list.sort((a, b) => Number(a.label.includes("/static/")) - Number(b.label.includes("/static/")));
    return list.length > 0 ? list : [{ id: "root", label: "GET /", request: { method: "GET", target: "/", headers: [["Host", "localhost"]] } }];
    // staticFiles derives from files (filesKey).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [routes, filesKey]);
  const presetsKey = presets.map((p) => p.label).join("|");

  const specValid = isAppSpec(specDraft);
  return (
    <div className={styles.workbench}>
      <ProjectPicker project={project} onProject={chooseProject} examples={examples} />

      <section className={styles.card} aria-labelledby="gateway-heading">
        <h2 id="gateway-heading" className={styles.heading}>2. 게이트웨이와 앱 고르기</h2>
        <div role="radiogroup" aria-label="게이트웨이" className={styles.choices}>
          {(["gunicorn", "uwsgi"] as const).map((g) => (
            <button key={g} type="button" role="radio" aria-checked={gateway === g} className={styles.choice} onClick={() => setGateway(g)}>
              {GATEWAY_NAME[g]}
            </button>
          ))}
        </div>
        <form
          className={styles.specForm}
          onSubmit={(e) => {
            e.preventDefault();
            if (specValid) setSpec(specDraft);
          }}
        >
          <label htmlFor="app-spec">불러올 앱 (모듈:이름)</label>
          <input id="app-spec" className={styles.specInput} value={specDraft} onChange={(e) => setSpecDraft(e.target.value)} spellCheck={false} autoComplete="off" aria-invalid={!specValid} />
          <button type="submit" className={styles.pickButton} disabled={!specValid || specDraft === spec}>
            적용
          </button>
        </form>
        {!specValid ? <p className={styles.problem}>모듈:이름 형식으로 적어 주세요. 예: app:app, main:application</p> : null}
        <p className={styles.configEdit}>
          <code>{configPath}</code>
          {ownConfig ? " (내 디렉터리의 파일)" : " (배포 레슨의 기본 설정)"}에 이렇게 적어서 보냅니다: <code data-testid="config-edit">{edit.line}</code>
        </p>
        <p className={styles.muted}>
          프로젝트는 서버의 <code>/srv/my_project/</code>에 놓이고, Nginx가 <code>/static/</code>을 그 안의 <code>static/</code>에서 직접 읽어 줍니다.
          {own["nginx.conf"] ? " 내 디렉터리의 nginx.conf를 사이트 설정으로 씁니다." : " 사이트 설정은 배포 레슨의 기본 nginx.conf입니다."}
        </p>
      </section>

      <section className={styles.card} aria-labelledby="routes-heading">
        <h2 id="routes-heading" className={styles.heading}>3. 앱의 URL 규칙</h2>
        <RouteList answer={routes} staticFiles={staticFiles} />
      </section>

      <section className={styles.card} aria-labelledby="flow-heading">
        <h2 id="flow-heading" className={styles.heading}>4. 요청 보내 보기</h2>
        <p className={styles.muted}>URL 규칙마다 보내 볼 요청이 아래에 버튼으로 있습니다. 주소를 직접 고쳐 보내도 됩니다.</p>
        {routes === null ? <p className={styles.muted}>앱을 불러오는 중…</p> : null}
        {routes !== null ? (
          <FlowWidget
            key={`${routesKey}:${presetsKey}`}
            scenario={PROJECT_SCENARIO}
            title={`내 프로젝트 · ${GATEWAY_NAME[gateway]}`}
            gateways={[gateway]}
            defaultGateway={gateway}
            presets={presets}
            files={files}
            onAnswer={(answer: ChainAnswer) => setStartupFor({ key: routesKey, lines: answer.startup?.gateway ?? [] })}
          />
        ) : null}
        {startup.length > 0 ? (
          <details className={styles.startup} data-testid="gateway-startup">
            <summary>{GATEWAY_NAME[gateway]} 시작 로그 ({startup.length}줄)</summary>
            <pre className={styles.log}>{startup.join("\n")}</pre>
          </details>
        ) : null}
        <Terminal key={`${gateway}:${filesKey}`} scenario={PROJECT_SCENARIO} gateway={gateway} files={files} initial={`curl -i http://localhost${presets[0].request.target}`} />
      </section>
    </div>
  );
}

/** A short, stable fingerprint of the files (the widgets restart when it changes). */
function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}
