/**
 * The body curl prints, from an /api/chain answer: the text as is, or the bytes, decompressed first when the
 * command said --compressed and the answer is `Content-Encoding: gzip`. Bytes with a NUL in them are what curl
 * refuses to write to a terminal (format.ts prints its warning instead).
 */
import type { CurlCommand } from "./parse";
import { fromBase64 } from "../chain/http/bytes";

export interface ChainBody {
  headers: Array<[string, string]>;
  body?: string;
  bodyBase64?: string;
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array | null> {
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch {
    return null;
  }
}

export async function curlBody(command: Pick<CurlCommand, "compressed">, response: ChainBody): Promise<{ body: string; binary: boolean }> {
  if (response.body !== undefined) return { body: response.body, binary: false };
  let bytes = fromBase64(response.bodyBase64 ?? "");
  const encoding = response.headers.find(([n]) => n.toLowerCase() === "content-encoding")?.[1].trim().toLowerCase();
  if (command.compressed && (encoding === "gzip" || encoding === "x-gzip")) {
    const plain = await gunzip(bytes);
    // curl: "(61) Error while processing content unencoding"; rare enough to show as the bytes it got.
    if (plain) bytes = plain;
  }
  if (bytes.includes(0)) return { body: "", binary: true };
  return { body: new TextDecoder().decode(bytes), binary: false };
}
