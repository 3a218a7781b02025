// The production server: Next's request handler on a port or a unix socket, as COURSE_LISTEN says.
//   COURSE_LISTEN=127.0.0.1:3000 (default 0.0.0.0:3000) or COURSE_LISTEN=unix:/run/wsgi-journey/node.sock
import { createServer } from "node:http";
import { chmodSync, existsSync, unlinkSync } from "node:fs";
import next from "next";

const listen = process.env.COURSE_LISTEN || `${process.env.HOST || "0.0.0.0"}:${process.env.PORT || "3000"}`;
process.env.NEXT_TELEMETRY_DISABLED = "1";

const app = next({ dev: false, dir: process.cwd() });
await app.prepare();
const handle = app.getRequestHandler();
const server = createServer((req, res) => handle(req, res));
server.keepAliveTimeout = 65_000;

if (listen.startsWith("unix:")) {
  const path = listen.slice("unix:".length);
  if (existsSync(path)) unlinkSync(path);
  server.listen(path, () => {
    chmodSync(path, 0o666);
    console.log(`course ready on unix:${path}`);
  });
} else {
  const colon = listen.lastIndexOf(":");
  const host = listen.slice(0, colon) || "0.0.0.0";
  const port = Number(listen.slice(colon + 1));
  server.listen(port, host, () => console.log(`course ready on http://${host}:${port}`));
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
