/**
 * `app.run(...)` at import time: Flask starts Werkzeug's development server and never returns, so the import that
 * a gateway's worker is doing never finishes. Python-level this is a call that does not come back; the model
 * stops the module there (DevServerRun) and the loader reports where (lib/chain/flask/index.ts), so each gateway
 * can show what its real worker does (lib/chain/wsgi/*: the worker stays in the dev server, nginx times out).
 * Inside a request (a view calling app.run) it stays a no-op: not something students write.
 */
import type { DevServerStart } from "../../contracts";
import type { Kwargs, PyValue } from "../../python";
import type { FlaskHost } from "./host";

/** Thrown out of the interpreter by app.run() during the import; the loader turns it into a DevServerStart. */
export class DevServerRun extends Error {
  constructor(readonly start: DevServerStart) {
    super("app.run() started the development server while importing the app");
  }
}

/** `Flask.run(self, host=None, port=None, debug=None, load_dotenv=True, **options)`. */
export function runDevServer(host: FlaskHost, appName: string, args: PyValue[], kwargs: Kwargs): PyValue {
  if (host.current !== null) return null;
  const hostArg = kwargs.get("host") ?? args[1] ?? null;
  const portArg = kwargs.get("port") ?? args[2] ?? null;
  const debugArg = kwargs.get("debug") ?? args[3] ?? null;
  const start: DevServerStart = {
    line: host.interp.currentLine(),
    appName,
    host: typeof hostArg === "string" && hostArg !== "" ? hostArg : "127.0.0.1",
    port: typeof portArg === "bigint" ? Number(portArg) : typeof portArg === "string" && /^\d+$/.test(portArg) ? Number(portArg) : 5000,
    debug: debugArg === true || (typeof debugArg === "bigint" && debugArg !== 0n),
  };
  host.devServer = start;
  throw new DevServerRun(start);
}
