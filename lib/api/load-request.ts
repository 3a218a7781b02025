/**
 * The JSON body of `POST /api/chain/load`: a scenario, a gateway, edited files and a crowd of requests, each with the
 * virtual ms it is sent. Same bounds as `/api/chain` per request and per file, at most MAX_LOAD_REQUESTS requests.
 */
import { z } from "zod";
import { MAX_LOAD_REQUESTS } from "@/lib/chain/load/run-load";
import { API_LIMITS } from "./limits";
import { buildRawRequest, fileEdit, jsonDepth, parseFileEdits, structuredRequest, type ApiError } from "./chain-request";

/** Latest send time a crowd may use: ten virtual minutes. */
export const MAX_SEND_AT_MS = 600_000;

const timedRequest = z.union([
  z.object({ at: z.number().min(0).max(MAX_SEND_AT_MS), request: structuredRequest }).strict(),
  z.object({ at: z.number().min(0).max(MAX_SEND_AT_MS), raw: z.string().max(API_LIMITS.rawRequestBytes) }).strict(),
]);

export const loadRequestSchema = z
  .object({
    scenario: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "scenario is a folder name under content/scenarios"),
    gateway: z.enum(["gunicorn", "uwsgi"]).optional(),
    files: z.record(z.string().min(1).max(256), fileEdit).optional(),
    requests: z.array(z.unknown()).min(1, "send at least one request"),
  })
  .strict();

export interface ParsedLoadRequest {
  scenario: string;
  gateway?: "gunicorn" | "uwsgi";
  edits: Map<string, Uint8Array>;
  requests: Array<{ at: number; raw: Uint8Array }>;
}

const encoder = new TextEncoder();

export function parseLoadRequest(json: unknown): { ok: true; value: ParsedLoadRequest } | { ok: false; error: ApiError } {
  if (jsonDepth(json) > API_LIMITS.jsonDepth) {
    return bad("too-deep", `JSON nesting deeper than ${API_LIMITS.jsonDepth}`, `JSON이 너무 깊게 중첩되어 있습니다 (최대 ${API_LIMITS.jsonDepth}단계).`);
  }
  const parsed = loadRequestSchema.safeParse(json);
  if (!parsed.success) return invalid(parsed.error.issues[0]);
  const body = parsed.data;
  if (body.requests.length > MAX_LOAD_REQUESTS) {
    return bad("too-many-requests", `at most ${MAX_LOAD_REQUESTS} requests per crowd`, `한 번에 보낼 수 있는 요청은 최대 ${MAX_LOAD_REQUESTS}개입니다 (${body.requests.length}개를 보냈습니다).`);
  }
  const requests: ParsedLoadRequest["requests"] = [];
  for (let i = 0; i < body.requests.length; i++) {
    const one = timedRequest.safeParse(body.requests[i]);
    if (!one.success) return invalid(one.error.issues[0], ["requests", i]);
    const raw = "request" in one.data ? buildRawRequest(one.data.request) : encoder.encode(one.data.raw);
    if (raw.length > API_LIMITS.rawRequestBytes) {
      return bad("request-too-large", `requests.${i}: the HTTP request is larger than ${API_LIMITS.rawRequestBytes} bytes`, `requests.${i}: HTTP 요청이 너무 큽니다 (최대 ${API_LIMITS.rawRequestBytes / 1024} KiB).`);
    }
    requests.push({ at: one.data.at, raw });
  }
  const files = parseFileEdits(body.files);
  if (!files.ok) return files;
  const edits = files.edits;
  return { ok: true, value: { scenario: body.scenario, gateway: body.gateway, edits, requests } };
}

function invalid(issue: z.core.$ZodIssue | undefined, prefix: Array<string | number> = []): { ok: false; error: ApiError } {
  const where = [...prefix, ...(issue?.path ?? [])].map(String).join(".") || "(body)";
  const message = issue?.message ?? "invalid";
  return bad("invalid-request", `${where}: ${message}`, `요청 형식이 올바르지 않습니다: ${where} — ${message}`);
}

function bad(error: string, message: string, messageKo: string): { ok: false; error: ApiError } {
  return { ok: false, error: { status: 400, error, message, messageKo } };
}
