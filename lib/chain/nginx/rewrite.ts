/**
 * The rewrite module at request time: `rewrite`, `return` and `break`, executed in config order within one
 * level (server{} in the server-rewrite phase, the chosen location{} in the rewrite phase).
 * `if` and `set` are not modelled (see README.md).
 */
import type { Directive } from "./config/types";
import type { DecisionTest } from "../trace";
import { compileRegex } from "../regex";
import { latin1ToUtf8, utf8ToLatin1 } from "../http/bytes";
import type { RequestContext } from "./context";
import { emptyResponse, type NginxResponse } from "./response";
import { interpolate } from "./variables";
import { directive, levelsOf } from "./conf";
import { contentTypeFor } from "./static";
import { discardClientBody, expectsContinue } from "./request-body";

export type RewriteOutcome =
  /** Nothing (or `break`): go on in this location. `changed`: $uri was rewritten without a flag. */
  | { kind: "continue"; changed: boolean }
  /** `rewrite … last` (or a flagless rewrite): find the location again for the new $uri. */
  | { kind: "relocate" }
  | { kind: "respond"; response: NginxResponse };

const REDIRECT_CODES = [301, 302, 303, 307, 308];

/** `return code [text|URL]` / `return URL`. */
export function returnResponse(ctx: RequestContext, d: Directive): NginxResponse {
  const a0 = d.args[0] ?? "";
  let code: number;
  let text: string | undefined;
  if (/^\d{3}$/.test(a0)) {
    code = Number(a0);
    text = d.args[1];
  } else {
    code = 302;
    text = a0;
  }
  const value = text === undefined ? undefined : interpolate(ctx, text);
  if (code === 444) {
    // nginx's non-standard 444: close the connection without sending anything.
    const res = emptyResponse(444);
    res.closeWithoutResponse = true;
    return res;
  }
  // ngx_http_send_response (codes below 400, or any code with a text) discards the request body first.
  const sendsResponse = code < 400 || value !== undefined;
  if (sendsResponse && !discardClientBody(ctx)) return { ...emptyResponse(400), continueSent: expectsContinue(ctx) };
  const res = returnAnswer(ctx, code, value);
  if (sendsResponse && expectsContinue(ctx)) res.continueSent = true;
  return res;
}

/** The answer of `return code [text]` once the body is out of the way. */
function returnAnswer(ctx: RequestContext, code: number, value: string | undefined): NginxResponse {
  if (REDIRECT_CODES.includes(code)) {
    const res = emptyResponse(code);
    if (value !== undefined) {
      res.location = value;
      res.locationInList = !value.startsWith("/");
    }
    return res;
  }
  if (value === undefined) {
    const res = emptyResponse(code);
    // 2xx without text: an empty body of default_type; error codes get nginx's page.
    if (code < 300 && code !== 204) {
      res.special = false;
      res.contentType = contentTypeFor(ctx, ctx.uri);
      res.contentLength = 0;
    }
    return res;
  }
  const body = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) body[i] = value.charCodeAt(i) & 0xff;
  // ngx_http_send_response sets the type from the URI's extension first (`/a.html` → text/html), then default_type.
  return { status: code, contentType: contentTypeFor(ctx, ctx.uri), contentLength: body.length, headers: [], body, special: false };
}

export function defaultType(ctx: RequestContext): string {
  return directive(levelsOf(ctx.server, ctx.location), "default_type")?.args[0] ?? "text/plain";
}

