/**
 * `flask.session` (SecureCookieSession / NullSession behind a proxy), `flask.g`, `flash` and
 * `get_flashed_messages`, as Flask 2.2.2 runs them: the session is opened from the request's cookie before
 * before_request functions and saved into the response after the after_request functions (session-store.ts).
 */
import type { Kwargs, NativeFn, PyClass, PyDictObject, PyInstance, PyValue, Runtime, TracebackEntry } from "../../python";
import { dictDelete, dictGet, dictItems, dictSet, pyBuiltin, pyError, pyList, pyTuple } from "../../python";
import type { FlaskHost, RequestState } from "./host";
import { currentRequest } from "./request-object";

/** The session of one request (RequestState.session). */
export interface SessionData {
  dict: PyDictObject;
  accessed: boolean;
  modified: boolean;
  /** NullSession: no SECRET_KEY; reads work, writes raise RuntimeError, it is never saved. */
  isNull: boolean;
}

/** What sessions add to a request's state. */
export interface SessionRequestState {
  session?: SessionData;
  g?: PyInstance;
  /** request_ctx.flashes: null until get_flashed_messages() first pops them. */
  flashes?: PyValue[] | null;
}

const SESSIONS_PY = "/usr/lib/python3/dist-packages/flask/sessions.py";
const HELPERS_PY = "/usr/lib/python3/dist-packages/flask/helpers.py";
const FAIL_FRAME: TracebackEntry = { filename: SESSIONS_PY, line: 98, name: "_fail", source: "raise RuntimeError(" };
const FLASH_SET_FRAME = {
  filename: HELPERS_PY,
  line: 361,
  name: "flash",
  source: 'session["_flashes"] = flashes',
  colStart: 0,
  colEnd: 19,
  anchorStart: 7,
  anchorEnd: -1,
} as TracebackEntry;

const NO_SECRET_KEY =
  "The session is unavailable because no secret key was set.  Set the secret_key on the application to something unique and secret.";

function sessionState(host: FlaskHost): SessionData {
  const state = currentRequest(host) as RequestState & SessionRequestState;
  state.session ??= { dict: host.interp.newDict(), accessed: false, modified: false, isNull: true };
  return state.session;
}

function fail(extra: TracebackEntry[] = []): never {
  const raised = pyError("RuntimeError", NO_SECRET_KEY);
  raised.exception.exception?.traceback.push(...extra, FAIL_FRAME);
  throw raised;
}

/** CallbackDict's on_update: a write marks the session modified and accessed (NullSession refuses it). */
function write(s: SessionData, frames: TracebackEntry[] = []): void {
  if (s.isNull) fail(frames);
  s.modified = true;
  s.accessed = true;
}

function keyError(interp: Runtime, key: PyValue): never {
  throw pyError("KeyError", interp.repr(key));
}

