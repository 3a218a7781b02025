/**
 * SecureCookieSessionInterface.open_session / save_session (Flask 2.2.2): read the signed cookie into the
 * request's SessionData, and write it back as `Set-Cookie` (plus `Vary: Cookie`) when Flask would.
 */
import type { PyDictObject, PyInstance, PyValue, Runtime } from "../../python";
import { dictGet, dictSet, isInstance, pyError, strOf } from "../../python";
import { dumpCookie } from "../cookies";
import type { FlaskResponse } from "../response";
import type { Headers } from "../headers";
import { signSession, unsignSession } from "../session/signer";
import type { FlaskHost, RequestState } from "./host";
import { iriToUri } from "./response-object";
import { dumpSessionJson, loadSessionJson } from "./session-json";
import type { SessionData, SessionRequestState } from "./session-object";

const DAY_SECONDS = 86400;

/** Flask 2.2's session settings, added to every app's config. */
export function addSessionConfig(interp: Runtime, config: PyDictObject): void {
  const timedelta = interp.importModule("datetime").attrs.get("timedelta")!;
  const entries: Array<[string, PyValue]> = [
    ["PERMANENT_SESSION_LIFETIME", interp.call(timedelta, [], new Map([["days", 31n]]))],
    ["SESSION_COOKIE_NAME", "session"],
    ["SESSION_COOKIE_DOMAIN", null],
    ["SESSION_COOKIE_PATH", null],
    ["SESSION_COOKIE_HTTPONLY", true],
    ["SESSION_COOKIE_SECURE", false],
    ["SESSION_COOKIE_SAMESITE", null],
    ["SESSION_REFRESH_EACH_REQUEST", true],
  ];
  for (const [k, v] of entries) if (dictGet(interp, config, k) === undefined) dictSet(interp, config, k, v);
}

/** A timedelta (or int seconds, as Flask's _make_timedelta accepts) in seconds. */
export function secondsOf(v: PyValue): number {
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number") return v;
  if (isInstance(v) && v.data && typeof (v.data as { us?: unknown }).us === "bigint") return Number((v.data as { us: bigint }).us) / 1e6;
  return 31 * DAY_SECONDS;
}

function secretKeyBytes(interp: Runtime, key: PyValue): Uint8Array {
  if (key !== null && typeof key === "object" && key.kind === "bytes") return key.data;
  return new TextEncoder().encode(strOf(key) ?? interp.str(key));
}

/** Wall-clock seconds now (float), on the run's virtual clock. */
function nowSeconds(host: FlaskHost): number {
  host.interp.noteWallClockRead();
  return (host.epochMs + host.interp.virtualMs) / 1000;
}

const config = (host: FlaskHost, state: RequestState, key: string): PyValue => dictGet(host.interp, state.app.config, key) ?? null;

/** open_session: the cookie's data, an empty session (missing, tampered, expired) or a NullSession (no key). */
export function openSession(host: FlaskHost, state: RequestState & SessionRequestState): void {
  const interp = host.interp;
  const tags = { Markup: host.classes.Markup, UUID: host.classes.UUID };
  const secret = config(host, state, "SECRET_KEY");
  const empty = (isNull: boolean): SessionData => ({ dict: interp.newDict(), accessed: false, modified: false, isNull });
  if (!interp.truthy(secret)) {
    state.session = empty(true);
    return;
  }
  const name = interp.str(config(host, state, "SESSION_COOKIE_NAME"));
  const cookie = state.data.cookies.get(name);
  if (!cookie) {
    state.session = empty(false);
    return;
  }
  const maxAge = Math.trunc(secondsOf(config(host, state, "PERMANENT_SESSION_LIFETIME")));
  const r = unsignSession(secretKeyBytes(interp, secret), cookie, Math.floor(nowSeconds(host)), maxAge);
  const dict = r.ok ? loadSessionJson(interp, r.json, tags) : undefined;
  state.session = dict ? { dict, accessed: false, modified: false, isNull: false } : empty(false);
}

