/**
 * Split raw HTTP/1.x response bytes into status line, ordered header list and body (as sent: a chunked body stays
 * chunked). Pure; never throws: bytes without a blank line are all "head".
 */
export interface ParsedResponse {
  statusLine: string;
  status: number;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

function latin1(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]!);
  return out;
}

export function parseResponse(raw: Uint8Array): ParsedResponse {
  let end = raw.length;
  let bodyStart = raw.length;
  for (let i = 0; i + 3 < raw.length; i++) {
    if (raw[i] === 13 && raw[i + 1] === 10 && raw[i + 2] === 13 && raw[i + 3] === 10) {
      end = i;
      bodyStart = i + 4;
      break;
    }
  }
  const lines = latin1(raw.subarray(0, end)).split("\r\n");
  const statusLine = lines[0] ?? "";
  const status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Array<[string, string]> = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return { statusLine, status, headers, body: raw.slice(bodyStart) };
}
