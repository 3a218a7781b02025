/**
 * Turns the JSON body of `POST /api/chain` into the chain's input, refusing anything unbounded or malformed with a
 * message a student can act on. Framework-free: the route handler only reads the body and calls this.
 */
import { z } from "zod";
import { API_LIMITS } from "./limits";
import { fromBase64 } from "@/lib/chain/http/bytes";

export const fileEdit = z.union([
  z.string().max(API_LIMITS.fileBytes),
  z.object({ base64: z.string().max(Math.ceil((API_LIMITS.fileBytes * 4) / 3) + 4) }).strict(),
]);

const header = z.tuple([z.string().min(1).max(256), z.string().max(API_LIMITS.headerBytes)]);

export const structuredRequest = z
  .object({
    method: z.string().regex(/^[A-Za-z]{1,20}$/, "method must be letters only, e.g. GET"),
    target: z.string().min(1).max(API_LIMITS.targetBytes),
    headers: z.array(header).max(API_LIMITS.headers).optional(),
    body: z.string().max(API_LIMITS.rawRequestBytes).optional(),
  })
  .strict();

export const chainRequestSchema = z
  .object({
    scenario: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "scenario is a folder name under content/scenarios"),
    gateway: z.enum(["gunicorn", "uwsgi"]).optional(),
    faults: z.object({ gateway: z.enum(["down"]).optional() }).strict().optional(),
    client: z.object({ address: z.string().max(64).regex(/^[0-9a-fA-F.:]+$/, "client.address must be an IP address") }).strict().optional(),
    local: z
      .object({
        address: z.string().regex(/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/, "local.address must be a 127.x.x.x address"),
        port: z.number().int().min(1).max(65535),
      })
      .strict()
      .optional(),
    files: z.record(z.string().min(1).max(256), fileEdit).optional(),
    request: structuredRequest.optional(),
    raw: z.string().max(API_LIMITS.rawRequestBytes).optional(),
    rawBase64: z.string().max(Math.ceil((API_LIMITS.rawRequestBytes * 4) / 3) + 4).optional(),
  })
  .strict();

export type ChainRequestBody = z.infer<typeof chainRequestSchema>;

export interface ParsedChainRequest {
  scenario: string;
  gateway?: "gunicorn" | "uwsgi";
  faults?: { gateway?: "down" };
  client?: { address: string };
  local?: { address: string; port: number };
  edits: Map<string, Uint8Array>;
  raw: Uint8Array;
}

export type ApiError = { status: number; error: string; message: string; messageKo: string };

const encoder = new TextEncoder();

/** Validates an already JSON-parsed body. */
export function parseChainRequest(json: unknown): { ok: true; value: ParsedChainRequest } | { ok: false; error: ApiError } {
  if (jsonDepth(json) > API_LIMITS.jsonDepth) {
    return bad("too-deep", `JSON nesting deeper than ${API_LIMITS.jsonDepth}`, `JSON이 너무 깊게 중첩되어 있습니다 (최대 ${API_LIMITS.jsonDepth}단계).`);
  }
  const parsed = chainRequestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.join(".") || "(body)";
    return bad("invalid-request", `${where}: ${issue.message}`, `요청 형식이 올바르지 않습니다: ${where} — ${issue.message}`);
  }
  const body = parsed.data;
  const sources = [body.request, body.raw, body.rawBase64].filter((x) => x !== undefined).length;
  if (sources !== 1) {
    return bad("invalid-request", 'give exactly one of "request", "raw" or "rawBase64"', '"request", "raw", "rawBase64" 중 정확히 하나를 보내야 합니다.');
  }

  const files = parseFileEdits(body.files);
  if (!files.ok) return files;
  const edits = files.edits;

  let raw: Uint8Array | null;
  if (body.request) raw = buildRawRequest(body.request);
  else if (body.raw !== undefined) raw = encoder.encode(body.raw);
  else raw = decodeBase64(body.rawBase64 ?? "");
  if (!raw) return bad("invalid-base64", "rawBase64: invalid base64", "rawBase64: base64 형식이 올바르지 않습니다.");
  if (raw.length > API_LIMITS.rawRequestBytes) {
    return bad("request-too-large", `the HTTP request is larger than ${API_LIMITS.rawRequestBytes} bytes`, `HTTP 요청이 너무 큽니다 (최대 ${API_LIMITS.rawRequestBytes / 1024} KiB).`);
  }
  return {
    ok: true,
    value: { scenario: body.scenario, gateway: body.gateway, faults: body.faults, client: body.client, local: body.local, edits, raw },
  };
}

