/**
 * A Server-Sent Events client over fetch (EventSource cannot send the instructor's secret in a header, and a
 * secret in the URL would end up in access logs). Reconnects after a drop, waiting longer each time.
 */

/** Splits complete event blocks off `buffer`: the events (name and data) and what is left for later. */
export function parseEvents(buffer: string): { events: Array<{ event: string; data: string }>; rest: string } {
  const events: Array<{ event: string; data: string }> = [];
  const text = buffer.replace(/\r\n?/g, "\n");
  let start = 0;
  for (let end = text.indexOf("\n\n", start); end !== -1; end = text.indexOf("\n\n", start)) {
    let event = "message";
    const data: string[] = [];
    for (const line of text.slice(start, end).split("\n")) {
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
    }
    if (data.length > 0) events.push({ event, data: data.join("\n") });
    start = end + 2;
  }
  return { events, rest: text.slice(start) };
}

export type StreamStatus = "connecting" | "open" | "retrying" | "denied" | "gone";

/** Opens the stream and keeps it open until the returned function is called; `onEvent` gets each event. */
export function connectEventStream(
  url: string,
  headers: Record<string, string>,
  onEvent: (event: string, data: string) => void,
  onStatus: (status: StreamStatus) => void,
): () => void {
  let stopped = false;
  let controller: AbortController | null = null;
  let delay = 1000;
  const run = async () => {
    while (!stopped) {
      controller = new AbortController();
      onStatus("connecting");
      try {
        const response = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal: controller.signal, cache: "no-store" });
        if (response.status === 401 || response.status === 403) return onStatus("denied");
        if (!response.ok || !response.body) throw new Error(`status ${response.status}`);
        onStatus("open");
        delay = 1000;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          const parsed = parseEvents(buffer + value);
          buffer = parsed.rest;
          for (const { event, data } of parsed.events) {
            if (event === "gone") return onStatus("gone");
            onEvent(event, data);
          }
        }
      } catch {
        if (stopped) return;
      }
      if (stopped) return;
      onStatus("retrying");
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 15_000);
    }
  };
  void run();
  return () => {
    stopped = true;
    controller?.abort();
  };
}
