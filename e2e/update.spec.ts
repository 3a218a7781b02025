/**
 * deploy/update.sh end to end, through the real nginx with the deploy site (paths moved into a temp folder), while
 * clients keep requesting pages (nginx's files), chain API answers and health (Node): a new release is built in its
 * own folder, its server started, `current` switched, nginx reloaded, the old server stopped, and no request
 * fails; then --rollback goes back the same way. Systemd's part is played by commands given to the script
 * (START_CMD, STOP_CMD, RELOAD_CMD); "building" a release copies this worktree's build.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { mainConfig } from "../deploy/local/stack";

const REPO = process.cwd();
let base: string;
let nginx: ChildProcess | null = null;
let port: number;

const scriptEnv = () => ({
  ...process.env,
  COURSE_BASE: base,
  COURSE_SRC: REPO,
  COURSE_OWNER: `${os.userInfo().uid}:${os.userInfo().gid}`,
  NGINX_PID_FILE: path.join(base, "nginx", "nginx.pid"),
  // A release "built": this worktree's build (without Next's cache) and its node_modules, plus a page naming it.
  BUILD_CMD: `tar -C "$SRC" --exclude=.next/cache -cf - .next | tar -xf - && ln -s "$SRC/node_modules" node_modules && printf '%s' "$(basename "$RELEASE")" > .next/server/app/which-release.html`,
  START_CMD: `cd "$RELEASE" && { COURSE_LISTEN="unix:$RELEASE/.run/node.sock" TRUST_PROXY=1 CHAIN_RATE_LIMIT=0 NODE_ENV=production COURSE_DATA_DIR="${base}/data" setsid node scripts/server.mjs > "$RELEASE/.run/log" 2>&1 < /dev/null & echo $! > "$RELEASE/.run/pid"; }`,
  STOP_CMD: `pid=$(cat "$RELEASE/.run/pid"); kill -TERM "$pid"; for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.1; done; kill -KILL "$pid"`,
  RELOAD_CMD: `/usr/sbin/nginx -c "${base}/nginx/nginx.conf" -p "${base}/nginx" -s reload`,
});

function update(...args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("bash", [path.join(REPO, "deploy", "update.sh"), ...args], { env: scriptEnv() });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (status) => resolve({ status, output }));
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const origin = () => `http://127.0.0.1:${port}`;
const liveRelease = () => basename(readlinkSync(path.join(base, "current")));
const basename = (p: string) => p.split("/").pop()!;
const nodePid = (id: string) => Number(readFileSync(path.join(base, "releases", id, ".run", "pid"), "utf8"));
const alive = (pid: number) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");

/**
 * One request as a browser sends it on a keep-alive connection. A reload makes nginx's old workers close their
 * idle client connections; a request written onto one at that instant meets a reset before any answer, and a
 * browser then sends it again on a new connection (Chromium does so for any method when a reused connection
 * fails before the response starts; Node documents the same with `reusedSocket`). So does this client, once.
 */
function browserRequest(agent: http.Agent, method: string, path: string, headers: Record<string, string>, body?: string, retried = false): Promise<{ status: number; body: string; retried: boolean }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, method, path, headers, agent }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text, retried }));
      response.on("error", reject);
    });
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (request.reusedSocket && !retried && (error.code === "ECONNRESET" || error.message === "socket hang up")) {
        resolve(browserRequest(agent, method, path, headers, body, true));
      } else reject(error);
    });
    request.end(body);
  });
}

