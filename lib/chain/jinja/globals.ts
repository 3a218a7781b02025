/**
 * The globals Jinja2 puts in every environment besides range and dict (jinja2.defaults.DEFAULT_NAMESPACE):
 * namespace() (whose attributes `{% set ns.x = … %}` may assign), cycler() and joiner(). lipsum() is an honest
 * limit (names.ts). Built once and shared by every interpreter, like the exception classes.
 */
import type { PyClass, PyDictObject, PyInstance, PyValue, Runtime } from "../python";
import { dictGet, dictSet, makeClass, pyError } from "../python";

const UTILS = "jinja2.utils";

interface CyclerData {
  items: PyValue[];
  pos: number;
}

let shared: { Namespace: PyClass; Cycler: PyClass; Joiner: PyClass } | undefined;

function classes(): { Namespace: PyClass; Cycler: PyClass; Joiner: PyClass } {
  shared ??= {
    Namespace: makeClass("Namespace", UTILS, {
      construct: (cls, args, kwargs, interp) => {
        const dict = interp.call(interp.builtins.get("dict") ?? null, args, kwargs) as PyDictObject;
        return interp.newInstance(cls, { data: dict });
      },
      getattr: (self, name, interp) => (name.startsWith("__") ? undefined : dictGet(interp, self.data as PyDictObject, name)),
      setitem: (self, key, value, interp) => dictSet(interp, self.data as PyDictObject, key, value),
      repr: (self, interp) => `<Namespace ${interp.repr(self.data as PyDictObject)}>`,
    }),
    Cycler: makeClass("Cycler", UTILS, {
      construct: (cls, args, _kwargs, interp) => {
        if (args.length === 0) throw pyError("RuntimeError", "at least one item has to be provided");
        return interp.newInstance(cls, { data: { items: args, pos: 0 } satisfies CyclerData });
      },
      getattr: (self, name) => {
        const data = self.data as CyclerData;
        if (name === "current") return data.items[data.pos];
        if (name === "pos") return BigInt(data.pos);
        return undefined;
      },
      methods: {
        next: (args) => cyclerNext(args[0] as PyInstance),
        __next__: (args) => cyclerNext(args[0] as PyInstance),
        reset: (args) => {
          ((args[0] as PyInstance).data as CyclerData).pos = 0;
          return null;
        },
      },
    }),
    Joiner: makeClass("Joiner", UTILS, {
      construct: (cls, args, kwargs, interp) => {
        const a = interp.bindArgs("Joiner.__init__", args, kwargs, ["sep"], { sep: ", " });
        return interp.newInstance(cls, { data: { sep: a.sep, used: false } });
      },
      call: (self) => {
        const data = self.data as { sep: PyValue; used: boolean };
        if (!data.used) {
          data.used = true;
          return "";
        }
        return data.sep;
      },
    }),
  };
  return shared;
}

function cyclerNext(self: PyInstance): PyValue {
  const data = self.data as CyclerData;
  const value = data.items[data.pos];
  data.pos = (data.pos + 1) % data.items.length;
  return value;
}

/** namespace, cycler and joiner, as an environment's globals. */
export function jinjaGlobals(): Array<[string, PyValue]> {
  const { Namespace, Cycler, Joiner } = classes();
  return [
    ["cycler", Cycler],
    ["joiner", Joiner],
    ["namespace", Namespace],
  ];
}

/** `{% set ns.attr = value %}`: false when `target` is not a namespace (Jinja2 then raises). */
export function setNamespaceAttr(interp: Runtime, target: PyValue, attr: string, value: PyValue): boolean {
  if (!(target !== null && typeof target === "object" && target.kind === "instance" && target.cls === classes().Namespace)) return false;
  dictSet(interp, target.data as PyDictObject, attr, value);
  return true;
}
