/**
 * The load lab's knobs, written into the scenario's real files: each knob replaces the line that sets it (or adds
 * one), so what runs is always a file the student could deploy. Pure text in, text out.
 */

export interface GunicornKnobs {
  workers?: number;
  /** sync, or gthread with `threads`. */
  workerClass?: "sync" | "gthread";
  threads?: number;
  timeout?: number;
  backlog?: number;
}

export interface UwsgiKnobs {
  processes?: number;
  threads?: number;
  harakiri?: number;
  listen?: number;
}

export interface NginxKnobs {
  /** proxy_read_timeout / uwsgi_read_timeout of `location /`, in seconds. */
  readTimeout?: number;
}

/** Set `name = value` in a gunicorn.conf.py (Python assignments). */
export function setGunicornKnobs(text: string, knobs: GunicornKnobs): string {
  let out = text;
  const set = (name: string, value: string) => (out = setLine(out, new RegExp(`^${name}\\s*=.*$`, "m"), `${name} = ${value}`));
  if (knobs.workers !== undefined) set("workers", String(int(knobs.workers)));
  if (knobs.workerClass !== undefined) set("worker_class", JSON.stringify(knobs.workerClass));
  if (knobs.threads !== undefined) set("threads", String(int(knobs.threads)));
  if (knobs.timeout !== undefined) set("timeout", String(int(knobs.timeout)));
  if (knobs.backlog !== undefined) set("backlog", String(int(knobs.backlog)));
  return out;
}

/** Set `key = value` in the [uwsgi] section of a uwsgi.ini. */
export function setUwsgiKnobs(text: string, knobs: UwsgiKnobs): string {
  let out = text;
  const set = (name: string, value: string) => (out = setLine(out, new RegExp(`^${name}\\s*=.*$`, "m"), `${name} = ${value}`));
  if (knobs.processes !== undefined) set("processes", String(int(knobs.processes)));
  if (knobs.threads !== undefined) set("threads", String(int(knobs.threads)));
  if (knobs.harakiri !== undefined) set("harakiri", String(int(knobs.harakiri)));
  if (knobs.listen !== undefined) set("listen", String(int(knobs.listen)));
  return out;
}

/** Set the read timeout on every `proxy_read_timeout` / `uwsgi_read_timeout` line of an nginx site file. */
export function setNginxKnobs(text: string, knobs: NginxKnobs): string {
  if (knobs.readTimeout === undefined) return text;
  return text.replace(/^(\s*)(proxy_read_timeout|uwsgi_read_timeout)\s+[^;]*;/gm, (_m, indent: string, name: string) => `${indent}${name} ${int(knobs.readTimeout!)}s;`);
}

function setLine(text: string, pattern: RegExp, line: string): string {
  if (pattern.test(text)) return text.replace(pattern, line);
  return text.endsWith("\n") || text === "" ? `${text}${line}\n` : `${text}\n${line}\n`;
}

function int(value: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.floor(value)) : 0;
}
