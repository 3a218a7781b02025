/** The `werkzeug.utils` module as student apps import from it: secure_filename (and redirect, as flask's). */
import type { PyModule } from "../../python";
import { pyBuiltin, pyError, pyModule, strOf } from "../../python";
import { secureFilename } from "../secure-filename";
import type { FlaskHost } from "./host";

export function makeWerkzeugUtilsModule(host: FlaskHost): PyModule {
  const interp = host.interp;
  const flask = interp.importModule("flask");
  return pyModule("werkzeug.utils", {
    secure_filename: pyBuiltin("secure_filename", (args, kwargs) => {
      const a = interp.bindArgs("secure_filename", args, kwargs, ["filename"]);
      const name = strOf(a.filename);
      if (name === undefined) throw pyError("TypeError", `normalize() argument 2 must be str, not ${interp.typeName(a.filename)}`);
      return secureFilename(name);
    }),
    redirect: flask.attrs.get("redirect") ?? null,
  });
}
