/**
 * The URL map of a scenario's app, loaded as its gateway would load it: the module and callable named in the
 * gateway's config (Gunicorn's `wsgi_app`, uWSGI's `module` / `wsgi-file` + `callable`), imported on the embedded
 * Python. Gives the rules in registration order, or the load error with the traceback the gateway would log. Pure:
 * the API (`POST /api/chain/routes`) and the bring-your-own-project page call it.
 */
import type { ConfigError, DevServerStart, ScenarioFiles, ScenarioManifest } from "./contracts";
import type { GatewayKind } from "./trace";
import { chooseGateway, deployRoot } from "./scenario";
import { gunicornSettingsFrom, parseUwsgiIni } from "./wsgi";
import { assignmentLines, evaluateConfigModule } from "./python";
import { createFlaskAppLoader, type FlaskWsgiApplication } from "./flask";
import { utf8Decode } from "./http/bytes";

export interface RouteRule {
  rule: string;
  /** Sorted, as Werkzeug keeps them (HEAD and OPTIONS included). */
  methods: string[];
  endpoint: string;
}

export interface RoutesInput {
  scenario: string;
  manifest: ScenarioManifest;
  files: ScenarioFiles;
  gateway?: GatewayKind;
}

export type RoutesResult =
  /** `flask` is false for a plain WSGI function (no URL map to show). */
  | { ok: true; gateway: GatewayKind; module: string; callable: string; flask: boolean; rules: RouteRule[] }
  | { ok: false; gateway: GatewayKind; module: string; callable: string; error: ConfigError; traceback: string; devServer?: DevServerStart }
  /** The gateway's config itself is refused (as runChain would refuse it). */
  | { ok: false; errors: ConfigError[] };

export function appRoutes(input: RoutesInput): RoutesResult {
  const choice = chooseGateway(input.manifest, input.gateway);
  if (!choice) return refused(input.gateway ?? "gateway", `scenario "${input.scenario}" has no ${input.gateway} variant`, `이 시나리오에는 ${input.gateway} 구성이 없습니다.`);
  const spec = appSpec(input.files, choice.gateway, choice.configFile);
  if ("errors" in spec) return spec;
  const loader = createFlaskAppLoader({ appDir: deployRoot(input.scenario).replace(/\/$/, "") });
  const loaded = loader.load(input.files, spec.module, spec.callable, input.manifest.environment ?? {});
  const base = { gateway: choice.gateway, module: spec.module, callable: spec.callable };
  if (!loaded.ok) {
    return { ok: false, ...base, error: loaded.error, traceback: loaded.traceback, ...(loaded.devServer ? { devServer: loaded.devServer } : {}) };
  }
  const app = loaded.app as Partial<FlaskWsgiApplication>;
  if (typeof app.rules !== "function") return { ok: true, ...base, flask: false, rules: [] };
  return { ok: true, ...base, flask: true, rules: app.rules() };
}

/** `module:callable` as the gateway's config names it (the same rules as lib/chain/run.ts). */
export function appSpec(files: ScenarioFiles, gateway: GatewayKind, configFile: string): { module: string; callable: string } | { ok: false; errors: ConfigError[] } {
  const bytes = files.get(configFile);
  if (!bytes) return refused(configFile, `${configFile} is missing`, `${configFile} 파일이 없습니다.`);
  const text = utf8Decode(bytes);
  if (gateway === "gunicorn") {
    const evaluated = evaluateConfigModule(text, configFile);
    const settings = evaluated.ok ? gunicornSettingsFrom(evaluated.values, configFile, assignmentLines(text)) : evaluated;
    if (!settings.ok) return { ok: false, errors: [settings.error] };
    return split(settings.settings.wsgiApp ?? "app:app", "application");
  }
  const ini = parseUwsgiIni(text, configFile);
  if (!ini.ok) return { ok: false, errors: [ini.error] };
  if (ini.settings.wsgiFile) return { module: ini.settings.wsgiFile.replace(/\.py$/, "").replace(/\//g, "."), callable: ini.settings.callable };
  return split(ini.settings.module ?? "app:app", ini.settings.callable);
}

function split(spec: string, defaultCallable: string): { module: string; callable: string } {
  const [module, callable] = spec.split(":", 2);
  return { module: module.replace(/\.py$/, ""), callable: callable || defaultCallable };
}

function refused(path: string, message: string, messageKo: string): { ok: false; errors: ConfigError[] } {
  return { ok: false, errors: [{ file: path, path, line: 0, message, messageKo }] };
}
