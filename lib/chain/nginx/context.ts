/** The state of one request while nginx works on it (the model's ngx_http_request_t). */
import type { BrowserFlags } from "./user-agent";
import type { TraceStep } from "../trace";
import type { Upstream } from "../contracts";
import type { ParsedRequest } from "../http/parse-request";
import type { HttpConf, LocationConf, ServerConf } from "./conf";
import type { VirtualFs } from "./vfs";
import type { LocationSettings } from "./settings";

export interface RequestContext {
  http: HttpConf;
  req: ParsedRequest;
  client: { address: string; port: number };
  local: { address: string; port: number };
  fs: VirtualFs;
  upstreams: Upstream[];
  epochMs: number;
  trace: TraceStep[];
  /** Virtual time now (ms). */
  now: number;
  /** When the request arrived (for $request_time). */
  startAt: number;
  /** Connection number in the error log (`*1`). */
  connection: number;

  server: ServerConf;
  location: LocationConf | null;
  /** `$uri`: decoded, normalised; changes with rewrite / try_files / internal redirects. */
  uri: string;
  /** `$args`. */
  args: string;
  hasArgs: boolean;
  /** Did a rewrite or internal redirect change $uri (proxy_pass then sends the normalised URI)? */
  uriChanged: boolean;
  /** Variables made by `set`. */
  userVars: Map<string, string>;
  /** The request went through an internal redirect, rewrite, try_files fallback or error_page (`internal`). */
  internal: boolean;
  /** Captures of the last regex match ($1…$9) and named captures. */
  captures: Array<string | undefined>;
  namedCaptures: Record<string, string | undefined>;
  /** NGX_HTTP_MAX_URI_CHANGES + 1. */
  uriChanges: number;
  /** An error_page redirect already happened (recursive_error_pages off). */
  errorPageDone: boolean;
  /** Status an error_page redirect imposes on its target's answer (null: `=` keeps the target's own). */
  errorOverride?: number | null;
  /** Set once a response status is known; used by $status in logs. */
  status: number;
  bodyBytesSent: number;
  /** Whether the response may keep the connection open (the request asked for it and no error forbids it). */
  keepAlive: boolean;
  /** When the response head left nginx, if earlier than the end (a proxied head is sent on arrival). */
  headSentAt?: number;
  /** The method handlers see: error_page redirects turn it into GET (the log keeps the original). */
  method: string;
  /** nginx's HEAD: no body. */
  headOnly: boolean;
  /** What nginx noted about the browser while reading User-Agent (msie_padding, keepalive_disable, gzip_disable). */
  browser: BrowserFlags;
}

/** The settings of the location the request is in (or of its server before, or without, a location). */
export function settingsOf(ctx: RequestContext): LocationSettings {
  return (ctx.location ?? ctx.server).settings;
}
