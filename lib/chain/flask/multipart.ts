/**
 * multipart/form-data as Werkzeug 2.2 parses it (sansio/multipart.py's MultipartDecoder with formparser.py's
 * MultiPartParser, the whole body at once): the preamble up to the first boundary, then parts of headers and data
 * each ended by a boundary that follows a line break (CRLF, LF or CR), until the closing `--boundary--`. A part
 * whose Content-Disposition has a `filename` is a file, any other a field (decoded as UTF-8 with replacement).
 * Anything malformed is a ValueError in Werkzeug, which Flask's parser swallows: `null` here, and the request's
 * form and files are empty. Also `parse_options_header` (Content-Type / Content-Disposition parameters).
 */

export interface MultipartFile {
  name: string | null;
  filename: string;
  /** The part's headers in order, as Werkzeug's Headers holds them. */
  headers: Array<[string, string]>;
  data: Uint8Array;
}

export interface MultipartForm {
  fields: Array<[string | null, string]>;
  files: Array<[string | null, MultipartFile]>;
}

const LB = "(?:\\r\\n|\\n|\\r)";
/** Python's `[^\S\n\r]` on bytes: horizontal ASCII whitespace. */
const HSPACE = "[ \\t\\x0b\\x0c]";

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/** The bytes as a string of code points 0-255, so that regexes see bytes. */
function latin1(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

function bytesOf(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const replaceUtf8 = new TextDecoder("utf-8");

/** Python's str.strip() (Unicode whitespace), without a backtracking regex (header lines are untrusted). */
function pyStrip(text: string, space: (c: string) => boolean = (c) => /[\s\x1c-\x1f\x85]/.test(c)): string {
  let start = 0;
  let end = text.length;
  while (start < end && space(text[start])) start += 1;
  while (end > start && space(text[end - 1])) end -= 1;
  return text.slice(start, end);
}

/** bytes.strip(): ASCII whitespace only. */
const asciiSpace = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\x0b" || c === "\x0c";

/** MultipartDecoder._parse_headers; null when a line cannot be read (a ValueError in Werkzeug). */
function parseHeaders(block: string): Array<[string, string]> | null {
  const joined = block.replace(new RegExp(`${LB}[ \\t]`, "g"), " ");
  const headers: Array<[string, string]> = [];
  for (const line of joined.split(/\r\n|\n|\r/)) {
    if (pyStrip(line, asciiSpace) === "") continue;
    let text: string;
    try {
      text = pyStrip(strictUtf8.decode(bytesOf(line)));
    } catch {
      return null;
    }
    const colon = text.indexOf(":");
    if (colon < 0) return null;
    headers.push([pyStrip(text.slice(0, colon)), pyStrip(text.slice(colon + 1))]);
  }
  return headers;
}

function header(headers: ReadonlyArray<readonly [string, string]>, name: string): string | undefined {
  return headers.find(([k]) => k.toLowerCase() === name)?.[1];
}

/** Werkzeug's unquote_header_value. */
function unquoteHeaderValue(value: string, isFilename = false): string {
  if (value.length >= 2 && value[0] === '"' && value[value.length - 1] === '"') {
    const inner = value.slice(1, -1);
    if (!isFilename || inner.slice(0, 2) !== "\\\\") return inner.replace(/\\\\/g, "\\").replace(/\\"/g, '"');
    return inner;
  }
  return value;
}

const OPTION_START = /^,\s*([^;,\s]+)([;,]\s*.+)?/;
const OPTION_PIECE =
  /^;\s*,?\s*("[^"\\]*(?:\\.[^"\\]*)*"|[^\s;,=*]+)(?:\*(\d+))?\s*(?:(?:\*\s*=\s*(?:([^\s]+?)'([^\s]*?)')?|=\s*)("[^"\\]*(?:\\.[^"\\]*)*"|[^;,]+)?)?\s*/;

/** `%XX` escapes to bytes decoded with `encoding` (RFC 2231 `filename*=UTF-8''...`). */
function percentDecode(value: string, encoding: string): string {
  const bytes: number[] = [];
  const encoded = new TextEncoder().encode(value);
  for (let i = 0; i < encoded.length; i += 1) {
    const hex = String.fromCharCode(encoded[i + 1] ?? 0, encoded[i + 2] ?? 0);
    if (encoded[i] === 0x25 && /^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(encoded[i]);
  }
  const data = Uint8Array.from(bytes);
  return /^(latin-?1|iso-?8859-?1)$/i.test(encoding) ? latin1(data) : replaceUtf8.decode(data);
}

/** werkzeug.http.parse_options_header: the value and its parameters (names lower-case). */
export function parseOptionsHeader(value: string | null | undefined): [string, Map<string, string | null>] {
  if (!value) return ["", new Map()];
  const text = `,${value.replace(/\n/g, ",")}`;
  const start = OPTION_START.exec(text);
  if (!start) return ["", new Map()];
  const options = new Map<string, string | null>();
  let rest = start[2] ?? "";
  let continued: string | undefined;
  while (rest) {
    const m = OPTION_PIECE.exec(rest);
    if (!m || m[0] === "") break;
    const [, key, count, encodingRaw, , rawValue] = m;
    let encoding: string | undefined = encodingRaw;
    if (!count) continued = undefined;
    else {
      encoding ??= continued;
      continued = encoding;
    }
    const option = unquoteHeaderValue(key).toLowerCase();
    let optionValue: string | null = rawValue ?? null;
    if (optionValue !== null) {
      optionValue = unquoteHeaderValue(optionValue, option === "filename");
      if (encoding !== undefined) optionValue = percentDecode(optionValue, encoding);
    }
    if (count) {
      if (optionValue !== null) options.set(option, (options.get(option) ?? "") + optionValue);
    } else options.set(option, optionValue);
    rest = rest.slice(m[0].length);
  }
  return [start[1], options];
}

/** Field text: the part's charset (latin-1 or UTF-8, with replacement). */
function decodeField(data: Uint8Array, headers: ReadonlyArray<readonly [string, string]>): string {
  const charset = parseOptionsHeader(header(headers, "content-type"))[1].get("charset") ?? "utf-8";
  return /^(latin-?1|iso-?8859-?1)$/i.test(charset) ? latin1(data) : replaceUtf8.decode(data);
}

/** At most this many parts are read (Werkzeug 2.2.3 adds max_form_parts=1000; the model bounds it too). */
export const MAX_PARTS = 1000;

/**
 * Longest boundary the model looks for (RFC 2046 allows 70 characters): the boundary search costs its length at
 * each position of the body, and both are untrusted. A longer one reads as a malformed body.
 */
export const MAX_BOUNDARY_LENGTH = 200;

export function parseMultipart(body: Uint8Array, boundary: string): MultipartForm | null {
  if (!boundary || boundary.length > MAX_BOUNDARY_LENGTH || /[^\x00-\x7f]/.test(boundary)) return null;
  const text = latin1(body);
  const b = escapeRegex(boundary);
  const tail = `(--${HSPACE}*${LB}?|${HSPACE}*${LB})`;
  const preamble = new RegExp(`${LB}?--${b}${tail}`, "g");
  const boundaryRe = new RegExp(`${LB}--${b}${tail}`, "g");
  const form: MultipartForm = { fields: [], files: [] };
  const first = preamble.exec(text);
  if (!first) return null;
  if (first[1].startsWith("--")) return form;
  let pos = preamble.lastIndex;
  for (let parts = 0; parts < MAX_PARTS; parts += 1) {
    const blank = /\r\n\r\n|\r\r|\n\n/g;
    blank.lastIndex = pos;
    const end = blank.exec(text);
    if (!end) return null;
    const headers = parseHeaders(text.slice(pos, end.index));
    if (!headers) return null;
    const disposition = header(headers, "content-disposition");
    if (disposition === undefined) return null;
    const extra = parseOptionsHeader(disposition)[1];
    pos = blank.lastIndex;
    boundaryRe.lastIndex = pos;
    const next = boundaryRe.exec(text);
    if (!next) return null;
    const data = bytesOf(text.slice(pos, next.index));
    const name = extra.get("name") ?? null;
    const filename = extra.get("filename");
    if (filename !== undefined && filename !== null) form.files.push([name, { name, filename, headers, data }]);
    else form.fields.push([name, decodeField(data, headers)]);
    pos = boundaryRe.lastIndex;
    if (next[1].startsWith("--")) return form;
  }
  return null;
}
