/**
 * Prints (never asserts) how fast the embedded chain is, beside the real programs measured in the same run:
 *  1. requests/s of the pure library (runChain) for a proxied route and a static file, and of the embedded Flask
 *     app alone for a simple view;
 *  2. requests/s of the real nginx + Gunicorn + Flask chain for the same requests (target: library ≥ 4× the real
 *     chain's hello route; the static file is also set beside real nginx serving it, a stricter yardstick);
 *  3. requests/s and p50/p99 of POST /api/chain beside GET /api/ping on the same built server (target ≥ 80%),
 *     and beside POST /api/ping with the same body (the same work for the server: read a body, answer JSON);
 *     once through Next's route handlers and once as the production server answers (its direct API path);
 *  4. the load model's real time for a crowd: 100 students at once on classroom_load's 1-second /report behind
 *     Gunicorn with 3 sync workers (target: under 50 ms), the median of repeated runs.
 * Run: npm run bench:chain   (builds first when there is no build). Loopback only, bounded in time.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { startRealChain } from "../conformance/real-chain";
import { runChain } from "../lib/chain/run";
import { flaskAppLoader } from "../lib/chain/flask";
import { loadScenario } from "../lib/scenarios/load.server";
import { runLoad } from "../lib/chain/load/run-load";
import { loadInputFor } from "../lib/chain/load/setup";
import type { Environ } from "../lib/chain/trace";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const encoder = new TextEncoder();
const rows: Array<[string, string]> = [];
const print = (label: string, value: string) => {
  rows.push([label, value]);
  console.log(`${label.padEnd(58)} ${value}`);
};

function timedLoop(fn: () => void): number {
  for (let i = 0; i < 200; i++) fn(); // warm up the JIT
  const end = performance.now() + SECONDS * 1000;
  let count = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 50; i++) fn();
    count += 50;
  }
  return count / SECONDS;
}

async function load(url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}, seconds = SECONDS) {
  const result = await autocannon({ url, connections: 16, duration: seconds, method: (init.method ?? "GET") as "GET", body: init.body, headers: init.headers });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

const scenario = await loadScenario("hello_cju");
if (!scenario) throw new Error("hello_cju scenario missing");
const request = (target: string) => encoder.encode(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nUser-Agent: bench\r\n\r\n`);
const chainRps = (target: string) => {
  const raw = request(target);
  return timedLoop(() => {
    const result = runChain({ scenario: "hello_cju", manifest: scenario.manifest, files: scenario.files, raw });
    if (!result.ok || result.response.status !== 200) throw new Error(`unexpected result for ${target}`);
  });
};

console.log(`# embedded chain vs real chain (${SECONDS} s per figure, 2-core machine)`);
const libProxied = chainRps("/hello/cju");
print("embedded library, proxied GET /hello/cju (req/s)", libProxied.toFixed(0));
const libStatic = chainRps("/static/style.css");
print("embedded library, static GET /static/style.css (req/s)", libStatic.toFixed(0));

const classroom = (await loadScenario("classroom_load"))!;
const crowdInput = loadInputFor("classroom_load", classroom.manifest, classroom.files, {
  gateway: "gunicorn",
  crowd: { count: 100, spreadMs: 0, target: "/report" },
  gunicorn: { workers: 3 },
});
const crowdTimes: number[] = [];
for (let i = 0; i < 25; i++) {
  const t = performance.now();
  const crowd = runLoad(crowdInput);
  crowdTimes.push(performance.now() - t);
  if (!crowd.ok) throw new Error("the bench crowd did not run");
}
crowdTimes.splice(0, 5); // warm-up
crowdTimes.sort((a, b) => a - b);
print("load model, 100 students on /report, 3 workers (ms, median)", crowdTimes[Math.floor(crowdTimes.length / 2)].toFixed(1));

const loaded = flaskAppLoader.load(scenario.files, "app", "app", scenario.manifest.environment ?? {});
if (!loaded.ok) throw new Error(loaded.error.message);
const environ: Environ = [
  ["REQUEST_METHOD", { type: "str", value: "GET" }],
  ["SCRIPT_NAME", { type: "str", value: "" }],
  ["PATH_INFO", { type: "str", value: "/hello/cju" }],
  ["QUERY_STRING", { type: "str", value: "" }],
  ["SERVER_NAME", { type: "str", value: "localhost" }],
  ["SERVER_PORT", { type: "str", value: "80" }],
  ["SERVER_PROTOCOL", { type: "str", value: "HTTP/1.0" }],
  ["HTTP_HOST", { type: "str", value: "localhost" }],
  ["wsgi.url_scheme", { type: "str", value: "http" }],
  ["wsgi.input", { type: "object", repr: "<_io.BytesIO>", data: new Uint8Array() }],
];
const appRps = timedLoop(() => {
  const outcome = loaded.app.call(environ, { startAt: 0, epochMs: Date.now() });
  if (outcome.kind !== "response") throw new Error("embedded app did not answer");
});
print("embedded Flask app alone, view hello() (req/s)", appRps.toFixed(0));

const real = await startRealChain({ scenario: "hello_cju", gateway: "gunicorn" });
try {
  const base = `http://127.0.0.1:${real.port}`;
  const proxied = await load(`${base}/hello/cju`, { headers: { host: "localhost" } });
  print("real nginx + Gunicorn + Flask, GET /hello/cju (req/s)", `${proxied.rps.toFixed(0)} (errors ${proxied.errors})`);
  const statics = await load(`${base}/static/style.css`, { headers: { host: "localhost" } });
  print("real nginx, GET /static/style.css (req/s)", `${statics.rps.toFixed(0)} (errors ${statics.errors})`);
  print("ratio library/real, proxied (target ≥ 4)", (libProxied / proxied.rps).toFixed(2));
  print("ratio library static / real chain's hello route (target ≥ 4)", (libStatic / proxied.rps).toFixed(2));
  print("ratio library static / real nginx static (stricter)", (libStatic / statics.rps).toFixed(2));
  print("ratio embedded app/real chain, simple view", (appRps / proxied.rps).toFixed(2));
} finally {
  await real.stop();
}

if (!existsSync(".next/BUILD_ID") || !existsSync(".next/direct-api.mjs")) {
  console.log("# no build yet: running npm run build");
  await new Promise<void>((resolve, reject) => {
    spawn("npm", ["run", "build"], { stdio: "inherit" }).on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`build failed (${code})`))));
  });
}

/**
 * POST /api/chain beside the trivial JSON route (GET /api/ping, and POST /api/ping with the same body) on one
 * server, started with `env`. Warms both up (JIT, caches), then alternates so that machine noise hits them
 * alike, and keeps each one's best round.
 */
