/**
 * Runs the deploy/ setup on this machine for tests and the classroom benchmark: the built course's Node server on
 * a unix socket in a temp dir, and the real nginx in front of it with deploy/nginx/wsgi-journey.conf — only paths
 * and ports substituted (see substituteDeployPaths). Loopback only; everything started is stopped by PID.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** The project root: tests and scripts run from it. */
const REPO = process.cwd();

export interface DeployedCourse {
  /** http://127.0.0.1:<port> of nginx. */
  nginxUrl: string;
  nginxPort: number;
  socket: string;
  nodePid: number;
  dir: string;
  stop(): Promise<void>;
}

/** The deploy config with the instructor's paths and port replaced by the test's own. Nothing else changes. */
export function substituteDeployPaths(text: string, paths: { repo: string; socket: string; port: number }): string {
  return text
    .replaceAll("/srv/wsgi-journey/current/.run/node.sock", paths.socket)
    .replaceAll("/srv/wsgi-journey/current", paths.repo)
    .replaceAll("/srv/wsgi-journey/src", paths.repo)
    .replace(/^(\s*)listen 80;/m, `$1listen 127.0.0.1:${paths.port};`);
}

/** Debian 12's /etc/nginx/nginx.conf around `site`, with every path it writes moved into `dir`. */
export function mainConfig(dir: string, site: string): string {
  return `# Debian 12's /etc/nginx/nginx.conf, paths moved into ${dir}
worker_processes 2;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
daemon off;
events { worker_connections 1024; }
http {
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${dir}/access.log;
    client_body_temp_path ${dir}/tmp/body;
    proxy_temp_path ${dir}/tmp/proxy;
    fastcgi_temp_path ${dir}/tmp/fastcgi;
    uwsgi_temp_path ${dir}/tmp/uwsgi;
    scgi_temp_path ${dir}/tmp/scgi;
    gzip on;
    include ${site};
}
`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return resolve();
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
      resolve();
    }, 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

export interface DeployOptions {
  env?: Record<string, string>;
}

export async function startDeployedCourse(options: DeployOptions = {}): Promise<DeployedCourse> {
  if (!existsSync(path.join(REPO, ".next", "BUILD_ID"))) throw new Error("build the course first (npm run build)");
  const dir = mkdtempSync(path.join(os.tmpdir(), "course-deploy-"));
  // nginx's workers run as an unprivileged user: they must reach the socket inside this folder.
  chmodSync(dir, 0o755);
  mkdirSync(path.join(dir, "tmp"), { recursive: true });
  const socket = path.join(dir, "node.sock");
  const port = await freePort();

  const node = spawn(process.execPath, [path.join(REPO, "scripts", "server.mjs")], {
    cwd: REPO,
    env: { ...process.env, NODE_ENV: "production", COURSE_LISTEN: `unix:${socket}`, TRUST_PROXY: "1", NEXT_TELEMETRY_DISABLED: "1", ...options.env },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const site = path.join(dir, "wsgi-journey.conf");
  writeFileSync(
    site,
    substituteDeployPaths(readFileSync(path.join(REPO, "deploy", "nginx", "wsgi-journey.conf"), "utf8"), { repo: REPO, socket, port }),
  );
  writeFileSync(path.join(dir, "nginx.conf"), mainConfig(dir, site));
  let nginx: ChildProcess | null = null;
  const stop = async () => {
    if (nginx) await kill(nginx);
    await kill(node);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => existsSync(socket), "the Node server's socket");
    nginx = spawn("/usr/sbin/nginx", ["-c", path.join(dir, "nginx.conf"), "-p", dir], { stdio: ["ignore", "ignore", "inherit"], detached: true });
    nginx.once("exit", (code) => {
      if (code) console.error(`nginx exited with ${code}: ${readFileSync(path.join(dir, "error.log"), "utf8").slice(-2000)}`);
    });
    await waitFor(() => fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false), "nginx in front of the course");
  } catch (error) {
    await stop();
    throw error;
  }
  return { nginxUrl: `http://127.0.0.1:${port}`, nginxPort: port, socket, nodePid: node.pid!, dir, stop };
}

/** Processes whose parent is `pid` (from /proc): the Node server's cluster workers when COURSE_WORKERS > 1. */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name (which may hold spaces) start after its closing parenthesis: state, ppid, …
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) children.push(Number(entry));
    } catch {
      /* the process ended meanwhile */
    }
  }
  return children;
}
