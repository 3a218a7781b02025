/** What curl prints for a response, given the options it was run with (-i, -I, -v). */
import type { CurlCommand } from "./parse";

export interface CurlResponse {
  status: number;
  reason: string;
  headers: Array<[string, string]>;
  body: string;
  /** The body as received is not text (e.g. gzip-compressed and not decompressed): curl will not print it. */
  binary?: boolean;
}

/** curl 7.88 on a terminal, for a body with a NUL byte (nothing at all with -s). */
export const BINARY_WARNING =
  'Warning: Binary output can mess up your terminal. Use "--output -" to tell \n' +
  'Warning: curl to output it to your terminal anyway, or consider "--output \n' +
  'Warning: <FILE>" to save to a file.\n';

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
    const { hostname: host, port } = command;
    const address = /^\d+\.\d+\.\d+\.\d+$/.test(host) ? host : host.includes(":") ? host : "127.0.0.1";
    const shown = address.includes(":") ? `[${address}]` : address;
    verbose.push(`*   Trying ${shown}:${port}...`, `* Connected to ${host} (${address}) port ${port} (#0)`);
    const [head, body] = splitRaw(command.raw);
    for (const line of head.split("\r\n")) verbose.push(`> ${line}`);
    if (body) verbose.push(`} [${new TextEncoder().encode(body).length} bytes data]`);
    verbose.push(`< ${statusLine}`, ...response.headers.map(([n, v]) => `< ${n}: ${v}`), "< ");
    if (!command.headOnly && response.body) verbose.push(`{ [${new TextEncoder().encode(response.body).length} bytes data]`);
    verbose.push(`* Connection #0 to host ${host} left intact`);
  }
  const showHeaders = command.include || command.headOnly;
  const printed = response.binary ? (command.silent ? "" : BINARY_WARNING) : response.body;
  const body = command.headOnly || command.method === "HEAD" ? "" : printed;
  return { verbose, stdout: (showHeaders ? headerBlock : "") + body };
}

function splitRaw(raw: string): [string, string] {
  const end = raw.indexOf("\r\n\r\n");
  return end < 0 ? [raw, ""] : [raw.slice(0, end + 2), raw.slice(end + 4)];
}
