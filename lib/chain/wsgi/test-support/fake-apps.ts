/**
 * Small TypeScript WSGI applications standing in for Flask in the gateway tests. Each behaves like a tiny
 * Python WSGI callable would: it reads the environ it is given and returns an AppOutcome.
 */
import type { AppLoadResult, AppOutcome, AppOutput, WsgiApplication } from "../../contracts";
import type { Environ, HeaderList } from "../../trace";

const encoder = new TextEncoder();

export function environGet(environ: Environ, key: string): string | undefined {
  for (const [k, v] of environ) if (k === key && v.type === "str") return v.value;
  return undefined;
}

/** An app from a function; `calls` records every environ it received. */
export function fakeApp(handle: (environ: Environ) => AppOutcome): WsgiApplication & { calls: Environ[] } {
  const calls: Environ[] = [];
  return {
    calls,
    call(environ) {
      calls.push(environ);
      return handle(environ);
    },
  };
}

export function respond(
  status: string,
  headers: HeaderList,
  body: string | Uint8Array,
  duration = 0,
  output: AppOutput[] = [],
): AppOutcome {
  const bytes = typeof body === "string" ? encoder.encode(body) : body;
  return { kind: "response", status, headers, body: bytes, duration, output };
}

/** Flask's `return "<h1>Hello</h1>"`: text/html with Content-Length. */
export function helloApp(duration = 2) {
  return fakeApp(() => {
    const body = "<h1>안녕하세요, hello_cju!</h1>\n";
    return respond(
      "200 OK",
      [
        ["Content-Type", "text/html; charset=utf-8"],
        ["Content-Length", String(encoder.encode(body).length)],
      ],
      body,
      duration,
    );
  });
}

/** Echoes the environ as `KEY=value` lines (str values) so a test can see what the app saw. */
export function environEchoApp() {
  return fakeApp((environ) => {
    const lines = environ.map(([k, v]) => `${k}=${v.type === "str" ? v.value : v.type === "object" ? v.repr : JSON.stringify(v.value)}`);
    const body = lines.join("\n") + "\n";
    return respond("200 OK", [["Content-Type", "text/plain"], ["Content-Length", String(encoder.encode(body).length)]], body, 1);
  });
}

/** A view that sleeps: by default 40 s, longer than Gunicorn's and uWSGI's usual 30 s timeouts. */
export function slowApp(duration = 40000) {
  return fakeApp(() =>
    respond("200 OK", [["Content-Type", "text/plain"], ["Content-Length", "5"]], "done\n", duration, [
      { offset: 0, stream: "stdout", text: "slow view started\n" },
    ]),
  );
}

/** A view that never returns (an endless loop: the interpreter's step budget runs out). */
export function hungApp() {
  return fakeApp(() => ({ kind: "hung", after: 5, reason: "step-budget", output: [{ offset: 1, stream: "stdout", text: "looping...\n" }] }));
}

export const SAMPLE_TRACEBACK =
  'Traceback (most recent call last):\n  File "/srv/hello_cju/app.py", line 7, in app\n    raise ValueError(\'boom\')\nValueError: boom\n';

/** A WSGI callable that raises before start_response. */
export function raisingApp() {
  return fakeApp(() => ({ kind: "exception", duration: 3, traceback: SAMPLE_TRACEBACK, output: [] }));
}

export function loaded(app: WsgiApplication, output: AppOutput[] = []): AppLoadResult {
  return { ok: true, app, output };
}

export const IMPORT_TRACEBACK =
  'Traceback (most recent call last):\n  File "/srv/hello_cju/app.py", line 1, in <module>\n    import nonexistent_mod\nModuleNotFoundError: No module named \'nonexistent_mod\'\n';

export function failedLoad(): AppLoadResult {
  return {
    ok: false,
    error: {
      file: "/srv/hello_cju/app.py",
      path: "app.py",
      line: 1,
      message: "ModuleNotFoundError: No module named 'nonexistent_mod'",
      messageKo: "nonexistent_mod 모듈을 찾을 수 없습니다.",
    },
    traceback: IMPORT_TRACEBACK,
    output: [],
  };
}
