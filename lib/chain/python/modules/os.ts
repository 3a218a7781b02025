/** `os`: the environment (os.environ mapping, os.getenv), os.path's string functions and a few constants. */
import { makeClass, pyError } from "../classes";
import { keyError } from "../items";
import { strRepr, typeName } from "../objects";
import type { PyInstance, PyModule, PyValue, Runtime } from "../values";
import { pyBuiltin, pyList, pyModule, pyTuple, strOf } from "../values";
import { pathModule } from "./posixpath";

function env(self: PyInstance): Map<string, string> {
  return self.data as Map<string, string>;
}

function keyOf(v: PyValue): string {
  const s = strOf(v);
  if (s === undefined) throw pyError("TypeError", `str expected, not ${typeName(v)}`);
  return s;
}

const environClass = makeClass("_Environ", "os", {
  getitem(self, key) {
    const v = env(self).get(keyOf(key));
    if (v === undefined) {
      // CPython raises it from os.py's _Environ.__getitem__ (frozen module): that frame shows in tracebacks.
      const err = keyError(key);
      err.exception.exception!.traceback.push({ filename: "<frozen os>", line: 679, name: "__getitem__" });
      throw err;
    }
    return v;
  },
  setitem(self, key, value) {
    env(self).set(keyOf(key), keyOf(value));
  },
  contains: (self, item) => strOf(item) !== undefined && env(self).has(strOf(item)!),
  len: (self) => env(self).size,
  iter: (self) => env(self).keys(),
  repr: (self) => `environ({${[...env(self)].map(([k, v]) => `${strRepr(k)}: ${strRepr(v)}`).join(", ")}})`,
  methods: {
    get(args) {
      if (args.length < 2 || args.length > 3) throw pyError("TypeError", `get() takes from 2 to 3 positional arguments but ${args.length} were given`);
      const v = env(args[0] as PyInstance).get(keyOf(args[1]));
      return v === undefined ? (args[2] ?? null) : v;
    },
    keys: (args) => pyList([...env(args[0] as PyInstance).keys()]),
    values: (args) => pyList([...env(args[0] as PyInstance).values()]),
    items: (args) => pyList([...env(args[0] as PyInstance)].map(([k, v]) => pyTuple([k, v]))),
    copy: (args, _kw, interp) => interp.newDict([...env(args[0] as PyInstance)]),
    setdefault(args) {
      const m = env(args[0] as PyInstance);
      const k = keyOf(args[1]);
      if (!m.has(k)) m.set(k, keyOf(args[2] ?? ""));
      return m.get(k)!;
    },
  },
});

export function osModule(interp: Runtime): PyModule {
  const environ: PyInstance = { kind: "instance", cls: environClass, attrs: new Map(), data: new Map(Object.entries(interp.environment)) };
  return pyModule("os", {
    environ,
    path: pathModule(interp),
    name: "posix",
    sep: "/",
    linesep: "\n",
    getenv: pyBuiltin("getenv", (args, kwargs) => {
      const key = args[0] ?? kwargs.get("key");
      if (key === undefined) throw pyError("TypeError", "getenv() missing 1 required positional argument: 'key'");
      const def = args[1] ?? kwargs.get("default") ?? null;
      const v = env(environ).get(keyOf(key));
      return v === undefined ? def : v;
    }),
    getpid: pyBuiltin("getpid", () => 4242n),
    cpu_count: pyBuiltin("cpu_count", () => 2n),
  });
}
