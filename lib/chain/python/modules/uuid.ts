/**
 * `uuid`: the UUID class (also what Flask's `<uuid:...>` converter makes) and uuid4(). The real uuid4 reads
 * os.urandom; here its 128 bits come from the run's `random` generator, so `random.seed(n)` makes them repeatable.
 */
import { makeClass } from "../machine";
import { pyError } from "../classes";
import type { PyClass, PyModule, PyValue, Runtime } from "../values";
import { isInstance, pyBuiltin, pyModule, strOf } from "../values";

let uuidClass: PyClass | undefined;

const text = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
const hexOf = (n: bigint) => n.toString(16).padStart(32, "0");

/** uuid.UUID: one class for every interpreter (it holds no per-run state); instances keep the canonical text. */
export function uuidClassShared(): PyClass {
  uuidClass ??= makeClass("UUID", "uuid", {
    construct: (cls, args, kwargs, interp) => {
      const a = interp.bindArgs("UUID", args, kwargs, ["hex", "bytes", "bytes_le", "fields", "int", "version"], {
        hex: null, bytes: null, bytes_le: null, fields: null, int: null, version: null,
      });
      let n: bigint;
      if (a.hex !== null) {
        const hex = (strOf(a.hex) ?? interp.str(a.hex)).replace(/^urn:/, "").replace(/^uuid:/, "").replace(/^\{|\}$/g, "").replace(/-/g, "");
        if (!/^[0-9a-fA-F]{32}$/.test(hex)) {
          const raised = pyError("ValueError", "badly formed hexadecimal UUID string");
          raised.exception.exception?.traceback.push({
            filename: "/usr/lib/python3.11/uuid.py",
            line: 178,
            name: "__init__",
            source: "raise ValueError('badly formed hexadecimal UUID string')",
          });
          throw raised;
        }
        n = BigInt(`0x${hex}`);
      } else if (typeof a.int === "bigint") {
        if (a.int < 0n || a.int >= 1n << 128n) throw pyError("ValueError", "int is out of range (need a 128-bit value)");
        n = a.int;
      } else if (a.bytes !== null && typeof a.bytes === "object" && a.bytes.kind === "bytes") {
        if (a.bytes.data.length !== 16) throw pyError("ValueError", "bytes is not a 16-char string");
        n = BigInt(`0x${Array.from(a.bytes.data, (b) => b.toString(16).padStart(2, "0")).join("")}`);
      } else throw pyError("TypeError", "one of the hex, bytes, bytes_le, fields, or int arguments must be given");
      if (typeof a.version === "bigint") n = withVersion(n, a.version);
      return interp.newInstance(cls, { data: text(hexOf(n)) });
    },
    str: (s) => s.data as string,
    repr: (s) => `UUID('${s.data as string}')`,
    eq: (s, other) => (isInstance(other) && other.cls === s.cls ? other.data === s.data : false),
    hashKey: (s) => `uuid:${s.data as string}`,
    getattr: (s, attr) => {
      const t = s.data as string;
      if (attr === "hex") return t.replace(/-/g, "");
      if (attr === "int") return BigInt(`0x${t.replace(/-/g, "")}`);
      if (attr === "version") {
        // Only RFC 4122 UUIDs have a version (the variant bits are 10).
        const n = BigInt(`0x${t.replace(/-/g, "")}`);
        return ((n >> 62n) & 3n) === 2n ? (n >> 76n) & 0xfn : null;
      }
      if (attr === "urn") return `urn:uuid:${t}`;
      return undefined;
    },
  });
  return uuidClass;
}

/** Set the RFC 4122 variant and the version, as UUID(int=..., version=...) does. */
function withVersion(n: bigint, version: bigint): bigint {
  if (version < 1n || version > 5n) throw pyError("ValueError", "illegal version number");
  n &= ~(0xc000n << 48n);
  n |= 0x8000n << 48n;
  n &= ~(0xf000n << 64n);
  return n | (version << 76n);
}

export function uuidModule(interp: Runtime): PyModule {
  const UUID = uuidClassShared();
  const random = interp.importModule("random");
  return pyModule("uuid", {
    UUID,
    uuid4: pyBuiltin("uuid4", (args) => {
      if (args.length > 0) throw pyError("TypeError", `uuid4() takes 0 positional arguments but ${args.length} were given`);
      const bits = interp.call(random.attrs.get("getrandbits") as PyValue, [128n]) as bigint;
      return interp.newInstance(UUID, { data: text(hexOf(withVersion(bits, 4n))) });
    }),
  });
}
