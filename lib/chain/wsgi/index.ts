/**
 * The WSGI gateway models: Gunicorn 20.1 (sync workers) and uWSGI 2.0.21 (uwsgi protocol), as nginx's upstreams.
 * See README.md for the design and what is simplified.
 */
import type { AppLoadResult, Upstream } from "../contracts";
import { GunicornModel } from "./gunicorn/server";
import type { GunicornSettings } from "./gunicorn/settings";
import type { UwsgiSettings } from "./uwsgi/ini";
import { UwsgiModel } from "./uwsgi/server";
import type { GatewayLoadHooks } from "./shared/load";

export type { GatewayEvent, GatewayLoadHooks, SlotAssignment } from "./shared/load";

export { gunicornSettingsFrom, DEFAULT_GUNICORN_SETTINGS } from "./gunicorn/settings";
export type { GunicornSettings } from "./gunicorn/settings";
export { parseUwsgiIni } from "./uwsgi/ini";
export type { UwsgiSettings } from "./uwsgi/ini";
export { encodeUwsgiPacket, decodeUwsgiPacket } from "./uwsgi/packet";

export function createGunicorn(options: {
  settings: GunicornSettings;
  app: AppLoadResult;
  epochMs: number;
  environment?: Record<string, string>;
  load?: GatewayLoadHooks;
}): Upstream & { bootLog(): string[] } {
  return new GunicornModel(options);
}

export function createUwsgi(options: { settings: UwsgiSettings; app: AppLoadResult; epochMs: number; cwd?: string; load?: GatewayLoadHooks }): Upstream & {
  bootLog(): string[];
} {
  return new UwsgiModel(options);
}
