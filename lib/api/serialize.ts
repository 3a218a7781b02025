/**
 * JSON shape of the chain's answer. Bodies are text when they are valid UTF-8, else base64; any bytes inside the
 * trace (e.g. wsgi.input's data) are written as {"base64": …}.
 */
import type { ChainResponse } from "@/lib/chain/run";
import type { Environ, Trace } from "@/lib/chain/trace";
import { toBase64 as bytesToBase64 } from "@/lib/chain/http/bytes";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** `{ body }` when the bytes are UTF-8 text, else `{ bodyBase64 }`. */
export function bodyFields(data: Uint8Array): { body: string } | { bodyBase64: string } {
  try {
    return { body: strictUtf8.decode(data) };
  } catch {
    return { bodyBase64: bytesToBase64(data) };
  }
}

export function responseJson(response: ChainResponse) {
  return { status: response.status, reason: response.reason, headers: response.headers, ...bodyFields(response.body) };
}

/**
 * The trace with its bytes made JSON-ready: an environ object's `data` (wsgi.input) becomes {base64}. That is the
 * only place the trace vocabulary holds bytes (see EnvironValue in lib/chain/trace.ts), so only wsgi-call steps
 * are copied; a JSON.stringify replacer would do the same but visit every value of every step.
 */
export function traceJson(trace: Trace): unknown {
  if (!trace.steps.some((step) => step.kind === "wsgi-call")) return trace;
  return { ...trace, steps: trace.steps.map((step) => (step.kind === "wsgi-call" ? { ...step, environ: environJson(step.environ) } : step)) };
}

function environJson(environ: Environ): unknown[] {
  return environ.map(([key, value]) =>
    value.type === "object" && value.data !== undefined ? [key, { ...value, data: { base64: bytesToBase64(value.data) } }] : [key, value],
  );
}
