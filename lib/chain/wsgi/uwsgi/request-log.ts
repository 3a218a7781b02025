/** uWSGI's default request log line (the one printed for every request unless disable-logging is set). */
import { ctime } from "../shared/time-format";

export interface RequestLogInput {
  pid: number;
  /** App id: 0 for the default app, -1 when no app is loaded. */
  app: number;
  /** Requests handled by this worker (-1 without an app) and by the whole instance. */
  workerRequests: number;
  totalRequests: number;
  remoteAddr: string;
  remoteUser: string;
  vars: number;
  varsBytes: number;
  /** Wall-clock ms when the request started. */
  startEpochMs: number;
  method: string;
  uri: string;
  bodyBytes: number;
  msecs: number;
  protocol: string;
  status: number;
  headers: number;
  headerBytes: number;
  switches: number;
  core: number;
}

export function formatRequestLog(r: RequestLogInput): string {
  return (
    `[pid: ${r.pid}|app: ${r.app}|req: ${r.workerRequests}/${r.totalRequests}] ${r.remoteAddr} (${r.remoteUser}) ` +
    `{${r.vars} vars in ${r.varsBytes} bytes} [${ctime(r.startEpochMs)}] ${r.method} ${r.uri} => ` +
    `generated ${r.bodyBytes} bytes in ${Math.floor(r.msecs)} msecs (${r.protocol} ${r.status}) ` +
    `${r.headers} headers in ${r.headerBytes} bytes (${r.switches} switches on core ${r.core})`
  );
}
