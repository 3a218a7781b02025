/**
 * flask.current_app: Werkzeug's LocalProxy to the app handling the current request. Attributes, assignments,
 * repr, == and hash go to that app; outside a request it is Flask's "Working outside of application context." error.
 */
import type { PyClass, PyInstance, PyValue } from "../../python";
import { makeClass, pyError } from "../../python";
import type { FlaskHost } from "./host";

const hosts = new WeakMap<PyInstance, FlaskHost>();
let proxyClass: PyClass | undefined;

function target(self: PyInstance): PyValue {
  const host = hosts.get(self);
  if (!host) throw new Error("current_app without a host");
  const app = host.current?.app.instance;
  if (!app) {
    throw pyError(
      "RuntimeError",
      "Working outside of application context.\n\nThis typically means that you attempted to use functionality that needed\nthe current application. To solve this, set up an application context\nwith app.app_context(). See the documentation for more information.",
    );
  }
  return app;
}

export function makeCurrentApp(host: FlaskHost): PyInstance {
  proxyClass ??= makeClass("LocalProxy", "werkzeug.local", {
    getattr: (self, name, interp) => (name === "__class__" ? undefined : interp.getAttr(target(self), name)),
    setattr: (self, name, value, interp) => {
      interp.setAttr(target(self), name, value);
      return true;
    },
    repr: (self, interp) => interp.repr(target(self)),
    str: (self, interp) => interp.str(target(self)),
    bool: (self) => hosts.get(self)?.current?.app.instance !== undefined,
    eq: (self, other, interp) => interp.eq(target(self), other),
    hashKey: (self, interp) => interp.hashKey(target(self)),
  });
  const proxy = host.interp.newInstance(proxyClass);
  hosts.set(proxy, host);
  return proxy;
}