/** The `session` proxy's class: every hook reads the current request's SessionData. */
function makeSessionClass(host: FlaskHost): PyClass {
  const interp = host.interp;
  const s = () => sessionState(host);
  const method = (fn: (s: SessionData, args: PyValue[], kwargs: Kwargs) => PyValue): NativeFn => (args, kwargs) => fn(s(), args.slice(1), kwargs);
  return interp.makeClass("SecureCookieSession", "flask.sessions", {
    repr: () => `<${s().isNull ? "NullSession" : "SecureCookieSession"} ${interp.repr(s().dict)}>`,
    str: () => `<${s().isNull ? "NullSession" : "SecureCookieSession"} ${interp.repr(s().dict)}>`,
    len: () => s().dict.entries.size,
    bool: () => s().dict.entries.size > 0,
    contains: (_self, key) => dictGet(interp, s().dict, key) !== undefined,
    iter: () => dictItems(s().dict).map(([k]) => k)[Symbol.iterator](),
    eq: (_self, other) => interp.eq(s().dict, other),
    getitem: (_self, key) => {
      const d = s();
      d.accessed = true;
      const v = dictGet(interp, d.dict, key);
      return v === undefined ? keyError(interp, key) : v;
    },
    setitem: (_self, key, value) => {
      const d = s();
      write(d);
      dictSet(interp, d.dict, key, value);
    },
    delitem: (_self, key) => {
      const d = s();
      write(d);
      if (dictDelete(interp, d.dict, key) === undefined) keyError(interp, key);
    },
    getattr: (_self, name) => {
      const d = s();
      switch (name) {
        case "permanent":
          // SessionMixin.permanent reads self.get("_permanent"), which marks the session accessed.
          d.accessed = true;
          return interp.truthy(dictGet(interp, d.dict, "_permanent") ?? false);
        case "modified":
          return d.modified;
        case "accessed":
          return d.accessed;
        case "new":
          return false;
        default:
          return undefined;
      }
    },
    setattr: (_self, name, value) => {
      const d = s();
      if (name === "permanent") {
        write(d);
        dictSet(interp, d.dict, "_permanent", interp.truthy(value));
        return true;
      }
      if (name === "modified" || name === "accessed") {
        d[name] = interp.truthy(value);
        return true;
      }
      return false;
    },
    methods: {
      get: method((d, args, kwargs) => {
        const a = interp.bindArgs("get", args, kwargs, ["key", "default"], { default: null });
        d.accessed = true;
        return dictGet(interp, d.dict, a.key) ?? a.default;
      }),
      setdefault: method((d, args, kwargs) => {
        const a = interp.bindArgs("setdefault", args, kwargs, ["key", "default"], { default: null });
        d.accessed = true;
        const had = dictGet(interp, d.dict, a.key);
        if (had !== undefined) return had;
        write(d);
        dictSet(interp, d.dict, a.key, a.default);
        return a.default;
      }),
      pop: method((d, args) => {
        if (args.length < 1 || args.length > 2) throw pyError("TypeError", `pop expected at least 1 argument, got ${args.length}`);
        if (d.isNull) fail();
        const v = dictDelete(interp, d.dict, args[0]!);
        if (v !== undefined) write(d);
        if (v === undefined) return args.length === 2 ? args[1]! : keyError(interp, args[0]!);
        return v;
      }),
      popitem: method((d) => {
        write(d);
        const last = dictItems(d.dict).pop();
        if (!last) throw pyError("KeyError", "'popitem(): dictionary is empty'");
        dictDelete(interp, d.dict, last[0]);
        return pyTuple(last);
      }),
      clear: method((d) => {
        write(d);
        d.dict.entries.clear();
        return null;
      }),
      update: method((d, args, kwargs) => {
        write(d);
        const other = args[0];
        if (other !== undefined && other !== null && typeof other === "object" && other.kind === "dict") {
          for (const [k, v] of dictItems(other)) dictSet(interp, d.dict, k, v);
        } else if (other !== undefined) {
          for (const pair of interp.iterate(other)) {
            const [k, v] = interp.iterate(pair);
            dictSet(interp, d.dict, k ?? null, v ?? null);
          }
        }
        for (const [k, v] of kwargs) dictSet(interp, d.dict, k, v);
        return null;
      }),
      // The dict's own views (dict_keys([...]) in a repr), as a dict subclass has them.
      keys: method((d) => interp.call(interp.getAttr(d.dict, "keys"), [])),
      values: method((d) => interp.call(interp.getAttr(d.dict, "values"), [])),
      items: method((d) => interp.call(interp.getAttr(d.dict, "items"), [])),
      copy: method((d) => interp.newDict(dictItems(d.dict))),
    },
  });
}

export interface SessionGlobals {
  session: PyInstance;
  flash: PyValue;
  get_flashed_messages: PyValue;
}

const globalsByHost = new WeakMap<FlaskHost, SessionGlobals>();

/**
 * The session-related names of the `flask` module for one host. The same objects serve a template's globals:
 * a Jinja helper can call `sessionGlobals(host).get_flashed_messages`.
 */
export function sessionGlobals(host: FlaskHost): SessionGlobals {
  const known = globalsByHost.get(host);
  if (known) return known;
  const interp = host.interp;
  const session = interp.newInstance(makeSessionClass(host));
  const flash = pyBuiltin("flash", (args, kwargs) => {
    const a = interp.bindArgs("flash", args, kwargs, ["message", "category"], { category: "message" });
    const s = sessionState(host);
    s.accessed = true;
    const existing = dictGet(interp, s.dict, "_flashes");
    const flashes = existing === undefined ? pyList([]) : existing;
    interp.call(interp.getAttr(flashes, "append"), [pyTuple([a.category, a.message])]);
    write(s, [FLASH_SET_FRAME]);
    dictSet(interp, s.dict, "_flashes", flashes);
    return null;
  });

  const getFlashedMessages = pyBuiltin("get_flashed_messages", (args, kwargs) => {
    const a = interp.bindArgs("get_flashed_messages", args, kwargs, ["with_categories", "category_filter"], {
      with_categories: false,
      category_filter: pyTuple([]),
    });
    const state = currentRequest(host) as RequestState & SessionRequestState;
    if (state.flashes === undefined || state.flashes === null) {
      const s = sessionState(host);
      let popped: PyValue[] = [];
      if (dictGet(interp, s.dict, "_flashes") !== undefined) {
        write(s);
        popped = interp.iterate(dictDelete(interp, s.dict, "_flashes") ?? null);
      }
      state.flashes = popped;
    }
    let flashes = state.flashes;
    if (interp.truthy(a.category_filter)) {
      const wanted = interp.iterate(a.category_filter);
      flashes = flashes.filter((f) => wanted.some((c) => interp.eq(c, interp.iterate(f)[0] ?? null)));
    }
    if (!interp.truthy(a.with_categories)) return pyList(flashes.map((f) => interp.iterate(f)[1] ?? null));
    return pyList(flashes);
  });

  const globals: SessionGlobals = { session, flash, get_flashed_messages: getFlashedMessages };
  globalsByHost.set(host, globals);
  return globals;
}
