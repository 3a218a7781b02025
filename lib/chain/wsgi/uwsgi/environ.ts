/**
 * The environ uWSGI 2.0.21's python3 plugin builds: the packet's vars in the order nginx sent them (as str,
 * latin-1), then the wsgi.* keys and uwsgi.version / uwsgi.core / uwsgi.node. Captured: fixtures/uwsgi/.
 */
import type { Environ, HeaderList } from "../../trace";
import { OrderedEnviron, bool, fakeAddress, int, obj, str } from "../shared/environ-builder";
import { utf8Encode } from "../shared/bytes";
import { pyBytesRepr } from "../shared/python-text";

export const UWSGI_VERSION = "2.0.21-debian";
/** The modelled machine's hostname (uwsgi.node); the real capture ran on a host named "vm". */
export const UWSGI_NODE = "cju-server";

export interface UwsgiEnvironContext {
  processes: number;
  threads: number;
  core: number;
  serial: number;
  node?: string;
  body: Uint8Array;
}

export function buildUwsgiEnviron(params: HeaderList, context: UwsgiEnvironContext): Environ {
  const env = new OrderedEnviron();
  for (const [key, value] of params) env.set(key, str(value));
  const scheme = (() => {
    const explicit = env.get("UWSGI_SCHEME");
    if (explicit?.type === "str" && explicit.value) return explicit.value;
    const https = env.get("HTTPS");
    if (https?.type === "str" && ["on", "1"].includes(https.value.toLowerCase())) return "https";
    return "http";
  })();
  env.set("wsgi.input", obj("uwsgi._Input", `<uwsgi._Input object at ${fakeAddress(context.serial * 2 + 1)}>`, context.body));
  env.set("wsgi.file_wrapper", obj("builtins.builtin_function_or_method", "<built-in function uwsgi_sendfile>"));
  env.set("wsgi.version", { type: "tuple", value: [1, 0] });
  env.set("wsgi.errors", obj("_io.TextIOWrapper", "<_io.TextIOWrapper name=2 mode='w' encoding='UTF-8'>"));
  env.set("wsgi.run_once", bool(false));
  env.set("wsgi.multithread", bool(context.threads > 1));
  env.set("wsgi.multiprocess", bool(context.processes > 1));
  env.set("wsgi.url_scheme", str(scheme));
  env.set("uwsgi.version", obj("builtins.bytes", pyBytesRepr(UWSGI_VERSION), utf8Encode(UWSGI_VERSION)));
  // uwsgi.core only exists when the worker has several cores (threads > 1), as captured.
  if (context.threads > 1) env.set("uwsgi.core", int(context.core));
  const node = context.node ?? UWSGI_NODE;
  env.set("uwsgi.node", obj("builtins.bytes", pyBytesRepr(node), utf8Encode(node)));
  return env.toEnviron();
}
