/**
 * What the real modules hold (captured from Debian 12's /usr/bin/python3 by conformance/capture/python/module_names.py
 * into real-names.json): a name the real module has but the model's does not is an honest limit; any other missing
 * name keeps CPython's ImportError, with the location CPython prints.
 */
import data from "./real-names.json";
import type { PyModule } from "../values";

interface RealModule {
  location: string;
  /** str() of the AttributeError of `module.<missing>`, `{name}` for the name. */
  attributeError: string;
  /** The module's own frame, when its `__getattr__` raises that AttributeError (Flask 2.2). */
  getattrFrame?: { line: number; source: string };
  names: string[];
}

const modules = (data as { modules: Record<string, RealModule> }).modules;
const nameSets = new Map<string, ReadonlySet<string>>();

/** The real module's names, or undefined when the model's module is not a copy of a real one. */
export function realNames(module: string): ReadonlySet<string> | undefined {
  const real = Object.hasOwn(modules, module) ? modules[module] : undefined;
  if (!real) return undefined;
  let set = nameSets.get(module);
  if (!set) {
    set = new Set(real.names);
    nameSets.set(module, set);
  }
  return set;
}

/** What the real `module.name` raises for a name it lacks: the message and the library frame, if any. */
export function realAttributeError(module: string, name: string): { message: string; frame?: { filename: string; name: string; line: number; source: string } } | undefined {
  const real = Object.hasOwn(modules, module) ? modules[module] : undefined;
  if (!real) return undefined;
  const frame = real.getattrFrame && { filename: real.location, name: "__getattr__", ...real.getattrFrame };
  return { message: real.attributeError.replace("{name}", name), frame };
}

/** Where CPython says the module is, in `cannot import name 'x' from 'm' (<location>)`. */
export function realLocation(mod: PyModule): string {
  const real = Object.hasOwn(modules, mod.name) ? modules[mod.name] : undefined;
  return real?.location ?? mod.file ?? "unknown location";
}

/** The real chain's words for a feature the model lacks, where it is used (`app.py:3`). */
export function honestLimitText(feature: string, place: string, runner: string): string {
  return `코스 모형이 아직 지원하지 않는 기능입니다: ${feature} (${place}). 실제 Gunicorn/uWSGI의 ${runner}에서는 그대로 동작합니다.`;
}

/** Who runs a module's code in the real chain: Flask's own libraries or the standard library. */
export function runnerOf(module: string): string {
  return /^(flask|werkzeug|jinja2|markupsafe|itsdangerous)(\.|$)/.test(module) ? "Flask" : "파이썬";
}
