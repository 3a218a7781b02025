/**
 * What a process that imported an app with a module-level `app.run(...)` prints: Flask 2.2's banner and Werkzeug
 * 2.2's start or bind error, as captured on the real gateways (fixtures/logs/*-apprun*.log). The gateways place
 * these lines in their boot logs (gunicorn/dev-server.ts, uwsgi/dev-server.ts).
 */
import type { DevServerStart } from "../../contracts";
import type { TraceStep } from "../../trace";

const SERVER_ADDRESS = "192.0.2.2";

/** What Flask 2.2 and Werkzeug 2.2 print when the development server starts (captured: wsgi/fixtures/logs/*-apprun*.log). */
export function devServerBanner(start: DevServerStart): string[] {
  const lines = [` * Serving Flask app '${start.appName}'`, ` * Debug mode: ${start.debug ? "on" : "off"}`];
  lines.push("WARNING: This is a development server. Do not use it in a production deployment. Use a production WSGI server instead.");
  if (start.host === "0.0.0.0") {
    // The modelled server's own address: this machine's, where the banner was captured (a TEST-NET-1 address).
    lines.push(" * Running on all addresses (0.0.0.0)", ` * Running on http://127.0.0.1:${start.port}`, ` * Running on http://${SERVER_ADDRESS}:${start.port}`);
  } else {
    lines.push(` * Running on http://${start.host}:${start.port}`);
  }
  lines.push("Press CTRL+C to quit");
  return lines;
}

/** What a second process prints when the first one already holds the port (Werkzeug's bind error). */
export function devServerPortTaken(start: DevServerStart): string[] {
  return [
    ` * Serving Flask app '${start.appName}'`,
    ` * Debug mode: ${start.debug ? "on" : "off"}`,
    "Address already in use",
    `Port ${start.port} is in use by another program. Either identify and stop that program, or start the server with a different port.`,
  ];
}

/** The trace's words for a request that reaches a gateway whose workers sit in the development server. */
export function devServerStuck(at: number, start: DevServerStart, path: string, who: string): TraceStep {
  return {
    at,
    component: "gateway",
    kind: "fault",
    fault: "app-load-failed",
    explain:
      `${path} ${start.line}행의 app.run()이 import 중에 Flask 개발 서버(${start.host}:${start.port})를 띄웠고, 그 서버는 끝나지 않습니다. ` +
      `${who} 그래서 게이트웨이 소켓에 온 연결을 아무도 accept()하지 않고, nginx는 read timeout까지 기다리다 504로 답합니다. ` +
      `app.run()은 if __name__ == "__main__": 아래에 두어야 게이트웨이가 import할 때 실행되지 않습니다.`,
  };
}
