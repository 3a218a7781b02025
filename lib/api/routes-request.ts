/**
 * The JSON body of `POST /api/chain/routes`: a scenario, a gateway and edited files (same bounds as /api/chain).
 */
import { z } from "zod";
import { API_LIMITS } from "./limits";
import { fileEdit, jsonDepth, parseFileEdits, type ApiError } from "./chain-request";

export const routesRequestSchema = z
  .object({
    scenario: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "scenario is a folder name under content/scenarios"),
    gateway: z.enum(["gunicorn", "uwsgi"]).optional(),
    files: z.record(z.string().min(1).max(256), fileEdit).optional(),
  })
  .strict();

export interface ParsedRoutesRequest {
  scenario: string;
  gateway?: "gunicorn" | "uwsgi";
  edits: Map<string, Uint8Array>;
}

export function parseRoutesRequest(json: unknown): { ok: true; value: ParsedRoutesRequest } | { ok: false; error: ApiError } {
  if (jsonDepth(json) > API_LIMITS.jsonDepth) {
    return { ok: false, error: { status: 400, error: "too-deep", message: `JSON nesting deeper than ${API_LIMITS.jsonDepth}`, messageKo: `JSON이 너무 깊게 중첩되어 있습니다 (최대 ${API_LIMITS.jsonDepth}단계).` } };
  }
  const parsed = routesRequestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.join(".") || "(body)";
    return { ok: false, error: { status: 400, error: "invalid-request", message: `${where}: ${issue.message}`, messageKo: `요청 형식이 올바르지 않습니다: ${where} — ${issue.message}` } };
  }
  const edits = parseFileEdits(parsed.data.files);
  if (!edits.ok) return edits;
  return { ok: true, value: { scenario: parsed.data.scenario, gateway: parsed.data.gateway, edits: edits.edits } };
}
