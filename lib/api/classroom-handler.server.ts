/**
 * The classroom API (lib/classroom): an instructor creates a class and watches its dashboard; students join with
 * the class code and a nickname and report what they did. Every call is rate limited per browser (the identity
 * cookie) and per address, every body is bounded and checked by a zod schema (lib/classroom/input.ts), the
 * instructor's secret is checked on every instructor call, and a student's token only ever reaches their own
 * class's follow state. Answers are JSON, or Server-Sent Events for the two live streams.
 */
import type { z } from "zod";
import { utf8Decode } from "@/lib/chain/http/bytes";
import { CLASSROOM_LIMITS, createClassInput, describeIssue, followInput, joinInput, predictInput, reportInput, secretSchema, codeSchema } from "@/lib/classroom/input";
import { withOwnChoice, type ClassRow, type StudentRow } from "@/lib/classroom/store.server";
import type { FollowState } from "@/lib/classroom/views";
import { EVENT_STREAM_HEADERS, jsonAnswer, type ApiAnswer, type ApiRequest } from "./api-request";
import { classroom } from "./classroom-state.server";
import { takeChainToken } from "./rate-limit";

const trustProxy = process.env.TRUST_PROXY === "1";

function error(status: number, code: string, message: string, messageKo: string, headers: Array<[string, string]> = []): ApiAnswer {
  return jsonAnswer(status, { error: code, message, messageKo }, headers);
}

function rateLimited(request: ApiRequest): ApiAnswer | null {
  const decision = takeChainToken(classroom().limiter, request.headers, trustProxy, request.remoteAddress, Date.now());
  if (decision.allowed) return null;
  const s = decision.retryAfterSeconds;
  return error(429, "rate-limited", `too many requests (${decision.scope}); retry after ${s} s`, `요청이 너무 많습니다. ${s}초 뒤에 다시 보내 주세요.`, [["retry-after", String(s)]]);
}

type Parsed<T> = { ok: true; value: T } | { ok: false; answer: ApiAnswer };

async function parseBody<T>(request: ApiRequest, schema: z.ZodType<T>): Promise<Parsed<T>> {
  const bytes = await request.body(CLASSROOM_LIMITS.bodyBytes);
  if (bytes === null) return { ok: false, answer: error(413, "body-too-large", "request body too large", "요청 본문이 너무 큽니다.") };
  let json: unknown;
  try {
    json = JSON.parse(utf8Decode(bytes));
  } catch {
    return { ok: false, answer: error(400, "invalid-json", "the body is not valid JSON", "요청 본문이 올바른 JSON이 아닙니다.") };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const { message, messageKo } = describeIssue(parsed.error);
    return { ok: false, answer: error(400, "invalid-input", message, messageKo) };
  }
  return { ok: true, value: parsed.data };
}

/** The class whose code and secret the request carries (headers x-class-code, x-class-secret), or a 403. */
function instructor(request: ApiRequest): ClassRow | ApiAnswer {
  const code = codeSchema.safeParse(request.headers.get("x-class-code") ?? "");
  const secret = secretSchema.safeParse(request.headers.get("x-class-secret") ?? "");
  const row = code.success && secret.success ? classroom().store.instructorClass(code.data, secret.data) : null;
  return row ?? error(403, "not-instructor", "unknown class or wrong instructor link", "강사 링크가 올바르지 않거나 반이 삭제되었습니다.");
}

/** The student whose token the request carries (header x-class-token), or a 401 (left, or the class was deleted). */
function student(request: ApiRequest): StudentRow | ApiAnswer {
  const token = secretSchema.safeParse(request.headers.get("x-class-token") ?? "");
  const row = token.success ? classroom().store.studentByToken(token.data) : null;
  return row ?? error(401, "not-in-class", "unknown student token", "반에서 나갔거나 반이 삭제되었습니다. 코드를 다시 입력해 주세요.");
}

const isAnswer = (value: object): value is ApiAnswer => "status" in value && "headers" in value;

/** POST /api/class {title}: a new class; its code and the instructor's secret (shown once, kept only as a hash). */
export async function answerCreateClass(request: ApiRequest): Promise<ApiAnswer> {
  const limited = rateLimited(request);
  if (limited) return limited;
  const body = await parseBody(request, createClassInput);
  if (!body.ok) return body.answer;
  const made = classroom().store.createClass(body.value.title);
  if (!made.ok) return error(503, made.error, "too many classes on this server", "이 서버에 반이 너무 많습니다. 쓰지 않는 반을 삭제해 주세요.");
  return jsonAnswer(201, { code: made.code, secret: made.secret, title: body.value.title });
}

