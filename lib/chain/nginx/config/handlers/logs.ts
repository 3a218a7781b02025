/** Handlers of the log directives: `error_log`, `access_log`, `log_format`. */
import type { HandlerEnv, Scope, Statement } from "../scope";
import { josa } from "../../../korean";

/** A log path nginx opens itself after parsing (not `off`, syslog, stderr, memory or one with variables). */
function registerLogFile(path: string, stmt: Statement, env: HandlerEnv): void {
  if (path.includes("$") || /^(syslog:|memory:)/.test(path) || path === "stderr") return;
  if (!env.openFiles.has(path)) env.openFiles.set(path, { file: stmt.file, line: stmt.line });
}

const LOG_LEVELS = ["debug", "info", "notice", "warn", "error", "crit", "alert", "emerg"];

export function errorLog(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  registerLogFile(stmt.args[0], stmt, env);
  for (const lvl of stmt.args.slice(1)) {
    if (!LOG_LEVELS.includes(lvl)) {
      env.error(`invalid log level "${lvl}"`, `로그 수준 "${lvl}"${josa(lvl, "은/는")} 없습니다. ${LOG_LEVELS.join(", ")} 중 하나를 쓰세요.`);
      return;
    }
  }
}

export function accessLog(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  const [path, format] = stmt.args;
  if (path === "off") return;
  if (path.includes("$")) env.useVariables(path);
  registerLogFile(path, stmt, env);
  if (format !== undefined && !format.includes("=") && !env.logFormats.has(format)) {
    env.error(`unknown log format "${format}"`, `"${format}"라는 log_format이 없습니다. log_format으로 먼저 정의하거나 combined를 쓰세요.`);
  }
}

export function logFormat(stmt: Statement, _scope: Scope, env: HandlerEnv): void {
  const [name, ...rest] = stmt.args;
  const parts = rest[0]?.startsWith("escape=") ? rest.slice(1) : rest;
  if (env.logFormats.has(name)) {
    env.error(`duplicate "log_format" name "${name}"`, `"${name}"라는 log_format이 이미 있습니다.`);
    return;
  }
  env.logFormats.add(name);
  for (const p of parts) env.useVariables(p);
}
