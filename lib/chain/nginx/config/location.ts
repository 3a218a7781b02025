/**
 * `location [=|^~|~|~*] uri {}` and `location @name {}` as ngx_http_core_location reads them, with its rules on
 * nesting. Duplicates are found after the http block (postChecks.ts), as nginx does.
 */
import type { HandlerEnv, LocationInfo, LocationKind, Scope, Statement } from "./scope";
import { josa } from "../../korean";

const MODIFIERS: Record<string, LocationKind> = { "=": "exact", "^~": "noregex", "~": "regex", "~*": "regex-ci" };

export function parseLocation(stmt: Statement, scope: Scope, env: HandlerEnv): LocationInfo | null {
  let kind: LocationKind;
  let name: string;
  if (stmt.args.length === 2) {
    const mod = MODIFIERS[stmt.args[0]];
    if (!mod) {
      env.error(`invalid location modifier "${stmt.args[0]}"`, `location의 수식어 "${stmt.args[0]}"${josa(stmt.args[0], "은/는")} 없습니다. =, ^~, ~, ~* 중 하나를 쓰세요.`);
      return null;
    }
    kind = mod;
    name = stmt.args[1];
  } else {
    const v = stmt.args[0];
    if (v.startsWith("=")) [kind, name] = ["exact", v.slice(1)];
    else if (v.startsWith("^~")) [kind, name] = ["noregex", v.slice(2)];
    else if (v.startsWith("~*")) [kind, name] = ["regex-ci", v.slice(2)];
    else if (v.startsWith("~")) [kind, name] = ["regex", v.slice(1)];
    else [kind, name] = [v.startsWith("@") ? "named" : "prefix", v];
  }
  const info: LocationInfo = { name, kind, file: stmt.file, line: stmt.line, children: [] };

  const parent = scope.location;
  if (parent) {
    if (parent.kind === "exact") {
      env.error(`location "${name}" cannot be inside the exact location "${parent.name}"`, `정확히 일치하는 location "= ${parent.name}" 안에는 다른 location을 둘 수 없습니다.`);
      return null;
    }
    if (parent.kind === "named") {
      env.error(`location "${name}" cannot be inside the named location "${parent.name}"`, `이름 있는 location "${parent.name}" 안에는 다른 location을 둘 수 없습니다.`);
      return null;
    }
    if (kind === "named") {
      env.error(`named location "${name}" can be on the server level only`, `이름 있는 location "${name}"${josa(name, "은/는")} server 블록 바로 안에만 둘 수 있습니다.`);
      return null;
    }
    const isRegex = kind === "regex" || kind === "regex-ci";
    if (!isRegex && !name.startsWith(parent.name)) {
      env.error(`location "${name}" is outside location "${parent.name}"`, `안쪽 location "${name}"${josa(name, "은/는")} 바깥 location "${parent.name}"${josa(parent.name, "으로/로")} 시작하는 경로여야 합니다.`);
      return null;
    }
  }
  return info;
}
