/** Helpers shared by the directive handlers: value slots, enum values, parameters and regexes. */
import type { ValueKind } from "../directives";
import { checkRegex } from "../regexCheck";
import type { HandlerEnv, Scope, Statement } from "../scope";
import { parseFlag, parseNumber, parseSize, parseTime } from "../values";
import { josa } from "../../../korean";

export type Handler = (stmt: Statement, scope: Scope, env: HandlerEnv) => Scope | void;

export const koInvalid = (name: string, example: string) => `"${name}" 지시어의 값이 잘못되었습니다. 예: ${example}`;

/** Single-value slots (flag/size/msec/sec/num/str) as ngx_conf_set_*_slot check them. */
export function checkSimpleValue(kind: ValueKind, stmt: Statement, env: HandlerEnv): void {
  const v = stmt.args[0] ?? "";
  const name = stmt.name;
  switch (kind) {
    case "flag":
      if (parseFlag(v) === null) {
        env.error(
          `invalid value "${v}" in "${name}" directive, it must be "on" or "off"`,
          `"${name}" 지시어의 값은 on 또는 off만 쓸 수 있습니다 ("${v}"${josa(v, "은/는")} 안 됩니다).`,
        );
      }
      return;
    case "size":
      if (parseSize(v) === null) env.error(`"${name}" directive invalid value`, koInvalid(name, "1m, 512k, 1024 (단위는 k, m, g)"));
      return;
    case "msec":
    case "sec":
      if (parseTime(v, kind === "sec") === null) {
        env.error(`"${name}" directive invalid value`, koInvalid(name, kind === "sec" ? "30s, 5m, 1h" : "10s, 500ms, 1m"));
      }
      return;
    case "num":
      if (parseNumber(v) === null) env.error(`"${name}" directive invalid number`, `"${name}" 지시어의 값은 정수여야 합니다.`);
      return;
    default:
      return;
  }
}

export function enumValue(stmt: Statement, env: HandlerEnv, allowed: string[]): boolean {
  const v = stmt.args[0];
  if (allowed.includes(v.toLowerCase())) return true;
  env.error(`invalid value "${v}"`, `"${stmt.name}" 지시어에 쓸 수 있는 값은 ${allowed.join(", ")}입니다 ("${v}"${josa(v, "은/는")} 안 됩니다).`);
  return false;
}

export function invalidParameter(env: HandlerEnv, stmt: Statement, p: string, allowed: string): void {
  env.error(`invalid parameter "${p}"`, `"${stmt.name}" 지시어에 알 수 없는 옵션 "${p}"${josa(p, "이/가")} 있습니다. 쓸 수 있는 것: ${allowed}.`);
}

export function regexOrError(pattern: string, caseInsensitive: boolean, stmt: Statement, env: HandlerEnv): boolean {
  const r = checkRegex(pattern, caseInsensitive);
  if (!r.ok) {
    if (r.unsupported) env.diag.unsupportedMessage(stmt.file, stmt.line, r.message, r.messageKo);
    else env.error(r.message, r.messageKo);
    return false;
  }
  for (const n of r.names) env.defineVariable(n);
  return true;
}

/**
 * ngx_conf_set_bitmask_slot: each value must be one of `allowed` (case-insensitive); a value already set in this
 * block, by this or an earlier occurrence of the directive, is a warning.
 */
export function bitmask(stmt: Statement, scope: Scope, env: HandlerEnv, allowed: readonly string[]): void {
  const seen = (scope.bitmasks ??= new Map()).get(stmt.name) ?? new Set<string>();
  scope.bitmasks.set(stmt.name, seen);
  for (const v of stmt.args) {
    const key = v.toLowerCase();
    if (!allowed.some((a) => a.toLowerCase() === key)) {
      env.error(`invalid value "${v}"`, `"${stmt.name}"에 쓸 수 있는 값: ${allowed.join(", ")}.`);
      return;
    }
    if (seen.has(key)) env.error(`duplicate value "${v}"`, `"${stmt.name}"에 "${v}"${josa(v, "이/가")} 이미 지정되어 있습니다.`, "warn");
    seen.add(key);
  }
}

/**
 * ngx_http_types_slot (gzip_types, charset_types): MIME types are lowercased; one already listed in this block
 * (text/html, which ngx_http_types_slot puts in first, counts) is a warning; `*` means every type and ends the checks.
 */
export function mimeTypes(stmt: Statement, scope: Scope, env: HandlerEnv, defaults: readonly string[]): void {
  const lists = (scope.mimeLists ??= new Map());
  const seen = lists.get(stmt.name) ?? new Set<string>(defaults);
  lists.set(stmt.name, seen);
  for (const v of stmt.args) {
    if (v === "*") {
      seen.add("*");
      continue;
    }
    if (seen.has("*")) continue;
    const t = v.toLowerCase();
    if (seen.has(t)) env.error(`duplicate MIME type "${t}"`, `MIME 타입 "${t}"${josa(t, "이/가")} "${stmt.name}"에 이미 들어 있습니다 (기본값 포함).`, "warn");
    seen.add(t);
  }
}

export function numberInRange(stmt: Statement, env: HandlerEnv, min: number, max: number): void {
  const n = parseNumber(stmt.args[0]);
  if (n === null) env.error(`"${stmt.name}" directive invalid number`, `"${stmt.name}" 지시어의 값은 ${min}~${max} 사이의 정수입니다.`);
  else if (n < min || n > max) env.error(`value must be between ${min} and ${max}`, `"${stmt.name}" 지시어의 값은 ${min}~${max} 사이의 정수입니다.`);
}

/** gzip_window / gzip_hash: a size (ngx_conf_set_size_slot), then one of the powers of two zlib takes. */
export function powerOfTwoSize(stmt: Statement, env: HandlerEnv, allowed: readonly string[]): void {
  const n = parseSize(stmt.args[0] ?? "");
  const list = `${allowed.slice(0, -1).join(", ")}, or ${allowed[allowed.length - 1]}`;
  const ko = `"${stmt.name}" 지시어의 값은 ${allowed.join(", ")} 중 하나여야 합니다.`;
  if (n === null) env.error(`"${stmt.name}" directive invalid value`, ko);
  else if (!allowed.some((a) => parseSize(a) === n)) env.error(`"${stmt.name}" directive must be ${list}`, ko);
}