/** Edited files as the chain takes them: at most API_LIMITS.files, each a safe relative path within the size bound. */
export function parseFileEdits(files: Record<string, z.infer<typeof fileEdit>> | undefined): { ok: true; edits: Map<string, Uint8Array> } | { ok: false; error: ApiError } {
  const edits = new Map<string, Uint8Array>();
  const fileEntries = Object.entries(files ?? {});
  if (fileEntries.length > API_LIMITS.files) {
    return bad("too-many-files", `at most ${API_LIMITS.files} files`, `파일은 최대 ${API_LIMITS.files}개까지 바꿀 수 있습니다.`);
  }
  for (const [path, content] of fileEntries) {
    if (!isSafeScenarioPath(path)) {
      return bad("invalid-path", `files: "${path}" is not a path inside the scenario`, `files: "${path}"는 시나리오 안의 경로가 아닙니다.`);
    }
    const data = typeof content === "string" ? encoder.encode(content) : decodeBase64(content.base64);
    if (!data) return bad("invalid-base64", `files.${path}: invalid base64`, `files.${path}: base64 형식이 올바르지 않습니다.`);
    if (data.length > API_LIMITS.fileBytes) {
      return bad("file-too-large", `files.${path}: larger than ${API_LIMITS.fileBytes} bytes`, `files.${path}: 파일이 너무 큽니다 (최대 ${API_LIMITS.fileBytes / 1024} KiB).`);
    }
    edits.set(path, data);
  }
  return { ok: true, edits };
}

/**
 * The bytes a browser-like client sends for a structured request: HTTP/1.1, `Host: localhost` unless given, and a
 * Content-Length for a body unless given.
 */
export function buildRawRequest(request: z.infer<typeof structuredRequest>): Uint8Array {
  const headers = [...(request.headers ?? [])];
  const has = (name: string) => headers.some(([n]) => n.toLowerCase() === name);
  if (!has("host")) headers.unshift(["Host", "localhost"]);
  const body = request.body === undefined ? new Uint8Array() : encoder.encode(request.body);
  if (request.body !== undefined && !has("content-length") && !has("transfer-encoding")) {
    headers.push(["Content-Length", String(body.length)]);
  }
  const head = `${request.method} ${request.target} HTTP/1.1\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join("")}\r\n`;
  const headBytes = encoder.encode(head);
  const raw = new Uint8Array(headBytes.length + body.length);
  raw.set(headBytes, 0);
  raw.set(body, headBytes.length);
  return raw;
}

/** A relative path without `..`, backslashes or NUL: scenario edits never name anything outside the scenario. */
export function isSafeScenarioPath(path: string): boolean {
  if (path.startsWith("/") || path.includes("\\") || path.includes("\0")) return false;
  return path.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..");
}

export function jsonDepth(value: unknown, depth = 0): number {
  if (depth > API_LIMITS.jsonDepth) return depth;
  if (value === null || typeof value !== "object") return depth;
  let max = depth + 1;
  for (const child of Object.values(value as Record<string, unknown>)) max = Math.max(max, jsonDepth(child, depth + 1));
  return max;
}

export function decodeBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) return null;
  try {
    return fromBase64(text);
  } catch {
    return null;
  }
}

function bad(error: string, message: string, messageKo: string): { ok: false; error: ApiError } {
  return { ok: false, error: { status: 400, error, message, messageKo } };
}
