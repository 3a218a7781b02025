/**
 * JSON shape of the chain's answer. Bodies are text when they are valid UTF-8, else base64; any bytes inside the
 * trace (e.g. wsgi.input's data) are written as {"base64": …}.
 */
import type { ChainResponse } from "@/lib/chain/run";
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

/** JSON.stringify replacer for traces: Uint8Array → {base64}. */
export function traceReplacer(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? { base64: bytesToBase64(value) } : value;
}