/** Clients that keep asking until stopped: every answer must be a 200 (the page, a chain answer, health). */
function keepRequesting() {
  let running = true;
  const failures: string[] = [];
  const releasesSeen = new Set<string>();
  let count = 0;
  let resent = 0;
  const chain = JSON.stringify({ scenario: "hello_cju", request: { method: "GET", target: "/hello/cju" } });
  const loop = async (kind: number) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    while (running) {
      try {
        const answer =
          kind === 0
            ? await browserRequest(agent, "GET", "/which-release", { cookie: "wj_id=returning.browser", accept: "text/html" })
            : kind === 1
              ? await browserRequest(agent, "POST", "/api/chain", { "content-type": "application/json" }, chain)
              : await browserRequest(agent, "GET", "/api/health", {});
        if (answer.status !== 200) failures.push(`${kind}: ${answer.status} ${answer.body.slice(0, 100)}`);
        else if (kind === 0) releasesSeen.add(answer.body);
        if (answer.retried) resent++;
        count++;
      } catch (error) {
        failures.push(`${kind}: ${(error as Error).message}`);
      }
      // A student's pace, not a load test: the switch must hold for steady traffic (the benchmark does load).
      await new Promise((r) => setTimeout(r, 20));
    }
    agent.destroy();
  };
  const loops = [0, 1, 1, 2].map(loop);
  return {
    failures,
    releasesSeen,
    count: () => count,
    resent: () => resent,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  base = mkdtempSync(path.join(os.tmpdir(), "course-update-"));
  chmodSync(base, 0o755);
  mkdirSync(path.join(base, "nginx", "tmp"), { recursive: true });
  port = await freePort();
  // The deploy site, unchanged but for where /srv/wsgi-journey (and its src checkout) is and the port.
  const site = readFileSync(path.join(REPO, "deploy", "nginx", "wsgi-journey.conf"), "utf8")
    .replaceAll("/srv/wsgi-journey/src", REPO)
    .replaceAll("/srv/wsgi-journey", base)
    .replace(/^(\s*)listen 80;/m, `$1listen 127.0.0.1:${port};`);
  writeFileSync(path.join(base, "nginx", "site.conf"), site);
  writeFileSync(path.join(base, "nginx", "nginx.conf"), mainConfig(path.join(base, "nginx"), path.join(base, "nginx", "site.conf")));
  nginx = spawn("/usr/sbin/nginx", ["-c", path.join(base, "nginx", "nginx.conf"), "-p", path.join(base, "nginx")], { stdio: "ignore", detached: true });
  await expect.poll(() => existsSync(path.join(base, "nginx", "nginx.pid"))).toBe(true);
  // The first release, as an instructor's first run of the script does it.
  const first = await update();
  expect(first.status, first.output).toBe(0);
  await expect.poll(() => fetch(`${origin()}/api/health`).then((r) => r.status, () => 0), { timeout: 30_000 }).toBe(200);
});
test.afterAll(async () => {
  if (nginx?.pid) {
    try {
      process.kill(-nginx.pid, "SIGTERM"); // nginx and its workers (their own process group)
    } catch {
      /* gone */
    }
  }
  for (const id of existsSync(path.join(base, "releases")) ? spawnSync("ls", [path.join(base, "releases")], { encoding: "utf8" }).stdout.split("\n").filter(Boolean) : []) {
    const pidFile = path.join(base, "releases", id, ".run", "pid");
    if (existsSync(pidFile)) spawnSync("kill", ["-TERM", readFileSync(pidFile, "utf8").trim()]);
  }
  rmSync(base, { recursive: true, force: true });
});

test("an update switches to a new release under traffic without a failed request, and rollback goes back the same way", async () => {
  test.setTimeout(240_000);
  const firstId = liveRelease();
  expect(await (await fetch(`${origin()}/which-release`, { headers: { cookie: "wj_id=x.y" } })).text()).toBe(firstId);

  const clients = keepRequesting();
  const updated = await update();
  await new Promise((r) => setTimeout(r, 1000)); // traffic goes on after the switch
  await clients.stop();
  expect(updated.status, updated.output).toBe(0);
  const secondId = liveRelease();
  expect(secondId).not.toBe(firstId);
  expect(clients.failures).toEqual([]);
  expect(clients.count()).toBeGreaterThan(50);
  // Resent after a reset on a kept-alive connection: at most one per client connection and reload.
  expect(clients.resent()).toBeLessThanOrEqual(4);
  expect([...clients.releasesSeen]).toContain(secondId);
  expect(alive(nodePid(firstId))).toBe(false);
  expect(alive(nodePid(secondId))).toBe(true);

  const back = keepRequesting();
  const rolledBack = await update("--rollback");
  await new Promise((r) => setTimeout(r, 1000));
  await back.stop();
  expect(rolledBack.status, rolledBack.output).toBe(0);
  expect(liveRelease()).toBe(firstId);
  expect(back.failures).toEqual([]);
  expect(back.resent()).toBeLessThanOrEqual(4);
  expect(await (await fetch(`${origin()}/which-release`, { headers: { cookie: "wj_id=x.y" } })).text()).toBe(firstId);
  expect(alive(nodePid(secondId))).toBe(false);
});
