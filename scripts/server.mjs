// The production server: Next's request handler on a port or a unix socket, as COURSE_LISTEN says.
//   COURSE_LISTEN=127.0.0.1:3000 (default 0.0.0.0:3000) or COURSE_LISTEN=unix:/run/wsgi-journey/node.sock
//   COURSE_WORKERS=2 runs that many Node processes sharing that socket (default 1), to use more CPU cores.
// API calls (/api/*, /sandbox/*) are answered by the same handlers as Next's route files, straight from the
// bundle `npm run build` makes (.next/direct-api.mjs), without Next's router; COURSE_DIRECT_API=0 sends them
// through Next instead.
import cluster from "node:cluster";
import { createServer } from "node:http";
import { chmodSync, existsSync, readFileSync, unlinkSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import next from "next";

const listen = process.env.COURSE_LISTEN || `${process.env.HOST || "0.0.0.0"}:${process.env.PORT || "3000"}`;
const workers = Math.max(1, Math.min(16, Number(process.env.COURSE_WORKERS) || 1));
const unixPath = listen.startsWith("unix:") ? listen.slice("unix:".length) : null;
process.env.NEXT_TELEMETRY_DISABLED = "1";

if (workers > 1 && cluster.isPrimary) {
  superviseWorkers();
} else {
  await serve();
}

/** The cluster's primary: starts the workers (they listen through it), replaces one that dies, stops them all. */
function superviseWorkers() {
  let stopping = false;
  if (unixPath && existsSync(unixPath)) unlinkSync(unixPath);
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`worker ${worker.process.pid} ended (${signal ?? code}); starting another`);
    cluster.fork();
  });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      setTimeout(() => process.exit(0), 5000).unref();
    });
  }
}

/** One Node server with Next's request handler. */
async function serve() {
  const app = next({ dev: false, dir: process.cwd() });
  await app.prepare();
  const handle = app.getRequestHandler();
  const direct = await loadDirectApi();
  const server = createServer((req, res) => {
    if (direct?.(req, res)) return;
    handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  const who = cluster.isPrimary ? "" : ` (worker ${process.pid})`;

  if (unixPath) {
    // A lone server removes a stale socket itself; in a cluster the primary did (the workers share its socket).
    if (cluster.isPrimary && existsSync(unixPath)) unlinkSync(unixPath);
    server.listen(unixPath, () => {
      chmodSync(unixPath, 0o666);
      console.log(`course ready on unix:${unixPath}${who}`);
    });
  } else {
    const colon = listen.lastIndexOf(":");
    const host = listen.slice(0, colon) || "0.0.0.0";
    const port = Number(listen.slice(colon + 1));
    server.listen(port, host, () => console.log(`course ready on http://${host}:${port}${who}`));
  }

  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => server.close(() => process.exit(0)));
  }
}

/** The API handlers without Next's router, for the base path the build was made with; null when switched off. */
async function loadDirectApi() {
  if (process.env.COURSE_DIRECT_API === "0") return null;
  const bundle = path.resolve(".next/direct-api.mjs");
  if (!existsSync(bundle)) {
    console.warn("no .next/direct-api.mjs (run `npm run build`): API calls go through Next's router");
    return null;
  }
  const { config } = JSON.parse(readFileSync(path.resolve(".next/required-server-files.json"), "utf8"));
  const { createDirectApi } = await import(pathToFileURL(bundle).href);
  return createDirectApi({ basePath: config.basePath ?? "" });
}
