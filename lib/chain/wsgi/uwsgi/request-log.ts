/** uWSGI's default request log line (the one printed for every request unless disable-logging is set). */
import { ctime } from "../shared/time-format";

/** What is known when a core picks the request up. */
export interface RequestLogStart {
  pid: number;
  /** Requests handled by the whole instance. */
  totalRequests: number;
  remoteAddr: string;
  remoteUser: string;
  vars: number;
  varsBytes: number;
  /** Wall-clock ms when the request started. */
  startEpochMs: number;
  method: string;
  uri: string;
  protocol: string;
  core: number;
}

/** How the request ended. */
export interface RequestLogEnd {
  /** App id: 0 for the default app, -1 when no app is loaded. */
  app: number;
  /** Requests handled by this worker (-1 without an app). */
  workerRequests: number;
  bodyBytes: number;
  msecs: number;
  status: number;
  headers: number;
  headerBytes: number;
  switches: number;
}

export function formatRequestLog(r: RequestLogStart, e: RequestLogEnd): string {
  return (
    `[pid: ${r.pid}|app: ${e.app}|req: ${e.workerRequests}/${r.totalRequests}] ${r.remoteAddr} (${r.remoteUser}) ` +
    `{${r.vars} vars in ${r.varsBytes} bytes} [${ctime(r.startEpochMs)}] ${r.method} ${r.uri} => ` +
    `generated ${e.bodyBytes} bytes in ${Math.floor(e.msecs)} msecs (${r.protocol} ${e.status}) ` +
    `${e.headers} headers in ${e.headerBytes} bytes (${e.switches} switches on core ${r.core})`
  );
}
