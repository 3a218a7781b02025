/**
 * The per-interpreter state of the Flask model: the registered apps, the request being served (what the
 * `request` proxy reads) and the Python classes the host modules create. One FlaskHost per loaded app.py.
 */
import type { DevServerStart } from "../../contracts";
import type { Interpreter, PyClass, PyDictObject, PyInstance, PyValue } from "../../python";
import type { MatchOutcome, RequestBinding } from "../routing/map";
import { UrlMap } from "../routing/map";
import type { RouteValue } from "../routing/values";
import type { RequestData } from "../request";
import { formatLogRecord } from "./logging";
import type { LogLevel } from "./logging";

export interface ErrorHandler {
  /** HTTP code the handler was registered for (Werkzeug class registrations carry their code too). */
  code: number | null;
  cls: PyClass;
  fn: PyValue;
  /** The blueprint's registered name for `bp.errorhandler`, null for the app's own (and `bp.app_errorhandler`). */
  blueprint: string | null;
}

export interface AppState {
  importName: string;
  instance: PyInstance;
  map: UrlMap;
  views: Map<string, PyValue>;
  errorHandlers: ErrorHandler[];
  beforeRequest: PyValue[];
  afterRequest: PyValue[];
  /** before/after_request functions of blueprints, by registered name (Flask's `before_request_funcs[name]`). */
  blueprintBefore: Map<string, PyValue[]>;
  blueprintAfter: Map<string, PyValue[]>;
  /** `app.blueprints`: registered name → Blueprint object, in registration order. */
  blueprints: Map<string, PyInstance>;
  /** Template folders of the registered blueprints (searched after the app's own, in registration order). */
  blueprintTemplateFolders: string[];
  config: PyDictObject;
  /** app.logger.setLevel(); null means the effective WARNING of the root logger. */
  loggerLevel: number | null;
}

export interface RequestState {
  app: AppState;
  data: RequestData;
  binding: RequestBinding;
  match: MatchOutcome;
  pyEnviron?: PyValue;
  pyJson?: { value: PyValue } | { bad: string };
}

export interface FlaskClasses {
  Flask: PyClass;
  Request: PyClass;
  Response: PyClass;
  Headers: PyClass;
  EnvironHeaders: PyClass;
  MultiDict: PyClass;
  Markup: PyClass;
  UUID: PyClass;
  Opaque: PyClass;
  Config: PyClass;
  Logger: PyClass;
  HTTPException: PyClass;
  /** werkzeug.exceptions classes by code (NotFound for 404...). */
  byCode: Map<number, PyClass>;
  RequestRedirect: PyClass;
  BadRequestKeyError: PyClass;
}

/** The Python values of a rule's `defaults=`, by Rule (the view receives these objects themselves). */
export const ruleDefaults = new WeakMap<object, Array<[string, PyValue]>>();

export class FlaskHost {
  readonly interp: Interpreter;
  readonly apps: AppState[] = [];
  current: RequestState | null = null;
  /** Wall-clock ms at the interpreter's virtual time 0 (for log timestamps). */
  epochMs: number;
  /** `%(module)s` for records the app logs itself: the module name of app.py. */
  readonly moduleName: string;
  /** The scenario's files (for the static route) and the folder app.py lives in, ending in "/". */
  files: ReadonlyMap<string, Uint8Array> = new Map();
  appDir = "/srv/app/";
  /** Wall-clock ms of virtual time 0 of the current call's clock (the files' mtime). */
  deployEpochMs = 0;
  /** Set when app.run() started the development server during the import (dev-server.ts). */
  devServer: DevServerStart | null = null;
  #classes: FlaskClasses | null = null;
  #makeClasses: (host: FlaskHost) => FlaskClasses;

  constructor(interp: Interpreter, epochMs: number, moduleName: string, makeClasses: (host: FlaskHost) => FlaskClasses) {
    this.interp = interp;
    this.epochMs = epochMs;
    this.moduleName = moduleName;
    this.#makeClasses = makeClasses;
  }

  get classes(): FlaskClasses {
    this.#classes ??= this.#makeClasses(this);
    return this.#classes;
  }

  newApp(importName: string, instance: PyInstance): AppState {
    const app: AppState = {
      importName,
      instance,
      map: new UrlMap(),
      views: new Map(),
      errorHandlers: [],
      beforeRequest: [],
      afterRequest: [],
      blueprintBefore: new Map(),
      blueprintAfter: new Map(),
      blueprints: new Map(),
      blueprintTemplateFolders: [],
      config: this.interp.newDict(DEFAULT_CONFIG.map(([k, v]) => [k, v] as [PyValue, PyValue])),
      loggerLevel: null,
    };
    this.apps.push(app);
    return app;
  }

  /** Write a log record the way Flask's default handler does (to wsgi.errors, i.e. stderr). */
  log(level: LogLevel, module: string, message: string, traceback?: string): void {
    // The record's timestamp is wall-clock time: a module that logs while loading cannot be reused.
    this.interp.noteWallClockRead();
    this.interp.write("stderr", formatLogRecord(this.epochMs + this.interp.virtualMs, level, module, message, traceback));
  }

  /** request.blueprint: the endpoint's part before its last dot (null outside a blueprint or without a match). */
  static blueprintOf(state: RequestState): string | null {
    if (state.match.kind !== "match") return null;
    const endpoint = state.match.rule.endpoint;
    const dot = endpoint.lastIndexOf(".");
    return dot < 0 ? null : endpoint.slice(0, dot);
  }

  /** request.blueprints: the blueprint and its parents ("a.b" → ["a.b", "a"]). */
  static blueprintsOf(state: RequestState): string[] {
    const name = FlaskHost.blueprintOf(state);
    if (name === null) return [];
    const pieces = name.split(".");
    return pieces.map((_, i) => pieces.slice(0, pieces.length - i).join("."));
  }

  viewArgs(): Array<[string, RouteValue]> {
    const m = this.current?.match;
    return m && m.kind === "match" ? m.values : [];
  }
}

/** The Flask 2.2 default config keys a student is likely to read. */
const DEFAULT_CONFIG: Array<[string, PyValue]> = [
  ["ENV", "production"],
  ["DEBUG", false],
  ["TESTING", false],
  ["PROPAGATE_EXCEPTIONS", null],
  ["SECRET_KEY", null],
  ["SERVER_NAME", null],
  ["APPLICATION_ROOT", "/"],
  ["PREFERRED_URL_SCHEME", "http"],
  ["MAX_CONTENT_LENGTH", null],
  ["JSON_AS_ASCII", null],
  ["JSON_SORT_KEYS", null],
  ["JSONIFY_PRETTYPRINT_REGULAR", null],
  ["JSONIFY_MIMETYPE", null],
];
