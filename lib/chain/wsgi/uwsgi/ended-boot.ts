/**
 * uWSGI start-ups that never reach the workers, as captured on the real uWSGI 2.0.21 (fixtures/logs/):
 *  - `need-app = true` and the app failed to import (uwsgi-need-app.log): "GAME OVER", uWSGI exits (status 22) and
 *    `vacuum` removes the socket file: nginx's connect() fails (2: No such file or directory; 111 without vacuum).
 *  - a module-level app.run() (uwsgi-apprun.log): the master imports the app before forking, so the master itself
 *    stays in Werkzeug's development server. The socket is bound, nobody accepts: nginx times out (504).
 *  - app.run(debug=True) (uwsgi-apprun-debug.log): Werkzeug's reloader re-executes the process without uWSGI's
 *    arguments, that fails to find its configuration, and uWSGI exits as with need-app.
 */
import type { AppLoadResult, DevServerStart, UpstreamResult } from "../../contracts";
import type { TraceStep } from "../../trace";
import { devServerBanner, devServerStuck } from "../shared/dev-server";
import type { UwsgiSettings } from "./ini";

export type EndedBoot =
  | { kind: "exited"; lines: string[]; why: "need-app" | "reloader" }
  | { kind: "dev-server"; lines: string[]; start: DevServerStart };

/** The rest of the boot log when the start-up ends before the workers, or null for an ordinary start. */
export function endedBoot(s: UwsgiSettings, app: AppLoadResult, cwd: string): EndedBoot | null {
  if (!app.ok && app.devServer) {
    const start = app.devServer;
    const lines = devServerBanner(start);
    if (!start.debug) return { kind: "dev-server", lines, start };
    lines.push(" * Restarting with stat", `unable to load configuration from ${cwd.replace(/\/$/, "")}/uwsgi`, ...vacuumLines(s));
    return { kind: "exited", lines, why: "reloader" };
  }
  const configured = s.module !== null || s.wsgiFile !== null;
  if (!s.needApp || (configured && app.ok)) return null;
  const lines: string[] = [];
  if (configured && !app.ok) {
    if (app.traceback.trim()) lines.push(...app.traceback.replace(/\n+$/, "").split("\n"));
    lines.push("unable to load app 0 (mountpoint='') (callable not found or import error)");
  }
  lines.push("*** no app loaded. GAME OVER ***", ...vacuumLines(s));
  return { kind: "exited", lines, why: "need-app" };
}

/** `vacuum` removes the unix sockets uWSGI created when it exits. */
function vacuumLines(s: UwsgiSettings): string[] {
  if (!s.vacuum) return [];
  return [...s.sockets, ...s.httpSockets].filter((sock) => sock.startsWith("/")).map((sock) => `VACUUM: unix socket ${sock} removed.`);
}

/** What nginx meets when it connects after such a start-up. */
export function endedSend(ended: EndedBoot, s: UwsgiSettings, app: AppLoadResult, at: number, trace: TraceStep[]): UpstreamResult {
  if (ended.kind === "dev-server") {
    const path = app.ok ? "app.py" : app.error.path;
    trace.push(devServerStuck(at, ended.start, path, "uWSGI는 워커를 만들기(fork) 전에 master가 app을 import하므로, master가 개발 서버 안에 머물고 워커는 하나도 생기지 않습니다."));
    return { kind: "silent" };
  }
  const removed = s.vacuum && s.address?.kind === "unix";
  trace.push({
    at,
    component: "gateway",
    kind: "fault",
    fault: "app-load-failed",
    explain:
      (ended.why === "need-app"
        ? "uwsgi.ini의 need-app = true 때문에, app을 불러오지 못한 uWSGI는 요청을 받지 않고 바로 종료했습니다 (\"no app loaded. GAME OVER\"). "
        : "app.run(debug=True)의 리로더가 uWSGI 프로세스를 설정 없이 다시 실행했고, 그 프로세스가 설정을 찾지 못해 uWSGI가 종료했습니다. ") +
      (removed ? "vacuum이 소켓 파일을 지워서 nginx는 연결할 곳이 없습니다 (502)." : "남은 소켓 파일에 듣는 프로세스가 없어 연결이 거부됩니다 (502)."),
  });
  return removed
    ? { kind: "connect-failed", errno: 2, reason: "No such file or directory", at }
    : { kind: "connect-failed", errno: 111, reason: "Connection refused", at };
}
