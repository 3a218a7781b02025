/** Handlers of directives about files and responses: `root`/`alias`, `index`, `try_files`, `error_page`, `add_header`, `expires`, `keepalive_timeout`. */
import type { HandlerEnv, Scope, Statement } from "../scope";
import { parseNumber, parseTime } from "../values";
import { invalidParameter, koInvalid } from "./common";
import { josa } from "../../../korean";

export function rootOrAlias(stmt: Statement, scope: Scope, env: HandlerEnv): void {
  const name = stmt.name as "root" | "alias";
  if (scope.rootKind) {
    if (scope.rootKind === name) {
      env.error(`"${name}" directive is duplicate`, `"${name}" 지시어가 같은 블록에 이미 있습니다.`);
    } else {
      env.error(
        `"${name}" directive is duplicate, "${scope.rootKind}" directive was specified earlier`,
        `한 location에는 root와 alias 중 하나만 쓸 수 있습니다. 이미 "${scope.rootKind}"${josa(scope.rootKind, "이/가")} 있습니다.`,
      );
    }
    return;
  }
  if (name === "alias" && scope.location?.kind === "named") {
    env.error('the "alias" directive cannot be used inside the named location', "이름 있는 location(@...)에는 alias를 쓸 수 없습니다.");
    return;
  }
  const v = stmt.args[0];
  for (const bad of ["$document_root", "$realpath_root"]) {
    if (v.includes(bad)) {
      env.error(`the ${bad} variable cannot be used in the "${name}" directive`, `${bad}${josa(bad, "은/는")} ${name} 값으로부터 만들어지는 변수라서 ${name} 안에 쓸 수 없습니다.`);
      return;
    }
  }
  scope.rootKind = name;
  if (v.includes("$")) env.useVariables(v);
}

export function index(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  stmt.args.forEach((v, i) => {
    if (v === "") {
      env.error(`index "" in "index" directive is invalid`, "index에 빈 문자열을 쓸 수 없습니다.");
      return;
    }
    if (v.startsWith("/") && i !== stmt.args.length - 1) {
      env.error('only the last index in "index" directive should be absolute', "index 목록에서 /로 시작하는 절대 경로는 마지막에만 둘 수 있습니다.", "warn");
    }
    env.useVariables(v);
  });
}

export function tryFiles(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  const last = stmt.args[stmt.args.length - 1];
  if (last.startsWith("=")) {
    const code = parseNumber(last.slice(1));
    if (code === null || code > 999) {
      env.error(`invalid code "${last}"`, `try_files 마지막의 "=코드"가 잘못되었습니다. 예: =404`);
      return;
    }
  }
  for (const v of stmt.args) env.useVariables(v);
}

export function errorPage(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  const args = stmt.args;
  const uri = args[args.length - 1];
  let codes = args.slice(0, -1);
  const eq = codes[codes.length - 1];
  if (eq.startsWith("=")) {
    codes = codes.slice(0, -1);
    if (eq.length > 1 && parseNumber(eq.slice(1)) === null) {
      env.error(`invalid value "${eq}"`, `"=" 뒤에는 응답 상태 코드가 와야 합니다. 예: =200`);
      return;
    }
    if (codes.length === 0) {
      env.error(`invalid number of arguments in "error_page" directive`, "error_page에 오류 코드가 없습니다.");
      return;
    }
  }
  for (const c of codes) {
    const n = parseNumber(c);
    if (n === null) {
      env.error(`invalid value "${c}"`, `error_page의 "${c}"${josa(c, "은/는")} 상태 코드가 아닙니다.`);
      return;
    }
    if (n < 300 || n > 599) {
      env.error(`value "${c}" must be between 300 and 599`, `error_page로 바꿀 수 있는 코드는 300~599 사이입니다 ("${c}"${josa(c, "은/는")} 안 됩니다).`);
      return;
    }
  }
  env.useVariables(uri);
}

export function addHeader(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  if (stmt.args[2] !== undefined && stmt.args[2] !== "always") {
    invalidParameter(env, stmt, stmt.args[2], "always");
    return;
  }
  env.useVariables(stmt.args[1]);
}

export function expires(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  let args = stmt.args;
  const bad = () => env.error('"expires" directive invalid value', koInvalid("expires", "1h, 7d, 30d, max, off, epoch, -1"));
  let modified = false;
  if (args.length === 2) {
    if (args[0] !== "modified") return bad();
    modified = true;
    args = args.slice(1);
  }
  let v = args[0];
  if (!modified && ["epoch", "max", "off"].includes(v)) return;
  if (v.includes("$")) {
    env.useVariables(v);
    return;
  }
  if (v.startsWith("@")) {
    if (modified) {
      env.error("daily time cannot be used with \"modified\" parameter", "modified와 @시각을 함께 쓸 수 없습니다.");
      return;
    }
    if (parseTime(v.slice(1), true) === null) bad();
    return;
  }
  if (v.startsWith("+") || v.startsWith("-")) v = v.slice(1);
  if (parseTime(v, true) === null) bad();
}

export function keepaliveTimeout(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  if (parseTime(stmt.args[0], false) === null || (stmt.args[1] !== undefined && parseTime(stmt.args[1], true) === null)) {
    env.error('"keepalive_timeout" directive invalid value', koInvalid("keepalive_timeout", "65, 75s"));
  }
}

/**
 * ngx_http_core_open_file_cache: `off`, or `max=N` with an optional `inactive=time` (seconds). The cache itself
 * only saves system calls, so the model keeps no cache; the checks are nginx's.
 */
export function openFileCache(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  let max: number | null = null;
  for (const value of stmt.args) {
    let ok: boolean;
    if (value.startsWith("max=")) {
      max = parseNumber(value.slice(4)) ?? 0;
      ok = max > 0;
    } else if (value.startsWith("inactive=")) {
      ok = parseTime(value.slice(9), true) !== null;
    } else {
      ok = value === "off";
      if (ok) max = 0;
    }
    if (!ok) {
      env.error(`invalid "open_file_cache" parameter "${value}"`, `open_file_cache에는 off, 또는 max=개수(와 inactive=시간)를 씁니다 ("${value}"${josa(value, "은/는")} 안 됩니다).`);
      return;
    }
  }
  if (max === null) env.error('"open_file_cache" must have the "max" parameter', "open_file_cache를 켜려면 max=개수가 있어야 합니다 (예: max=1000 inactive=20s).");
}
