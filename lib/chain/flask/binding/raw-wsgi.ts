/**
 * A plain WSGI callable (`def app(environ, start_response): ...`) instead of a Flask app: PEP 3333 as Gunicorn
 * runs it. The body must be an iterable of bytes; anything else is an error Gunicorn reports.
 */
import type { Interpreter, PyInstance, PyValue } from "../../python";
import { dictSet, pyBuiltin, pyBytes, pyError, strOf } from "../../python";
import type { AppCallContext, AppOutcome, AppOutput } from "../../contracts";
import type { Environ, HeaderList } from "../../trace";
import { decodeUtf8Replace } from "../urls";
import { environObject, environToDict } from "./convert";

interface InputStream {
  data: Uint8Array;
  pos: number;
}

/** Classes for wsgi.input (read/readline) and wsgi.errors (write), created once per interpreter. */
function streamClasses(interp: Interpreter) {
  const input = interp.makeClass("Body", "gunicorn.http.body", {
    repr: (self) => (self.attrs.get("__repr") as string) ?? "<gunicorn.http.body.Body object>",
    methods: {
      read: (args, kwargs) => {
        const a = interp.bindArgs("read", args.slice(1), kwargs, ["size"], { size: null });
        const s = (args[0] as PyInstance).data as InputStream;
        const size = typeof a.size === "bigint" && a.size >= 0n ? Number(a.size) : s.data.length;
        const chunk = s.data.subarray(s.pos, Math.min(s.data.length, s.pos + size));
        s.pos += chunk.length;
        return pyBytes(chunk);
      },
      readline: (args) => {
        const s = (args[0] as PyInstance).data as InputStream;
        let end = s.data.indexOf(10, s.pos);
        end = end < 0 ? s.data.length : end + 1;
        const chunk = s.data.subarray(s.pos, end);
        s.pos = end;
        return pyBytes(chunk);
      },
    },
  });
  const errors = interp.makeClass("WSGIErrorsWrapper", "gunicorn.http.wsgi", {
    methods: {
      write: (args) => {
        const text = strOf(args[1] ?? "") ?? interp.str(args[1] ?? "");
        interp.write("stderr", text);
        return BigInt(text.length);
      },
      flush: () => null,
    },
  });
  return { input, errors };
}

const cache = new WeakMap<Interpreter, ReturnType<typeof streamClasses>>();

export function callRawWsgi(interp: Interpreter, fn: PyValue, environ: Environ, context: AppCallContext): AppOutcome {
  void context;
  interp.drainOutput();
  const start = interp.virtualMs;
  let classes = cache.get(interp);
  if (!classes) {
    classes = streamClasses(interp);
    cache.set(interp, classes);
  }
  const { input, errors } = classes;
  // wsgi.input and wsgi.errors are replaced below by objects that work; the rest only show their class and repr.
  const env = environToDict(interp, environ, (v) => environObject(interp, v));
  // wsgi.input gets the body; wsgi.errors writes to stderr.
  for (const [key, value] of environ) {
    if (key === "wsgi.input" && value.type === "object") {
      const inst = interp.newInstance(input, { data: { data: value.data ?? new Uint8Array(), pos: 0 } satisfies InputStream });
      inst.attrs.set("__repr", value.repr);
      if (env !== null && typeof env === "object" && env.kind === "dict") dictSet(interp, env, key, inst);
    } else if (key === "wsgi.errors" && env !== null && typeof env === "object" && env.kind === "dict") {
      dictSet(interp, env, key, interp.newInstance(errors));
    }
  }
  let status: string | null = null;
  let headers: HeaderList = [];
  const startResponse = pyBuiltin("start_response", (args, kwargs) => {
    const a = interp.bindArgs("start_response", args, kwargs, ["status", "headers", "exc_info"], { exc_info: null });
    const s = strOf(a.status);
    if (s === undefined) throw pyError("AssertionError", `Status must be a string`);
    const list: HeaderList = [];
    for (const item of interp.iterate(a.headers)) {
      const pair = interp.iterate(item);
      const [k, v] = [strOf(pair[0] ?? null), strOf(pair[1] ?? null)];
      if (pair.length !== 2 || k === undefined || v === undefined) throw pyError("TypeError", `${interp.repr(item)} is not a string`);
      list.push([k, v]);
    }
    status = s;
    headers = list;
    return pyBuiltin("write", () => null);
  });
  const output = (): AppOutput[] => interp.drainOutput().map((o) => ({ offset: Math.max(0, o.at - start), stream: o.stream, text: o.text }));
  const result = interp.callFunction(fn, [env, startResponse]);
  if (result.kind === "step-budget") return { kind: "hung", after: interp.virtualMs - start, reason: "step-budget", output: output() };
  if (result.kind === "internal-error") {
    return { kind: "exception", duration: interp.virtualMs - start, traceback: `${result.message}\n`, output: output() };
  }
  if (result.kind === "exception") return { kind: "exception", duration: interp.virtualMs - start, traceback: result.traceback, output: output() };
  const chunks: Uint8Array[] = [];
  const iterated = interp.callFunction(
    pyBuiltin("iterate", () => {
      for (const item of interp.iterate(result.value)) {
        if (item === null || typeof item !== "object" || item.kind !== "bytes") {
          throw pyError("AssertionError", `${interp.repr(item)} is not a byte`);
        }
        chunks.push(item.data);
      }
      return null;
    }),
  );
  if (iterated.kind === "exception") {
    return { kind: "exception", duration: interp.virtualMs - start, traceback: iterated.traceback, output: output() };
  }
  if (iterated.kind !== "ok") return { kind: "hung", after: interp.virtualMs - start, reason: "step-budget", output: output() };
  if (status === null) {
    return { kind: "exception", duration: interp.virtualMs - start, traceback: "AssertionError: Response headers not set!\n", output: output() };
  }
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const body = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.length;
  }
  return { kind: "response", status, headers, body, duration: interp.virtualMs - start, output: output() };
}

export { decodeUtf8Replace };
