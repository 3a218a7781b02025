/**
 * The seams between the chain's parts. Each part (nginx/, wsgi/, python/ + flask/) implements one side of a seam
 * declared here, so the parts can be built and tested apart and joined in run.ts.
 *
 *   browser ──HTTP──▶ nginx ──(HTTP/1.0 | uwsgi packet)──▶ gateway ──environ──▶ WSGI app (Flask on our Python)
 */
import type { Environ, HeaderList, TraceStep } from "./trace";

/** A scenario's files by path relative to the scenario folder (`nginx.conf`, `app.py`, `static/style.css`). */
export type ScenarioFiles = ReadonlyMap<string, Uint8Array>;

/** What `scenario.json` declares. */
export interface ScenarioManifest {
  title: string;
  summary: string;
  defaultGateway: "gunicorn" | "uwsgi";
  gateways: Partial<Record<"gunicorn" | "uwsgi", { nginx: string; config: string }>>;
  /** os.environ seen by app.py. */
  environment?: Record<string, string>;
}

/** Where the student's config says to connect. */
export type SocketAddress = { kind: "unix"; path: string } | { kind: "tcp"; host: string; port: number };

/** A config error as the real program reports it, plus a Korean sentence for the student. */
export interface ConfigError {
  /** File as the program names it, e.g. `/etc/nginx/sites-enabled/hello_cju` or `app.py`. */
  file: string;
  /** Scenario-relative path of the file the student edits, e.g. `nginx.conf`. */
  path: string;
  line: number;
  /** The program's own words, e.g. `unknown directive "foo" in /etc/nginx/sites-enabled/hello_cju:12`. */
  message: string;
  /** The same in Korean for the student, without the file and line: `path` and `line` carry them. */
  messageKo: string;
}

/** What nginx hands the gateway. `raw` is the exact bytes nginx writes to the upstream socket. */
export type UpstreamRequest =
  | { protocol: "http"; address: SocketAddress; raw: Uint8Array }
  | { protocol: "uwsgi"; address: SocketAddress; params: HeaderList; body: Uint8Array };

/** What nginx gets back, on the virtual clock. */
export type UpstreamResult =
  /** connect() failed: errno 2 (No such file or directory) for a missing unix socket, 111 (Connection refused)… */
  | { kind: "connect-failed"; errno: number; reason: string; at: number }
  /** The full response bytes; `headerAt` is when the status line arrived, `doneAt` when the connection closed. */
  | { kind: "response"; raw: Uint8Array; headerAt: number; doneAt: number }
  /** The gateway closed the connection without a (complete) response, e.g. a worker killed by its timeout. */
  | { kind: "closed"; at: number; bytesSent: number; raw?: Uint8Array }
  /** Nothing will ever come back (a hung worker with no timeout of its own). nginx's read timeout decides. */
  | { kind: "silent" };

/** What nginx tells the gateway about the connection besides the request. */
export interface SendOptions {
  /**
   * Virtual time at which nginx closes the connection if no response header has arrived (its read timeout). A
   * gateway that answers later writes to a closed socket, which changes what it logs.
   */
  readDeadline?: number;
}

/** The gateway side of the nginx seam. `sentAt` is the virtual time nginx finished writing the request. */
export interface Upstream {
  /** Socket address the gateway listens on, as its config says (for the 502-on-mismatch rule). */
  readonly address: SocketAddress | null;
  send(request: UpstreamRequest, sentAt: number, trace: TraceStep[], options?: SendOptions): UpstreamResult;
}

/** Output written by the app while it ran; `offset` is virtual ms since the call started. */
export interface AppOutput {
  offset: number;
  stream: "stdout" | "stderr";
  text: string;
}

/**
 * How one WSGI call ended. `steps` (when the app can tell) is the interpreter steps the call used: the load model
 * turns them into CPU time (lib/chain/load/README.md); a single request's timing ignores them.
 */
export type AppOutcome = AppOutcomeKind & { steps?: number };

type AppOutcomeKind =
  /** start_response was called and the body iterable was consumed. `duration` is virtual ms (sleeps, work). */
  | { kind: "response"; status: string; headers: HeaderList; body: Uint8Array; duration: number; output: AppOutput[] }
  /** The call never returns: a step budget ran out or a sleep has no end. `after` is virtual ms before it hung. */
  | { kind: "hung"; after: number; reason: "step-budget" | "memory"; output: AppOutput[] }
  /** An exception escaped the WSGI callable itself (Flask catches view errors, so this is rare). */
  | { kind: "exception"; duration: number; traceback: string; output: AppOutput[] };

export interface AppCallContext {
  /** Virtual time at which the gateway calls the app (for log timestamps). */
  startAt: number;
  /** Wall-clock epoch ms that virtual time 0 corresponds to. */
  epochMs: number;
}

/** A loaded WSGI application: the gateway calls it with the environ it built. */
export interface WsgiApplication {
  call(environ: Environ, context: AppCallContext): AppOutcome;
}

/**
 * A module-level `app.run(...)`: the import started Werkzeug's development server at `line` and never returned.
 * What that does to a worker depends on the gateway (lib/chain/wsgi).
 */
export interface DevServerStart {
  line: number;
  /** The app's import name (`Serving Flask app '…'`). */
  appName: string;
  host: string;
  port: number;
  debug: boolean;
}

/** Loading `module:callable` from the scenario (import-time errors mean the worker cannot boot). */
export type AppLoadResult =
  | { ok: true; app: WsgiApplication; output: AppOutput[] }
  | { ok: false; error: ConfigError; traceback: string; output: AppOutput[]; devServer?: DevServerStart };

export interface AppLoader {
  load(files: ScenarioFiles, module: string, callable: string, environment: Record<string, string>): AppLoadResult;
}