/** Run the rewrite directives of one level. */
export function runRewrites(ctx: RequestContext, level: Directive[], where: string): RewriteOutcome {
  const tests: DecisionTest[] = [];
  let changed = false;
  const finish = (outcome: RewriteOutcome, summary: string, explain: string): RewriteOutcome => {
    if (tests.length > 0) {
      ctx.trace.push({ at: ctx.now, component: "nginx", kind: "decision", topic: "rewrite", tests, outcome: summary, explain });
    }
    return outcome;
  };
  for (const d of level) {
    if (d.name === "break") {
      tests.push({ subject: "break", matched: true, note: "rewrite 처리를 여기서 멈춥니다." });
      return finish({ kind: "continue", changed }, "break", `${where}: break로 rewrite 단계를 끝냅니다.`);
    }
    if (d.name === "return") {
      tests.push({ subject: `return ${d.args.join(" ")}`, matched: true, note: "요청 처리를 끝내고 바로 응답합니다." });
      const response = returnResponse(ctx, d);
      return finish({ kind: "respond", response }, `return ${response.status}`, `${where}의 return이 응답 ${response.status}을(를) 바로 만듭니다. 파일이나 앱까지 가지 않습니다.`);
    }
    if (d.name === "set") {
      const name = (d.args[0] ?? "").replace(/^\$/, "");
      ctx.userVars.set(name, interpolate(ctx, d.args[1] ?? ""));
      tests.push({ subject: `set ${d.args[0] ?? ""} ${d.args[1] ?? ""}`, matched: true, note: `$${name} = "${latin1ToUtf8(ctx.userVars.get(name)!)}"` });
      continue;
    }
    if (d.name === "if") {
      const cond = evalIf(ctx, d.args);
      tests.push({ subject: `if ${d.args.join(" ")}`, matched: cond.value, note: cond.note });
      if (!cond.value) continue;
      // A true `if` makes its block the location configuration (for content handlers, add_header…), and
      // its rewrite directives run inline, before the rest of the enclosing list.
      const block = d.block ?? [];
      if (ctx.location && block.some((x) => !["rewrite", "return", "break", "set", "if"].includes(x.name))) {
        ctx.location = { ...ctx.location, directives: block, parent: ctx.location, children: [] };
      }
      const inner = runRewrites(ctx, block, `${where}의 if 블록`);
      if (inner.kind === "respond" || inner.kind === "relocate") return finish(inner, inner.kind, `${where}의 if 블록 안에서 처리가 끝났습니다.`);
      if (inner.changed) changed = true;
      if (block.some((x) => x.name === "break")) return finish({ kind: "continue", changed }, "break", `${where}: if 블록의 break로 rewrite 단계를 끝냅니다.`);
      continue;
    }
    if (d.name !== "rewrite") continue;
    const [pattern = "", replacement = "", flagArg] = d.args;
    const compiled = compileRegex(utf8ToLatin1(pattern));
    const m = compiled.ok ? compiled.regex.exec(ctx.uri) : null;
    tests.push({
      subject: `rewrite ${pattern} ${replacement}${flagArg ? " " + flagArg : ""}`,
      matched: m !== null,
      note: m ? `$uri "${latin1ToUtf8(ctx.uri)}"가 정규식과 맞습니다.` : compiled.ok ? "정규식이 $uri와 맞지 않습니다." : "모형이 지원하지 않는 정규식입니다.",
    });
    if (!m) continue;
    ctx.captures = m.groups;
    ctx.namedCaptures = m.named;
    const value = interpolate(ctx, replacement);
    const isUrl = /^(https?:\/\/|\$scheme)/.test(replacement);
    if (isUrl || flagArg === "redirect" || flagArg === "permanent") {
      const res = emptyResponse(flagArg === "permanent" ? 301 : 302);
      let location = value;
      if (!isUrl) {
        const q = value.indexOf("?");
        const keepArgs = !value.endsWith("?");
        if (!keepArgs) location = value.slice(0, -1);
        else if (ctx.args) location = q >= 0 ? `${value}&${ctx.args}` : `${value}?${ctx.args}`;
      }
      res.location = location;
      res.locationInList = isUrl;
      return finish({ kind: "respond", response: res }, `redirect ${res.status}`, `rewrite가 브라우저에게 ${location}(으)로 다시 요청하라고 ${res.status} 응답을 보냅니다.`);
    }
    applyNewUri(ctx, value);
    changed = true;
    if (flagArg === "last") {
      return finish({ kind: "relocate" }, `last → ${latin1ToUtf8(ctx.uri)}`, `$uri를 "${latin1ToUtf8(ctx.uri)}"(으)로 바꾸고(last) location을 처음부터 다시 찾습니다.`);
    }
    if (flagArg === "break") {
      return finish({ kind: "continue", changed: true }, `break → ${latin1ToUtf8(ctx.uri)}`, `$uri를 "${latin1ToUtf8(ctx.uri)}"(으)로 바꾸고(break) 지금 location에서 계속 처리합니다.`);
    }
  }
  if (changed) {
    return finish({ kind: "relocate" }, `→ ${latin1ToUtf8(ctx.uri)}`, `rewrite가 $uri를 "${latin1ToUtf8(ctx.uri)}"(으)로 바꿨으므로 location을 다시 찾습니다.`);
  }
  return finish({ kind: "continue", changed: false }, "변경 없음", `${where}의 rewrite 규칙 중 맞는 것이 없어 $uri를 그대로 둡니다.`);
}