async function measureApi(label: string, env: Record<string, string>) {
  const port = 3300 + Math.floor(Math.random() * 500);
  const server = spawn("node", ["scripts/server.mjs"], {
    env: { ...process.env, COURSE_LISTEN: `127.0.0.1:${port}`, CHAIN_RATE_LIMIT: "0", CHAIN_ADDRESS_LIMIT: "0", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  try {
    for (let i = 0; i < 120; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/ping`).then((r) => r.ok, () => false);
      if (ok) break;
      await sleep(250);
    }
    const body = JSON.stringify({ scenario: "hello_cju", request: { method: "GET", target: "/hello/cju" } });
    const post = { method: "POST", body, headers: { "content-type": "application/json" } };
    await load(`http://127.0.0.1:${port}/api/ping`, {}, 2);
    await load(`http://127.0.0.1:${port}/api/chain`, post, 2);
    type Load = Awaited<ReturnType<typeof load>>;
    const best = (a: Load | null, b: Load) => (a === null || b.rps > a.rps ? b : a);
    let ping: Load | null = null;
    let pingPost: Load | null = null;
    let api: Load | null = null;
    for (let round = 0; round < 2; round++) {
      ping = best(ping, await load(`http://127.0.0.1:${port}/api/ping`));
      pingPost = best(pingPost, await load(`http://127.0.0.1:${port}/api/ping`, post));
      api = best(api, await load(`http://127.0.0.1:${port}/api/chain`, post));
    }
    const show = (l: Load) => `${l.rps.toFixed(0)}, ${l.p50}/${l.p99} (errors ${l.errors})`;
    console.log(`# ${label}`);
    print("  GET /api/ping (req/s, p50/p99 ms)", show(ping!));
    print("  POST /api/ping with the same body (req/s, p50/p99 ms)", show(pingPost!));
    print("  POST /api/chain (req/s, p50/p99 ms)", show(api!));
    print("  ratio /api/chain / GET /api/ping (target ≥ 0.8)", (api!.rps / ping!.rps).toFixed(2));
    print("  ratio /api/chain / POST /api/ping", (api!.rps / pingPost!.rps).toFixed(2));
  } finally {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
}

await measureApi("API through Next's route handlers (app/api/*/route.ts; COURSE_DIRECT_API=0)", { COURSE_DIRECT_API: "0" });
await measureApi("API as the production server answers it (scripts/server.mjs: same handlers, no Next router)", {});
process.exit(0);
