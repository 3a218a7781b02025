/**
 * Node's http objects as an ApiRequest, and an ApiAnswer written to Node's response: the production server's direct
 * API path (direct.server.ts). Headers are seen as the web Headers class shows them to Next's route handlers
 * (lower-case names, repeats joined with ", ", sorted), so both paths hand the chain the same request.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { joinChunks, type ApiAnswer, type ApiRequest } from "./api-request";

export function fromNodeRequest(req: IncomingMessage): ApiRequest {
  let joined: Map<string, string> | null = null;
  const headerMap = () => {
    if (joined) return joined;
    joined = new Map();
    const raw = req.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i]!.toLowerCase();
      const before = joined.get(name);
      joined.set(name, before === undefined ? raw[i + 1]! : `${before}, ${raw[i + 1]}`);
    }
    return joined;
  };
  return {
    method: req.method ?? "GET",
    target: req.url ?? "/",
    remoteAddress: req.socket?.remoteAddress,
    headers: { get: (name) => headerMap().get(name.toLowerCase()) ?? null },
    headerList: () => [...headerMap()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    body: (limit) => readNodeBody(req, limit),
  };
}

/**
 * At most `limit` bytes of the body, or null when it is larger: the rest is then drained unread, and the answer
 * closes the connection (see writeAnswer).
 */
function readNodeBody(req: IncomingMessage, limit: number): Promise<Uint8Array | null> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > limit) {
    req.resume();
    return Promise.resolve(null);
  }
  if (req.complete && req.readableLength === 0) return Promise.resolve(new Uint8Array(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        done();
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(joinChunks(chunks));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const done = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

/** Writes an answer: status, reason, headers in order (then `extraHeaders`), the body (none for HEAD). */
export function writeAnswer(res: ServerResponse, answer: ApiAnswer, extraHeaders: ReadonlyArray<readonly [string, string]> = []): void {
  if (answer.stream) return writeStream(res, answer, answer.stream, extraHeaders);
  // Text is encoded once here: its length is then known without a second pass over it.
  const body = typeof answer.body === "string" ? Buffer.from(answer.body, "utf8") : answer.body;
  let hasLength = false;
  for (const [key, value] of answer.headers) {
    if (key.toLowerCase() === "content-length") hasLength = true;
    res.appendHeader(key, value);
  }
  for (const [key, value] of extraHeaders) res.appendHeader(key, value);
  if (!hasLength && body !== null) res.setHeader("content-length", body.length);
  // A body the handler did not read to its end (refused as too large) is not worth reading on this connection.
  if (!res.req.complete) res.setHeader("connection", "close");
  res.statusCode = answer.status;
  if (answer.reason) res.statusMessage = answer.reason;
  if (body === null || res.req.method === "HEAD") res.end();
  else res.end(body);
}

/** An event stream: headers at once, then each event as it is written, until it ends or the client leaves. */
function writeStream(res: ServerResponse, answer: ApiAnswer, stream: NonNullable<ApiAnswer["stream"]>, extraHeaders: ReadonlyArray<readonly [string, string]>): void {
  for (const [key, value] of answer.headers) res.appendHeader(key, value);
  for (const [key, value] of extraHeaders) res.appendHeader(key, value);
  res.statusCode = answer.status;
  res.flushHeaders();
  res.socket?.setNoDelay(true);
  const stop = stream.open(
    (text) => {
      if (!res.writableEnded) res.write(text);
    },
    () => {
      if (!res.writableEnded) res.end();
    },
  );
  res.on("close", stop);
}
