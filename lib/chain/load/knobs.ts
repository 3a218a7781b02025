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

/** uWSGI knobs the lab's form does not show (the timed crowds set them). */
export interface UwsgiRecycleKnobs {
  /** `max-requests` */
  maxRequests?: number;
  /** `min-worker-lifetime` (seconds) */
  minWorkerLifetime?: number;
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
export function setUwsgiKnobs(text: string, knobs: UwsgiKnobs & UwsgiRecycleKnobs): string {
  let out = text;
  const set = (name: string, value: string) => (out = setLine(out, new RegExp(`^${name}\\s*=.*$`, "m"), `${name} = ${value}`));
  if (knobs.processes !== undefined) set("processes", String(int(knobs.processes)));
  if (knobs.threads !== undefined) set("threads", String(int(knobs.threads)));
  if (knobs.harakiri !== undefined) set("harakiri", String(int(knobs.harakiri)));
  if (knobs.listen !== undefined) set("listen", String(int(knobs.listen)));
  if (knobs.maxRequests !== undefined) set("max-requests", String(int(knobs.maxRequests)));
  if (knobs.minWorkerLifetime !== undefined) set("min-worker-lifetime", String(int(knobs.minWorkerLifetime)));
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

/** The knobs as a file sets them (Gunicorn's and uWSGI's defaults for what it leaves out). */
export function readGunicornKnobs(text: string): Required<GunicornKnobs> {
  const num = (name: string, fallback: number) => {
    const m = new RegExp(`^${name}\\s*=\\s*(\\d+)\\s*(#.*)?$`, "m").exec(text);
    return m ? Number(m[1]) : fallback;
  };
  const cls = /^worker_class\s*=\s*["']([a-z]+)["']/m.exec(text)?.[1];
  const threads = num("threads", 1);
  return {
    workers: num("workers", 1),
    workerClass: cls === "gthread" || (cls === undefined && threads > 1) ? "gthread" : "sync",
    threads,
    timeout: num("timeout", 30),
    backlog: num("backlog", 2048),
  };
}

export function readUwsgiKnobs(text: string): Required<UwsgiKnobs> {
  const num = (name: string, fallback: number) => {
    const m = new RegExp(`^${name}\\s*=\\s*(\\d+)`, "m").exec(text);
    return m ? Number(m[1]) : fallback;
  };
  return { processes: num("processes", 1), threads: num("threads", 1), harakiri: num("harakiri", 0), listen: num("listen", 100) };
}

export function readNginxKnobs(text: string): Required<NginxKnobs> {
  const m = /^\s*(?:proxy_read_timeout|uwsgi_read_timeout)\s+(\d+)s?\s*;/m.exec(text);
  return { readTimeout: m ? Number(m[1]) : 60 };
}
