/** The health report: the chain answers a built-in request, and the process's memory is reported. */
import { runChain } from "@/lib/chain/run";
import { jsonAnswer, type ApiAnswer } from "./api-request";

const MANIFEST = {
  title: "health",
  summary: "health check",
  defaultGateway: "gunicorn" as const,
  gateways: { gunicorn: { nginx: "nginx.conf", config: "gunicorn.conf.py" } },
};
const encoder = new TextEncoder();
const FILES = new Map<string, Uint8Array>([
  ["nginx.conf", encoder.encode("server {\n    listen 80;\n    location = /ping {\n        return 200 \"pong\";\n    }\n}\n")],
  ["gunicorn.conf.py", encoder.encode('bind = "unix:/run/gunicorn.sock"\n')],
  ["app.py", encoder.encode("from flask import Flask\napp = Flask(__name__)\n")],
]);

export function healthReport() {
  let chain: "ok" | "failing" = "failing";
  try {
    const result = runChain({ scenario: "health", manifest: MANIFEST, files: FILES, raw: encoder.encode("GET /ping HTTP/1.1\r\nHost: localhost\r\n\r\n") });
    if (result.ok && result.response.status === 200) chain = "ok";
  } catch {
    chain = "failing";
  }
  const memory = process.memoryUsage();
  return {
    status: chain === "ok" ? "ok" : "degraded",
    chain,
    uptimeSeconds: Math.round(process.uptime()),
    memoryMB: { rss: Math.round(memory.rss / 2 ** 20), heapUsed: Math.round(memory.heapUsed / 2 ** 20) },
  };
}

/** GET /api/health: 200 while the server can run the chain, 503 when it cannot. */
export function answerHealth(): ApiAnswer {
  const report = healthReport();
  return jsonAnswer(report.status === "ok" ? 200 : 503, report);
}
