/** What curl prints for a response, given the options it was run with (-i, -I, -v). */
import type { CurlCommand } from "./parse";

export interface CurlResponse {
  status: number;
  reason: string;
  headers: Array<[string, string]>;
  body: string;
}

export interface CurlOutput {
  /** Lines curl writes to stderr with -v (`>` sent, `<` received, `*` notes). */
  verbose: string[];
  /** What curl writes to stdout. */
  stdout: string;
}

export function formatCurlOutput(command: CurlCommand, response: CurlResponse): CurlOutput {
  const statusLine = `HTTP/1.1 ${response.status} ${response.reason}`.trimEnd();
  const headerBlock = [statusLine, ...response.headers.map(([n, v]) => `${n}: ${v}`)].join("\n") + "\n\n";
  const verbose: string[] = [];
  if (command.verbose) {
    const [host, port = "80"] = command.host.split(":");
    verbose.push(`*   Trying 127.0.0.1:${port}...`, `* Connected to ${host} (127.0.0.1) port ${port} (#0)`);
    const [head, body] = splitRaw(command.raw);
    for (const line of head.split("\r\n")) verbose.push(`> ${line}`);
    if (body) verbose.push(`} [${new TextEncoder().encode(body).length} bytes data]`);
    verbose.push(`< ${statusLine}`, ...response.headers.map(([n, v]) => `< ${n}: ${v}`), "< ");
    if (!command.headOnly && response.body) verbose.push(`{ [${new TextEncoder().encode(response.body).length} bytes data]`);
    verbose.push(`* Connection #0 to host ${host} left intact`);
  }
  const showHeaders = command.include || command.headOnly;
  const body = command.headOnly || command.method === "HEAD" ? "" : response.body;
  return { verbose, stdout: (showHeaders ? headerBlock : "") + body };
}

function splitRaw(raw: string): [string, string] {
  const end = raw.indexOf("\r\n\r\n");
  return end < 0 ? [raw, ""] : [raw.slice(0, end + 2), raw.slice(end + 4)];
}
