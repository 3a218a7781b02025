/** Test helpers: fake upstreams and request builders. Not used by runNginx itself. */
import type { Upstream, UpstreamRequest, UpstreamResult, SocketAddress } from "../contracts";
import type { TraceStep } from "../trace";
import { latin1Encode } from "../http/bytes";

/** An upstream that records what nginx sent and answers with a canned result. */
export function fakeUpstream(
  address: SocketAddress,
  answer: (request: UpstreamRequest, sentAt: number) => UpstreamResult,
): Upstream & { requests: UpstreamRequest[] } {
  const requests: UpstreamRequest[] = [];
  return {
    address,
    requests,
    send(request: UpstreamRequest, sentAt: number, trace: TraceStep[]): UpstreamResult {
      void trace;
      requests.push(request);
      return answer(request, sentAt);
    },
  };
}

/** A canned HTTP response whose head and end arrive `ms` after the request was sent. */
export function cannedResponse(text: string, ms = 5): (r: UpstreamRequest, sentAt: number) => UpstreamResult {
  return (_r, sentAt) => ({ kind: "response", raw: latin1Encode(text), headerAt: sentAt + ms, doneAt: sentAt + ms });
}

/** Request bytes from a latin-1 string (one char per byte). */
export function req(text: string): Uint8Array {
  return latin1Encode(text);
}
