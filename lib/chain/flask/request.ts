/**
 * The request as Werkzeug 2.2 / Flask 2.2 derive it from a PEP 3333 environ: method, path, URLs, host, args,
 * form, body, JSON, headers and cookies. Pure data; the Python-facing `request` object reads from this.
 */
import type { Environ, EnvironValue, HeaderList } from "../trace";
import type { JsonValue } from "./json";
import { parsePythonJson } from "./json-parse";
import { MultiDict } from "./multidict";
import type { MultipartFile } from "./multipart";
import { parseMultipart, parseOptionsHeader } from "./multipart";
import {
  bytesToLatin1,
  decodeUtf8Replace,
  encodeUtf8,
  latin1ToBytes,
  urlDecode,
  urlQuote,
  wsgiDecode,
} from "./urls";

/** Request bodies above this many bytes are cut (nginx's client_max_body_size guards the real chain). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export type JsonOutcome =
  | { kind: "value"; value: JsonValue }
  | { kind: "none" }
  /** Werkzeug raises BadRequest; `reason` is the debug-mode message (not shown on the page outside debug). */
  | { kind: "bad-request"; reason: string };

/** The environ by key, the first entry winning as a lookup of the list would find it. */
function environIndex(environ: Environ): Map<string, EnvironValue> {
  const index = new Map<string, EnvironValue>();
  for (const [k, v] of environ) if (!index.has(k)) index.set(k, v);
  return index;
}

function environString(index: ReadonlyMap<string, EnvironValue>, key: string): string | undefined {
  const v = index.get(key);
  if (v === undefined) return undefined;
  if (v.type === "str") return v.value;
  if (v.type === "int") return String(v.value);
  return undefined;
}

/** Python's str.title(): a letter is upper-case after a non-letter, lower-case after a letter. */
export function pyTitle(text: string): string {
  let out = "";
  let prevCased = false;
  for (const ch of text) {
    const cased = ch.toLowerCase() !== ch.toUpperCase();
    out += cased ? (prevCased ? ch.toLowerCase() : ch.toUpperCase()) : ch;
    prevCased = cased;
  }
  return out;
}

/** werkzeug.sansio.utils.get_host: Host header, else SERVER_NAME[:SERVER_PORT]; default port dropped. */
export function wsgiHost(scheme: string, hostHeader: string | undefined, serverName: string, serverPort: string): string {
  let host = hostHeader ?? (serverPort ? `${serverName}:${serverPort}` : serverName);
  if ((scheme === "http" || scheme === "ws") && host.endsWith(":80")) host = host.slice(0, -3);
  else if ((scheme === "https" || scheme === "wss") && host.endsWith(":443")) host = host.slice(0, -4);
  return host;
}

const ALWAYS_SAFE = /[A-Za-z0-9\-._~$!'()*+,;]/;

/**
 * uri_to_iri: percent-escapes of non-ASCII UTF-8 sequences and of always-safe ASCII are decoded back into
 * characters; other escapes (space, `<`, `%`...) stay escaped.
 */
export function uriToIri(uri: string): string {
  return uri.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = run.match(/%[0-9A-Fa-f]{2}/g)?.map((h) => Number.parseInt(h.slice(1), 16)) ?? [];
    let out = "";
    let i = 0;
    while (i < bytes.length) {
      const b = bytes[i];
      if (b < 0x80) {
        const ch = String.fromCharCode(b);
        out += ALWAYS_SAFE.test(ch) ? ch : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
        i += 1;
        continue;
      }
      const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      const seq = bytes.slice(i, i + len);
      const decoded = len > 1 && seq.length === len ? tryUtf8(Uint8Array.from(seq)) : null;
      if (decoded !== null) {
        out += decoded;
        i += len;
      } else {
        out += `%${b.toString(16).toUpperCase()}`;
        i += 1;
      }
    }
    return out;
  });
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

export class RequestData {
  readonly environ: Environ;
  readonly method: string;
  readonly scheme: string;
  /** PATH_INFO after the WSGI decoding dance (no leading-slash normalisation). */
  readonly pathInfo: string;
  readonly scriptRoot: string;
  /** QUERY_STRING as the environ holds it (latin-1 string). */
  readonly queryStringRaw: string;
  readonly host: string;
  readonly remoteAddr: string | null;
  readonly body: Uint8Array;
  readonly #index: ReadonlyMap<string, EnvironValue>;
  #formConsumed = false;
  #form: MultiDict | null = null;
  #files: Array<[string, MultipartFile]> = [];