/** Evaluate an `if (…)` condition as ngx_http_rewrite_if_condition does. */
export function evalIf(ctx: RequestContext, rawArgs: string[]): { value: boolean; note: string } {
  const args = rawArgs.slice();
  if (args.length > 0) args[0] = args[0]!.replace(/^\(/, "");
  if (args.length > 0) args[args.length - 1] = args[args.length - 1]!.replace(/\)$/, "");
  const a = args.filter((x) => x.length > 0);
  if (a.length === 1) {
    const v = interpolate(ctx, a[0]!);
    const value = v !== "" && v !== "0";
    return { value, note: value ? `값 "${latin1ToUtf8(v)}"이(가) 비어 있지 않고 "0"도 아니라 참입니다.` : "값이 비었거나 \"0\"이라 거짓입니다." };
  }
  if (a.length === 2 && /^!?-[fdex]$/.test(a[0]!)) {
    const op = a[0]!;
    const path = interpolate(ctx, a[1]!);
    const st = ctx.fs.stat(path);
    const kind = op.replace("!", "");
    const hit = kind === "-f" ? st?.type === "file" : kind === "-d" ? st?.type === "dir" : st !== null;
    const value = op.startsWith("!") ? !hit : hit;
    return { value, note: `${latin1ToUtf8(path)}: ${st ? (st.type === "dir" ? "폴더가 있습니다" : "파일이 있습니다") : "없습니다"} → ${value ? "참" : "거짓"}` };
  }
  if (a.length === 3) {
    const left = interpolate(ctx, a[0]!);
    const op = a[1]!;
    if (op === "=" || op === "!=") {
      const right = interpolate(ctx, a[2]!);
      const value = (left === right) === (op === "=");
      return { value, note: `"${latin1ToUtf8(left)}" ${op} "${latin1ToUtf8(right)}" → ${value ? "참" : "거짓"}` };
    }
    if (op === "~" || op === "~*" || op === "!~" || op === "!~*") {
      const compiled = compileRegex(utf8ToLatin1(a[2]!), { caseInsensitive: op.endsWith("*") });
      if (!compiled.ok) return { value: false, note: "모형이 지원하지 않는 정규식이라 거짓으로 봅니다." };
      const m = compiled.regex.exec(left);
      if (m && !op.startsWith("!")) {
        ctx.captures = m.groups;
        ctx.namedCaptures = m.named;
      }
      const value = op.startsWith("!") ? m === null : m !== null;
      return { value, note: `"${latin1ToUtf8(left)}" ${op} ${a[2]} → ${value ? "참" : "거짓"}` };
    }
  }
  return { value: false, note: "모형이 이해하지 못한 조건이라 거짓으로 봅니다." };
}

/** A rewrite's replacement: path part becomes $uri, a `?query` replaces (or, without trailing `?`, prefixes) $args. */
export function applyNewUri(ctx: RequestContext, value: string): void {
  const q = value.indexOf("?");
  if (q >= 0) {
    const newArgs = value.slice(q + 1);
    if (newArgs.length > 0) ctx.args = ctx.args ? `${newArgs}&${ctx.args}` : newArgs;
    else ctx.args = "";
    ctx.uri = value.slice(0, q);
  } else ctx.uri = value;
  ctx.uriChanged = true;
}
