/** Handlers of the rewrite module: `return`, `rewrite`, `set`, `if`. */
import type { HandlerEnv, Scope, Statement } from "../scope";
import { parseNumber } from "../values";
import { invalidParameter, regexOrError } from "./common";
import { josa } from "../../../korean";

export function returnDirective(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  const [first, second] = stmt.args;
  const code = parseNumber(first);
  if (code === null) {
    if (stmt.args.length === 1 && /^(https?:\/\/|\$scheme)/.test(first)) {
      env.useVariables(first);
      return;
    }
    env.error(`invalid return code "${first}"`, `return 뒤에는 상태 코드(예: 200, 301, 404)나 http://로 시작하는 URL이 와야 합니다.`);
    return;
  }
  if (code > 999) {
    env.error(`invalid return code "${first}"`, `상태 코드 "${first}"${josa(first, "은/는")} 너무 큽니다 (0~999).`);
    return;
  }
  if (second !== undefined) env.useVariables(second);
}

const REWRITE_FLAGS = ["last", "break", "redirect", "permanent"];

export function rewrite(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  const [regex, replacement, flag] = stmt.args;
  if (!regexOrError(regex, false, stmt, env)) return;
  if (flag !== undefined && !REWRITE_FLAGS.includes(flag)) {
    invalidParameter(env, stmt, flag, REWRITE_FLAGS.join(", "));
    return;
  }
  env.useVariables(replacement);
}

export function setDirective(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  const name = stmt.args[0];
  if (!name.startsWith("$") || name.length < 2) {
    env.error(`invalid variable name "${name}"`, `set의 첫 인자는 "$이름" 형식의 변수여야 합니다.`);
    return;
  }
  env.defineVariable(name.slice(1));
  env.useVariables(stmt.args[1]);
}

export function ifDirective(stmt: Statement, scope: Scope, env: HandlerEnv): Scope {
  const child: Scope = {
    ctx: scope.ctx === "server" ? "sif" : "lif",
    seen: new Set(),
    location: scope.location,
    server: scope.server,
  };
  const args = [...stmt.args];
  const invalid = (v: string) => env.error(`invalid condition "${v}"`, `if 조건 "${v}"${josa(v, "을/를")} 해석할 수 없습니다. 예: if ($request_method = POST) { ... }`);
  if (!args[0].startsWith("(")) {
    invalid(args[0]);
    return child;
  }
  args[0] = args[0].slice(1);
  if (args[0] === "") args.shift();
  const lastRaw = args[args.length - 1] ?? "";
  if (!lastRaw.endsWith(")")) {
    invalid(lastRaw);
    return child;
  }
  args[args.length - 1] = lastRaw.slice(0, -1);
  if (args[args.length - 1] === "") args.pop();
  if (args.length === 0) {
    invalid("");
    return child;
  }
  const first = args[0];
  if (first.length > 1 && first.startsWith("$")) {
    if (args.length !== 1 && args.length !== 3) {
      invalid(first);
      return child;
    }
    env.useVariables(first);
    if (args.length === 1) return child;
    const op = args[1];
    if (op === "=" || op === "!=") {
      env.useVariables(args[2]);
    } else if (["~", "~*", "!~", "!~*"].includes(op)) {
      regexOrError(args[2], op.endsWith("*"), stmt, env);
    } else {
      env.error(`unexpected "${op}" in condition`, `if 조건의 연산자 "${op}"${josa(op, "은/는")} 쓸 수 없습니다. =, !=, ~, ~*, !~, !~* 중 하나를 쓰세요.`);
    }
    return child;
  }
  if (/^!?-[a-z]$/.test(first)) {
    if (args.length !== 2 || !/^!?-[fdex]$/.test(first)) {
      invalid(first);
      return child;
    }
    env.useVariables(args[1]);
    return child;
  }
  invalid(first);
  return child;
}