/** response.vary.add(value): a HeaderSet over the Vary header, kept in its place. */
function addVary(headers: Headers, value: string): void {
  const existing = headers.get("Vary");
  if (existing === undefined) {
    headers.add("Vary", value);
    return;
  }
  const items = existing.split(",").map((s) => s.trim()).filter(Boolean);
  if (!items.some((s) => s.toLowerCase() === value.toLowerCase())) items.push(value);
  headers.set("Vary", items.join(", "));
}

/** SessionInterface.get_cookie_domain, including its caching in SESSION_COOKIE_DOMAIN. */
function cookieDomain(host: FlaskHost, state: RequestState, path: string): string | null {
  const interp = host.interp;
  const set = (v: PyValue) => dictSet(interp, state.app.config, "SESSION_COOKIE_DOMAIN", v);
  const rv = config(host, state, "SESSION_COOKIE_DOMAIN");
  if (rv !== null) return interp.truthy(rv) ? interp.str(rv) : null;
  const server = config(host, state, "SERVER_NAME");
  if (!interp.truthy(server)) {
    set(false);
    return null;
  }
  let domain = interp.str(server);
  const colon = domain.lastIndexOf(":");
  if (colon >= 0) domain = domain.slice(0, colon);
  domain = domain.replace(/^\.+/, "");
  if (!domain.includes(".")) {
    set(false);
    return null;
  }
  const ip = /^[\d.]+$/.test(domain) || domain.includes(":");
  if (path === "/" && !ip) domain = `.${domain}`;
  set(domain);
  return domain;
}

/**
 * save_session. Throws Python's TypeError when a value cannot be serialized (the caller adds Flask's frames);
 * returns without touching the response for a NullSession.
 */
export function saveSession(host: FlaskHost, state: RequestState & SessionRequestState, response: FlaskResponse): void {
  const s = state.session;
  if (!s || s.isNull) return;
  const interp = host.interp;
  const name = interp.str(config(host, state, "SESSION_COOKIE_NAME"));
  const path = strOf(config(host, state, "SESSION_COOKIE_PATH")) || interp.str(config(host, state, "APPLICATION_ROOT"));
  const domain = cookieDomain(host, state, path);
  const secure = interp.truthy(config(host, state, "SESSION_COOKIE_SECURE"));
  const samesiteValue = config(host, state, "SESSION_COOKIE_SAMESITE");
  const samesite = samesiteValue === null ? null : interp.str(samesiteValue);
  const httponly = interp.truthy(config(host, state, "SESSION_COOKIE_HTTPONLY"));
  const setCookie = (value: string, expires: number | null, maxAge: number | null) => {
    const header = dumpCookie({ key: name, value, maxAge, expires, path, domain, secure, httponly, samesite }, nowSeconds(host), iriToUri);
    if (typeof header !== "string") throw pyError(header.pyType, header.message);
    response.headers.add("Set-Cookie", header);
  };
  if (s.accessed) addVary(response.headers, "Cookie");
  if (s.dict.entries.size === 0) {
    if (s.modified) {
      setCookie("", 0, 0);
      addVary(response.headers, "Cookie");
    }
    return;
  }
  const permanent = interp.truthy(dictGet(interp, s.dict, "_permanent") ?? false);
  if (!(s.modified || (permanent && interp.truthy(config(host, state, "SESSION_REFRESH_EACH_REQUEST"))))) return;
  const now = nowSeconds(host);
  const expires = permanent ? now + secondsOf(config(host, state, "PERMANENT_SESSION_LIFETIME")) : null;
  const json = dumpSessionJson(interp, s.dict, { Markup: host.classes.Markup, UUID: host.classes.UUID });
  setCookie(signSession(secretKeyBytes(interp, config(host, state, "SECRET_KEY")), json, Math.floor(now)), expires, null);
  addVary(response.headers, "Cookie");
}

export type { PyInstance };
