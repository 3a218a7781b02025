/**
 * `<LoadLab scenario="classroom_load" crowd={{ count: 30, spreadMs: 0, target: "/report" }} gunicorn={{ workers: 1 }} />`:
 * a class's worth of requests through the embedded chain, drawn as a timeline per worker. The scenario's real
 * files are read at build time; the knobs the student turns are written into those files before each run.
 *
 * Optional: `gateway="both"` (side by side), `expect` (facts the content check verifies), `predict` (asked before
 * the first run), `goal` (a graded challenge), `routes` (the crowd's choice of paths).
 */
import { loadScenario } from "@/lib/scenarios/load.server";
import { readGunicornKnobs, readNginxKnobs, readUwsgiKnobs, type GunicornKnobs, type NginxKnobs, type UwsgiKnobs } from "@/lib/chain/load/knobs";
import type { GatewayKind } from "@/lib/chain/trace";
import type { LoadFacts, LoadGoal, LoadPredict } from "./load-model";
import { LoadLabLazy } from "./load-lab-lazy";

export interface LoadLabProps {
  id: string;
  scenario: string;
  gateway?: GatewayKind | "both";
  crowd?: { count: number; spreadMs: number; target: string };
  gunicorn?: GunicornKnobs;
  uwsgi?: UwsgiKnobs;
  nginx?: NginxKnobs;
  routes?: Array<{ target: string; label: string }>;
  expect?: Partial<Record<GatewayKind, LoadFacts>>;
  predict?: LoadPredict;
  goal?: LoadGoal;
  title?: string;
}

const DEFAULT_ROUTES = [
  { target: "/", label: "바로 답하는 출석 확인 (/)" },
  { target: "/report", label: "1초 걸리는 성적표 (/report)" },
  { target: "/busy", label: "CPU로 계산하는 /busy" },
  { target: "/static/notice.txt", label: "정적 파일 공지 (/static/notice.txt)" },
];

export async function LoadLab(props: LoadLabProps) {
  const loaded = await loadScenario(props.scenario);
  if (!loaded) throw new Error(`<LoadLab>: no scenario "${props.scenario}" in content/scenarios`);
  const text = (path: string | undefined) => (path ? new TextDecoder().decode(loaded.files.get(path) ?? new Uint8Array()) : "");
  const gunicorn = loaded.manifest.gateways.gunicorn;
  const uwsgi = loaded.manifest.gateways.uwsgi;
  if (!gunicorn || !uwsgi) throw new Error(`<LoadLab>: scenario "${props.scenario}" needs both a Gunicorn and a uWSGI variant`);
  const originals = {
    gunicorn: { config: [gunicorn.config, text(gunicorn.config)] as [string, string], nginx: [gunicorn.nginx, text(gunicorn.nginx)] as [string, string] },
    uwsgi: { config: [uwsgi.config, text(uwsgi.config)] as [string, string], nginx: [uwsgi.nginx, text(uwsgi.nginx)] as [string, string] },
  };
  const knobs = {
    gunicorn: { ...readGunicornKnobs(originals.gunicorn.config[1]), ...props.gunicorn },
    uwsgi: { ...readUwsgiKnobs(originals.uwsgi.config[1]), ...props.uwsgi },
    nginx: { ...readNginxKnobs(originals.gunicorn.nginx[1]), ...props.nginx },
  };
  return (
    <LoadLabLazy
      id={props.id}
      scenario={props.scenario}
      title={props.title ?? "부하 실험실"}
      mode={props.gateway ?? loaded.manifest.defaultGateway}
      crowd={props.crowd ?? { count: 30, spreadMs: 0, target: "/report" }}
      knobs={knobs}
      routes={props.routes ?? DEFAULT_ROUTES}
      originals={originals}
      predict={props.predict}
      goal={props.goal}
    />
  );
}