  constructor(environ: Environ) {
    this.environ = environ;
    this.#index = environIndex(environ);
    const index = this.#index;
    this.method = (environString(index, "REQUEST_METHOD") ?? "GET").toUpperCase();
    this.scheme = environString(index, "wsgi.url_scheme") ?? "http";
    this.pathInfo = wsgiDecode(environString(index, "PATH_INFO") ?? "");
    this.scriptRoot = wsgiDecode(environString(index, "SCRIPT_NAME") ?? "").replace(/\/+$/, "");
    this.queryStringRaw = environString(index, "QUERY_STRING") ?? "";
    this.host = wsgiHost(
      this.scheme,
      environString(index, "HTTP_HOST"),
      environString(index, "SERVER_NAME") ?? "",
      environString(index, "SERVER_PORT") ?? "",
    );
    this.remoteAddr = environString(index, "REMOTE_ADDR") ?? null;
    const input = index.get("wsgi.input");
    const data = input && input.type === "object" && input.data ? input.data : new Uint8Array();
    const length = this.contentLength;
    // Werkzeug 2.2's get_input_stream: with wsgi.input_terminated (Gunicorn sets it) the stream is read to its
    // end; otherwise at most CONTENT_LENGTH bytes, and nothing at all without one. get_content_length also
    // says "none" when HTTP_TRANSFER_ENCODING is exactly "chunked": behind nginx's uwsgi_pass a chunked
    // request arrives with CONTENT_LENGTH set to the body's length *and* the client's header as
    // HTTP_TRANSFER_ENCODING, so Flask reads no body (but does for "Chunked", which is not equal).
    const terminated = index.get("wsgi.input_terminated");
    const readsToEnd = terminated !== undefined && terminated.type === "bool" && terminated.value === true;
    const limit = Math.min(readsToEnd ? data.length : (length ?? 0), data.length, MAX_BODY_BYTES);
    this.body = data.subarray(0, limit);
  }

  /** `request.path`: "/" + decoded PATH_INFO without leading slashes. */
  get path(): string {
    return `/${this.pathInfo.replace(/^\/+/, "")}`;
  }

  /** `request.full_path`: path + "?" + query string (the "?" is there even when the query is empty). */
  get fullPath(): string {
    return `${this.path}?${wsgiDecode(this.queryStringRaw)}`;
  }

  get hostUrl(): string {
    return `${this.scheme}://${this.host}/`;
  }

  get urlRoot(): string {
    return uriToIri(`${this.scheme}://${this.host}${urlQuote(this.scriptRoot)}/`);
  }

  get baseUrl(): string {
    return uriToIri(`${this.scheme}://${this.host}${urlQuote(this.scriptRoot)}/${urlQuote(this.path.replace(/^\/+/, ""))}`);
  }

  get url(): string {
    const query = this.queryStringRaw ? `?${quoteLatin1(this.queryStringRaw, ":&%=+$!*'(),")}` : "";
    return uriToIri(
      `${this.scheme}://${this.host}${urlQuote(this.scriptRoot)}/${urlQuote(this.path.replace(/^\/+/, ""))}${query}`,
    );
  }

  /** `request.query_string` as bytes. */
  get queryStringBytes(): Uint8Array {
    return latin1ToBytes(this.queryStringRaw);
  }

  get args(): MultiDict {
    return new MultiDict(urlDecode(wsgiDecode(this.queryStringRaw)));
  }

