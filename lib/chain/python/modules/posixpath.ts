/**
 * `os.path` (posixpath): the pure string functions config files and apps use to build paths from `__file__`
 * (join, split, basename, dirname, splitext, normpath, abspath, isabs). The model has no file system to ask, so
 * exists/isfile/isdir and os.makedirs are not offered (the load check names them).
 */
import { pyError } from "../classes";
import type { PyModule, PyValue, Runtime } from "../values";
import { pyBuiltin, pyModule, pyTuple, strOf } from "../values";

function text(interp: Runtime, fn: string, v: PyValue): string {
  const s = strOf(v);
  if (s === undefined) throw pyError("TypeError", `expected str, bytes or os.PathLike object, not ${interp.typeName(v)}`);
  void fn;
  return s;
}

export function join(a: string, ...parts: string[]): string {
  let path = a;
  for (const b of parts) {
    if (b.startsWith("/")) path = b;
    else if (!path || path.endsWith("/")) path += b;
    else path += "/" + b;
  }
  return path;
}

export function split(p: string): [string, string] {
  const i = p.lastIndexOf("/") + 1;
  let head = p.slice(0, i);
  const tail = p.slice(i);
  if (head && head !== "/".repeat(head.length)) head = head.replace(/\/+$/, "");
  return [head, tail];
}

export function splitext(p: string): [string, string] {
  const sep = p.lastIndexOf("/");
  const dot = p.lastIndexOf(".");
  if (dot > sep) {
    for (let i = sep + 1; i < dot; i++) if (p[i] !== ".") return [p.slice(0, dot), p.slice(dot)];
  }
  return [p, ""];
}

export function normpath(path: string): string {
  if (path === "") return ".";
  const initial = path.startsWith("/") ? (path.startsWith("//") && !path.startsWith("///") ? 2 : 1) : 0;
  const out: string[] = [];
  for (const comp of path.split("/")) {
    if (comp === "" || comp === ".") continue;
    if (comp !== ".." || (!initial && !out.length) || (out.length && out[out.length - 1] === "..")) out.push(comp);
    else if (out.length) out.pop();
  }
  const joined = "/".repeat(initial) + out.join("/");
  return joined || ".";
}

export function pathModule(interp: Runtime): PyModule {
  /** The worker's current directory: Gunicorn and uWSGI run in the app's folder (PWD in the model's environment). */
  const cwd = () => interp.environment.PWD ?? "/";
  const one = (name: string, fn: (s: string) => PyValue) => pyBuiltin(name, (args) => {
    if (args.length !== 1) throw pyError("TypeError", `${name}() takes 1 positional argument but ${args.length} were given`);
    return fn(text(interp, name, args[0]));
  });
  return pyModule("posixpath", {
    sep: "/",
    join: pyBuiltin("join", (args) => {
      if (!args.length) throw pyError("TypeError", "join() missing 1 required positional argument: 'a'");
      const [a, ...rest] = args.map((v) => text(interp, "join", v));
      return join(a, ...rest);
    }),
    split: one("split", (s) => pyTuple(split(s))),
    basename: one("basename", (s) => split(s)[1]),
    dirname: one("dirname", (s) => split(s)[0]),
    splitext: one("splitext", (s) => pyTuple(splitext(s))),
    normpath: one("normpath", normpath),
    isabs: one("isabs", (s) => s.startsWith("/")),
    abspath: one("abspath", (s) => normpath(s.startsWith("/") ? s : join(cwd(), s))),
  });
}
