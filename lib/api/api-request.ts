/**
 * What an API handler sees and gives back, without a framework: Next's route files adapt web Request/Response to
 * it (below), the production server's direct path adapts Node's http objects (node-bridge.server.ts).
 */
import { concatBytes } from "@/lib/chain/http/bytes";

export interface HeaderReader {
  /** The value of a header (name in any case), repeats joined with ", "; null when absent. */
  get(name: string): string | null;
}

export interface ApiRequest {
  readonly method: string;
  /** Path and query as the client sent them, still percent-encoded. */
  readonly target: string;
  readonly headers: HeaderReader;
  /** The peer's address when the server knows it (the production server does; Next's Request does not). */
  readonly remoteAddress?: string;
  /** Every header as the web Headers class lists them: lower-case names in sorted order, repeats joined. */
  headerList(): Array<[string, string]>;
  /** The body, or null when it is larger than `limit` bytes (then it is left unread). */
  body(limit: number): Promise<Uint8Array | null>;
}

export interface ApiAnswer {
  status: number;
  /** Reason phrase; the status code's usual one when absent. */
  reason?: string;
  headers: Array<[string, string]>;
  /** Text is sent as UTF-8; null for no body (HEAD, 304, …). */
  body: string | Uint8Array | null;
  /**
   * For a `Content-Encoding: gzip` body: the same body decompressed. Next's route handlers drop Content-Encoding
   * (and compress on their own), so through Next this is sent instead; the direct path sends `body` as it is.
   */
  identityBody?: Uint8Array;
  /**
   * A Server-Sent Events stream instead of a body (body is then null): the answer's headers go out at once, then
   * whatever the stream writes, until it ends or the client goes away.
   */
  stream?: EventStream;
}

/** The source of an event stream: `open` starts writing and returns the function that stops it (client gone). */
export interface EventStream {
  open(write: (text: string) => void, end: () => void): () => void;
}

/** The headers of an event stream: never cached, never compressed or buffered on the way (Next, nginx). */
export const EVENT_STREAM_HEADERS: Array<[string, string]> = [
  ["content-type", "text/event-stream; charset=utf-8"],
  ["cache-control", "no-store, no-transform"],
  ["x-accel-buffering", "no"],
];

export type ApiHandler = (request: ApiRequest) => ApiAnswer | Promise<ApiAnswer>;

/** A JSON answer that no cache keeps. */
export function jsonAnswer(status: number, value: unknown, headers: Array<[string, string]> = []): ApiAnswer {
  return {
    status,
    headers: [["content-type", "application/json; charset=utf-8"], ["cache-control", "no-store"], ...headers],
    body: JSON.stringify(value),
  };
}

/** An ApiRequest over a web Request (Next's route handlers). */
export function fromWebRequest(request: Request): ApiRequest {
  return {
    method: request.method,
    get target() {
      const url = new URL(request.url);
      return url.pathname + url.search;
    },
    headers: request.headers,
    headerList: () => [...request.headers],
    body: (limit) => readWebBody(request, limit),
  };
}

/** A web Response for an answer (Next's route handlers). */
export function toWebResponse(answer: ApiAnswer): Response {
  if (answer.stream) return streamResponse(answer, answer.stream);
  if (answer.identityBody && answer.body !== null) {
    const headers = answer.headers.filter(([name]) => name.toLowerCase() !== "content-encoding");
    return new Response(answer.identityBody as Uint8Array<ArrayBuffer>, { status: answer.status, statusText: answer.reason, headers });
  }
  const body = typeof answer.body === "string" || answer.body === null ? answer.body : (answer.body as Uint8Array<ArrayBuffer>);
  return new Response(body, { status: answer.status, statusText: answer.reason, headers: answer.headers });
}

function streamResponse(answer: ApiAnswer, stream: EventStream): Response {
  const encoder = new TextEncoder();
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      stop = stream.open(
        (text) => {
          if (open) controller.enqueue(encoder.encode(text));
        },
        () => {
          if (open) controller.close();
          open = false;
        },
      );
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, { status: answer.status, headers: answer.headers });
}

/** A Next route handler for an API handler. */
export function webHandler(handler: ApiHandler): (request: Request) => Promise<Response> {
  return async (request) => toWebResponse(await handler(fromWebRequest(request)));
}

async function readWebBody(request: Request, limit: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) {
        await reader.cancel();
        return null;
      }
      chunks.push(value);
    }
  }
  return joinChunks(chunks);
}

/** The chunks of a body as one array (the chunk itself when there is one). */
export function joinChunks(chunks: readonly Uint8Array[]): Uint8Array {
  return chunks.length === 1 ? chunks[0]! : concatBytes(chunks);
}
