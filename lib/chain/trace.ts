/**
 * The one trace vocabulary of the embedded chain.
 *
 * Every component (nginx, the WSGI gateway, the Flask app) reports what it received, what it decided and why,
 * what it sent on and which log lines it wrote, as steps of this union. The API route returns the steps as they
 * are, and the UI draws only this: nothing about a request is known to the diagram that is not in the trace.
 *
 * `at` is virtual time in milliseconds since the client sent the request (see clock.ts): nothing really sleeps.
 */

/** A node of the diagram. `static` is nginx's file system beside nginx; `gateway` is Gunicorn or uWSGI. */
export type Hop = "browser" | "nginx" | "static" | "gateway" | "app";

export type GatewayKind = "gunicorn" | "uwsgi";

/** A header list keeps order and duplicates, as on the wire. */
export type HeaderList = Array<[name: string, value: string]>;

/** An HTTP message as it passes along an edge: the exact text (latin-1 decoded bytes) and its parsed parts. */
export interface HttpMessageView {
  /** Request line or status line, e.g. `GET /hello HTTP/1.0` or `HTTP/1.1 404 Not Found`. */
  startLine: string;
  headers: HeaderList;
  /** Body as UTF-8 text when it decodes cleanly, else undefined and `bodyBase64` is set. */
  body?: string;
  bodyBase64?: string;
  bodyLength: number;
  /** A body sent with `Content-Encoding: gzip`: what it holds once decompressed (same fields as above). */
  decoded?: { encoding: "gzip"; body?: string; bodyBase64?: string; bodyLength: number };
}

/** One value of a WSGI environ, typed as Python would show it. */
export type EnvironValue =
  | { type: "str"; value: string }
  | { type: "bool"; value: boolean }
  | { type: "int"; value: number }
  | { type: "tuple"; value: Array<number | string> }
  /**
   * A file-like or other object; `repr` is what Python's repr() would print, `data` the bytes it yields (or holds,
   * for `builtins.bytes`). `className` is its class as `module.qualname` (`gunicorn.http.body.Body`); `isClass`
   * when the value is that class itself (Gunicorn's wsgi.file_wrapper).
   */
  | { type: "object"; repr: string; data?: Uint8Array; className?: string; isClass?: boolean };

/** The environ in the order the gateway builds it. */
export type Environ = Array<[key: string, value: EnvironValue]>;

export type LogStream =
  | "nginx-access"
  | "nginx-error"
  | "gateway-access"
  | "gateway-error"
  /** print() and anything else the app writes to stdout/stderr (a Gunicorn worker's stdout goes to its log). */
  | "app-stdout"
  | "app-stderr";

/** One test of a decision, in the order the component really makes it (e.g. nginx's `test location: "/static/"`). */
export interface DecisionTest {
  /** What was tested, e.g. `location = /health` or `rule /user/<int:id>`. */
  subject: string;
  matched: boolean;
  /** Short Korean explanation of why it matched or not. */
  note?: string;
}

export type DecisionTopic =
  | "server" // which server block
  | "location" // which location block
  | "rewrite"
  | "static" // which file nginx tried (try_files, index, root/alias mapping)
  | "limit" // client_max_body_size and similar checks
  | "upstream" // where nginx sends the request
  | "worker" // which gateway worker takes it, or why it waits
  | "route" // which Flask rule matched
  | "view" // which view ran and what it returned
  | "error"; // how an error is turned into a response

export type FaultKind =
  | "connect-failed" // socket missing / connection refused
  | "upstream-timeout" // proxy_read_timeout / uwsgi_read_timeout
  | "worker-timeout" // Gunicorn's --timeout killing a worker
  | "harakiri" // uWSGI harakiri
  | "app-exception" // an unhandled exception in the view
  | "app-load-failed" // app.py could not be loaded: the worker cannot boot
  | "step-budget"; // the interpreter's step budget ran out: treated as a hung worker

interface StepBase {
  /** Virtual time in ms since the browser sent the request. */
  at: number;
  /** The component that acts in this step. */
  component: Hop;
}

export type TraceStep =
  /** An HTTP request travelling from `component` to `to` (browser→nginx, nginx→gateway for proxy_pass). */
  | (StepBase & { kind: "http-request"; to: Hop; message: HttpMessageView; raw: string })
  /** An HTTP response travelling from `component` back to `to`. */
  | (StepBase & { kind: "http-response"; to: Hop; message: HttpMessageView; raw: string })
  /** nginx → uWSGI over the uwsgi protocol: the packet's variables in order, then the body. */
  | (StepBase & { kind: "uwsgi-request"; to: "gateway"; params: HeaderList; bodyLength: number; body?: string })
  /** The gateway calls the WSGI application with this environ. */
  | (StepBase & { kind: "wsgi-call"; to: "app"; environ: Environ })
  /** The application called start_response and returned its body. */
  | (StepBase & { kind: "wsgi-return"; to: "gateway"; status: string; headers: HeaderList; bodyLength: number; body?: string })
  /** nginx reads a static file from the scenario's virtual disk. */
  | (StepBase & { kind: "file-read"; to: "static"; path: string; found: boolean; size?: number })
  /** A decision and the tests that led to it, in order. `outcome` is short; `explain` is Korean prose. */
  | (StepBase & { kind: "decision"; topic: DecisionTopic; tests: DecisionTest[]; outcome: string; explain: string })
  /** A log line as the component writes it (nginx access/error log, Gunicorn/uWSGI log, print output). */
  | (StepBase & { kind: "log"; stream: LogStream; line: string })
  /** Something went wrong on the way: the Korean `explain` says what a student should learn from it. */
  | (StepBase & {
      kind: "fault";
      fault: FaultKind;
      explain: string;
      /**
       * The node `component` tried to reach and never did (a connect() that failed): the diagram draws that hop as
       * failed and leaves the node unvisited. Absent when the fault happened where `component` is.
       */
      target?: Hop;
      /** The failed system call as the component logs it, e.g. `connect() to unix:/run/gunicorn.sock failed (2: No such file or directory)`. */
      error?: string;
    })
  /** Virtual time passes while `component` waits (a slow view, a queue behind a busy worker). */
  | (StepBase & { kind: "wait"; until: number; reason: string });

export type TraceStepKind = TraceStep["kind"];

/** The whole trace of one request through the chain. */
export interface Trace {
  scenario: string;
  gateway: GatewayKind;
  steps: TraceStep[];
  /** Virtual ms from the browser's send to the browser receiving the last byte. */
  totalMs: number;
}