  get contentType(): string | null {
    const v = environString(this.#index, "CONTENT_TYPE");
    return v === undefined || v === "" ? null : v;
  }

  get contentLength(): number | null {
    if (environString(this.#index, "HTTP_TRANSFER_ENCODING") === "chunked") return null;
    const v = environString(this.#index, "CONTENT_LENGTH");
    if (v === undefined || !/^\s*\d+\s*$/.test(v)) return null;
    return Math.max(0, Number(v));
  }

  /** `request.mimetype`: the Content-Type without parameters, lower-case ("" when absent). */
  get mimetype(): string {
    return (this.contentType ?? "").split(";")[0].trim().toLowerCase();
  }

  get isJson(): boolean {
    const m = this.mimetype;
    return m === "application/json" || (m.startsWith("application/") && m.endsWith("+json"));
  }

  /** `request.form`: parsed from urlencoded bodies; reading it consumes the stream (data becomes b""). */
  get form(): MultiDict {
    if (this.#form) return this.#form;
    if (this.mimetype === "application/x-www-form-urlencoded") {
      this.#form = new MultiDict(urlDecode(decodeUtf8Replace(this.body)));
      this.#formConsumed = true;
    } else if (this.mimetype === "multipart/form-data") {
      // A malformed body is a ValueError Werkzeug's parser swallows: empty form and files. Either way the stream
      // is consumed.
      const boundary = parseOptionsHeader(this.contentType)[1].get("boundary") ?? "";
      const parsed = parseMultipart(this.body, boundary);
      this.#form = new MultiDict(parsed ? (parsed.fields.filter(([k]) => k !== null) as Array<[string, string]>) : []);
      this.#files = parsed ? (parsed.files.filter(([k]) => k !== null) as Array<[string, MultipartFile]>) : [];
      this.#formConsumed = true;
    } else {
      this.#form = new MultiDict([]);
    }
    return this.#form;
  }

  /** `request.files`: the file parts of a multipart body, in order (name, file). */
  get files(): ReadonlyArray<readonly [string, MultipartFile]> {
    void this.form;
    return this.#files;
  }

  /** `get_data()`: the body bytes; after form parsing of a form body Werkzeug returns b"". */
  getData(): Uint8Array {
    return this.#formConsumed ? new Uint8Array() : this.body;
  }

  /** `get_json(force, silent)`. */
  getJson(force = false, silent = false): JsonOutcome {
    if (!(force || this.isJson)) {
      return silent
        ? { kind: "none" }
        : {
            kind: "bad-request",
            reason:
              "Did not attempt to load JSON data because the request Content-Type was not 'application/json'.",
          };
    }
    const parsed = parsePythonJson(decodeUtf8Replace(this.getData()));
    if (parsed.ok) return { kind: "value", value: parsed.value };
    return silent ? { kind: "none" } : { kind: "bad-request", reason: `Failed to decode JSON object: ${parsed.message}` };
  }

  /** `request.headers` (EnvironHeaders) in environ order, names as Werkzeug titles them. */
  get headers(): HeaderList {
    const out: HeaderList = [];
    for (const [key, value] of this.environ) {
      if (value.type !== "str") continue;
      if (key.startsWith("HTTP_") && key !== "HTTP_CONTENT_TYPE" && key !== "HTTP_CONTENT_LENGTH") {
        out.push([pyTitle(key.slice(5).replace(/_/g, "-")), value.value]);
      } else if ((key === "CONTENT_TYPE" || key === "CONTENT_LENGTH") && value.value) {
        out.push([pyTitle(key.replace(/_/g, "-")), value.value]);
      }
    }
    return out;
  }

  /** `request.headers.get(name)`: case-insensitive, "-" and "_" alike. */
  header(name: string): string | undefined {
    const key = name.toUpperCase().replace(/-/g, "_");
    if (key === "CONTENT_TYPE" || key === "CONTENT_LENGTH") return environString(this.#index, key);
    return environString(this.#index, `HTTP_${key}`);
  }

  get cookies(): MultiDict {
    return new MultiDict(parseCookie(wsgiDecode(environString(this.#index, "HTTP_COOKIE") ?? "")));
  }
}

/** url_quote of a latin-1 environ string (its bytes as they are). */
function quoteLatin1(text: string, safe: string): string {
  const bytes = latin1ToBytes(text);
  // urlQuote encodes UTF-8, so go through a string whose UTF-8 is the same bytes when they are ASCII.
  let out = "";
  for (const b of bytes) {
    out += b < 0x80 ? urlQuote(String.fromCharCode(b), safe) : `%${b.toString(16).toUpperCase()}`;
  }
  return out;
}

/** Cookie header → pairs, in the spirit of werkzeug.http.parse_cookie: `;`-separated, quoted values unquoted. */
export function parseCookie(header: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const piece of header.split(";", 200)) {
    const item = piece.trim();
    if (!item) continue;
    const eq = item.indexOf("=");
    const key = (eq >= 0 ? item.slice(0, eq) : item).trim();
    let value = eq >= 0 ? item.slice(eq + 1).trim() : "";
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      value = value.slice(1, -1).replace(/\\([0-3][0-7]{2}|.)/g, (_, esc: string) =>
        esc.length === 3 ? String.fromCharCode(Number.parseInt(esc, 8)) : esc,
      );
    }
    if (key) pairs.push([key, value]);
  }
  return pairs;
}

export { bytesToLatin1, encodeUtf8 };