/** DELETE /api/class (instructor): the class and all its students' data are deleted. */
export async function answerDeleteClass(request: ApiRequest): Promise<ApiAnswer> {
  const limited = rateLimited(request);
  if (limited) return limited;
  const row = instructor(request);
  if (isAnswer(row)) return row;
  const { store, hub } = classroom();
  store.deleteClass(row.id);
  hub.closeClass(row.id);
  return jsonAnswer(200, { deleted: row.code });
}

/** POST /api/class/join {code, nickname}: the student's token, kept by their browser. */
export async function answerJoin(request: ApiRequest): Promise<ApiAnswer> {
  const limited = rateLimited(request);
  if (limited) return limited;
  const body = await parseBody(request, joinInput);
  if (!body.ok) return body.answer;
  const { store, hub } = classroom();
  const joined = store.join(body.value.code, body.value.nickname);
  if (!joined.ok) {
    if (joined.error === "no-class") return error(404, "no-class", "no class has this code", "그런 코드의 반이 없습니다. 코드를 다시 확인해 주세요.");
    if (joined.error === "nickname-taken") return error(409, "nickname-taken", "nickname taken in this class", "이 반에서 이미 쓰는 별명입니다. 다른 별명을 골라 주세요.");
    return error(409, "class-full", "the class is full", "반이 가득 찼습니다.");
  }
  hub.changed(joined.student.classId);
  return jsonAnswer(201, { token: joined.token, nickname: joined.student.nickname, title: joined.title });
}

/** POST /api/class/report {events}: what the student did (lessons, answers, challenges, the class Predict). */
export async function answerReport(request: ApiRequest): Promise<ApiAnswer> {
  const limited = rateLimited(request);
  if (limited) return limited;
  const who = student(request);
  if (isAnswer(who)) return who;
  const body = await parseBody(request, reportInput);
  if (!body.ok) return body.answer;
  const { store, hub } = classroom();
  const kept = store.report(who, body.value.events);
  if (kept > 0) hub.changed(who.classId);
  return jsonAnswer(200, { kept });
}

/** POST /api/class/follow {lesson, section} (instructor): where students who follow are taken. */
export async function answerFollow(request: ApiRequest): Promise<ApiAnswer> {
  const limited = rateLimited(request);
  if (limited) return limited;
  const row = instructor(request);
  if (isAnswer(row)) return row;
  const body = await parseBody(request, followInput);
  if (!body.ok) return body.answer;
  const { store, hub } = classroom();
  store.setFollow(row.id, body.value.lesson, body.value.section);
  hub.changed(row.id);
  return jsonAnswer(200, { ok: true });
}

/** POST /api/class/predict {action: open | reveal | close} (instructor): the class Predict. */
export async function answerPredict(request: ApiRequest): Promise<ApiAnswer> {
  const limited = rateLimited(request);
  if (limited) return limited;
  const row = instructor(request);
  if (isAnswer(row)) return row;
  const body = await parseBody(request, predictInput);
  if (!body.ok) return body.answer;
  const { store, hub } = classroom();
  const input = body.value;
  if (input.action === "open") store.openPredict(row.id, input.predict);
  else if (input.action === "reveal") store.revealPredict(row.id);
  else store.closePredict(row.id);
  hub.changed(row.id);
  return jsonAnswer(200, { ok: true });
}

function streamAnswer(open: NonNullable<ApiAnswer["stream"]>["open"]): ApiAnswer {
  if (!classroom().hub.hasRoom()) return error(503, "busy", "too many live streams", "서버가 바쁩니다. 잠시 뒤에 다시 연결합니다.");
  return { status: 200, headers: [...EVENT_STREAM_HEADERS], body: null, stream: { open } };
}

/** GET /api/class/dashboard (instructor): the dashboard as events, sent again on every change. */
export function answerDashboard(request: ApiRequest): ApiAnswer {
  const limited = rateLimited(request);
  if (limited) return limited;
  const row = instructor(request);
  if (isAnswer(row)) return row;
  const { store, hub } = classroom();
  return streamAnswer((write, end) =>
    hub.open(row.id, (shared) => {
      const cached = shared.get("dashboard");
      if (typeof cached === "string") return cached;
      const text = JSON.stringify({ code: row.code, title: row.title, ...store.dashboard(row.id) });
      shared.set("dashboard", text);
      return text;
    }, write, end),
  );
}

/** GET /api/class/live (student): where the instructor is and the class Predict, sent again on every change. */
export function answerLive(request: ApiRequest): ApiAnswer {
  const limited = rateLimited(request);
  if (limited) return limited;
  const who = student(request);
  if (isAnswer(who)) return who;
  const { store, hub } = classroom();
  const render = (shared: Map<string, unknown>) => {
    let live = shared.get("live") as FollowState | undefined;
    if (!live) shared.set("live", (live = store.classLive(who.classId)));
    return JSON.stringify(withOwnChoice(live, (round) => store.ownPredictAnswer(who.classId, round, who.id)));
  };
  return streamAnswer((write, end) => hub.open(who.classId, render, write, end));
}
