/**
 * The recording file format: what the REAL chain answered to one corpus request.
 *
 *   # comment lines (scenario, gateway, request, description, when, how paths were mapped back)
 *   closed: yes|no
 *   sent-at: 2026-11-25T13:36:51.123Z
 *   client-port: 41234
 *   elapsed-ms: 3
 *   === response <N> bytes
 *   <exactly N bytes as nginx sent them>
 *   === nginx access.log
 *   <lines>
 *   === nginx error.log
 *   === gateway stdout
 *   === gateway stderr
 *   === end
 *
 * Paths of the temp deployment are mapped back to the scenario's own (`/srv/<name>`, `/run/…`, port 80) in the log
 * lines and in the response HEADERS (Location); the response body is kept byte for byte.
 */
import type { LogSlices } from "./real-chain";

export interface Recording {
  comments: string[];
  closed: boolean;
  /** Wall-clock ms when the request was sent (the epochMs to give the embedded chain). */
  sentAtMs: number;
  clientPort: number;
  elapsedMs: number;
  response: Uint8Array;
  logs: LogSlices;
}

const SECTIONS: Array<[keyof LogSlices, string]> = [
  ["nginxAccess", "nginx access.log"],
  ["nginxError", "nginx error.log"],
  ["gatewayStdout", "gateway stdout"],
  ["gatewayStderr", "gateway stderr"],
];

const latin1 = new TextDecoder("latin1");

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function formatRecording(rec: Recording): Uint8Array {
  const head = [
    ...rec.comments.map((c) => `# ${c.replace(/\n/g, " ")}`),
    `closed: ${rec.closed ? "yes" : "no"}`,
    `sent-at: ${new Date(rec.sentAtMs).toISOString()}`,
    `client-port: ${rec.clientPort}`,
    `elapsed-ms: ${rec.elapsedMs}`,
    `=== response ${rec.response.length} bytes`,
    "",
  ].join("\n");
  const tail = [
    "",
    ...SECTIONS.flatMap(([key, title]) => [`=== ${title}`, ...rec.logs[key]]),
    "=== end",
    "",
  ].join("\n");
  const parts = [utf8(head), rec.response, utf8(tail)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Parse a recording; null when the file is not in this format. */
export function parseRecording(bytes: Uint8Array): Recording | null {
  const text = latin1.decode(bytes);
  const marker = /^=== response (\d+) bytes\n/m.exec(text);
  if (!marker) return null;
  const length = Number(marker[1]);
  const bodyStart = marker.index + marker[0].length;
  if (bodyStart + length > bytes.length) return null;
  const headLines = new TextDecoder("utf-8").decode(bytes.subarray(0, marker.index)).split("\n").filter((l) => l !== "");
  const field = (name: string) => headLines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
  const rest = new TextDecoder("utf-8").decode(bytes.subarray(bodyStart + length));
  const lines = rest.split("\n");
  if (lines[0] !== "") return null;
  const logs: LogSlices = { nginxAccess: [], nginxError: [], gatewayStdout: [], gatewayStderr: [] };
  let current: keyof LogSlices | null = null;
  for (const line of lines.slice(1)) {
    if (line === "=== end") break;
    const section = SECTIONS.find(([, title]) => line === `=== ${title}`);
    if (section) {
      current = section[0];
      continue;
    }
    if (current) logs[current].push(line);
  }
  return {
    comments: headLines.filter((l) => l.startsWith("# ")).map((l) => l.slice(2)),
    closed: field("closed") === "yes",
    sentAtMs: Date.parse(field("sent-at") ?? "") || 0,
    clientPort: Number(field("client-port") ?? 0),
    elapsedMs: Number(field("elapsed-ms") ?? 0),
    response: bytes.slice(bodyStart, bodyStart + length),
    logs,
  };
}

/** What the programs printed while starting: recordings/<scenario>/<gateway>/_startup.txt. */
export interface StartupRecording {
  gatewayStdout: string[];
  gatewayStderr: string[];
  nginxError: string[];
  /** nginx's own stderr at start (`nginx: [warn] …`). */
  nginxStderr: string[];
}

const STARTUP_SECTIONS: Array<[keyof StartupRecording, string]> = [
  ["gatewayStdout", "gateway stdout"],
  ["gatewayStderr", "gateway stderr"],
  ["nginxError", "nginx error.log"],
  ["nginxStderr", "nginx stderr"],
];

export function formatStartup(title: string, startup: StartupRecording): string {
  return [`# ${title}`, ...STARTUP_SECTIONS.flatMap(([key, name]) => [`=== ${name}`, ...startup[key]]), "=== end", ""].join("\n");
}

/** Parse a _startup.txt; null when it is not in this format. */
export function parseStartup(text: string): StartupRecording | null {
  const out: StartupRecording = { gatewayStdout: [], gatewayStderr: [], nginxError: [], nginxStderr: [] };
  let current: keyof StartupRecording | null = null;
  let ended = false;
  for (const line of text.split("\n")) {
    if (line === "=== end") {
      ended = true;
      break;
    }
    const section = STARTUP_SECTIONS.find(([, name]) => line === `=== ${name}`);
    if (section) current = section[0];
    else if (current) out[current].push(line);
  }
  return ended ? out : null;
}
