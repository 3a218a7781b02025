/**
 * A classroom at once (prints, never asserts): N students opening lessons and sending diagram requests, against the
 * deploy/ setup (real nginx in front of the built course's Node server on a unix socket), loopback only, bounded.
 * Prints throughput, p50/p99, errors for: a plain static file of a lesson page's size through nginx (yardstick),
 * lesson pages through nginx, lesson pages from Node directly, the link prefetches a shown page makes (RSC
 * segments, nginx's files), the chain API, the chain API's tail (p50/p99/max at 50 and 100 connections, from Node
 * directly and through nginx); then a 60 s mixed classroom run (pages, prefetches, diagram requests)
 * with the Node server's memory (peak, first vs last 20 s); then the class phase (scripts/bench-class-load.ts):
 * students joined to a class sending answers while others read lessons, with the p99 of an answer submission.
 * Run after a build: npm run bench:classroom   (STUDENTS=100 BENCH_SECONDS=10 MIX_SECONDS=60 COURSE_WORKERS=1
 * ACCEPT_ENCODING=identity to change; BENCH_ONLY=tail runs only the chain API's tail, BENCH_ONLY=class only the class phase, whose own variables are listed in
 * bench-class-load.ts)
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import { childPids, startDeployedCourse } from "../deploy/local/stack";
import { IDENTITY_COOKIE, mintIdentity } from "../lib/api/identity.server";
import { classLoadPhase } from "./bench-class-load";

/** Ends the run early (BENCH_ONLY) through the same clean-up. */
class Done extends Error {}

const STUDENTS = Number(process.env.STUDENTS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const MIX_SECONDS = Number(process.env.MIX_SECONDS ?? 60);

function rssMB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** The Node server's memory: its process and, with COURSE_WORKERS > 1, its cluster workers. */
function serverRssMB(pid: number): number {
  return childPids(pid).reduce((total, child) => total + rssMB(child), rssMB(pid));
}

type Req = { method?: "GET" | "POST"; path: string; body?: string; headers?: Record<string, string> };

/**
 * Every request carries a browser's Accept-Encoding, so nginx answers as it would a class: pages and assets from
 * their gzip copies, Node's JSON compressed on the fly. ACCEPT_ENCODING=identity compares plain serving instead.
 */
const ACCEPT_ENCODING = process.env.ACCEPT_ENCODING ?? "gzip, deflate, br";
// A returning browser: it has its identity cookie (nginx sends a cookie-less first page to Node to set one, and
// only checks that the cookie is there); the Node server checks its signature, so it is a real one, signed with the
// secret this run gives the server.
const BENCH_SECRET = randomBytes(24).toString("base64url");
const EXTRA_HEADERS: Record<string, string> = { "accept-encoding": ACCEPT_ENCODING, cookie: `${IDENTITY_COOKIE}=${mintIdentity(Buffer.from(BENCH_SECRET, "utf8"))}` };

/**
 * Requests per connection before the load generator opens a new one. nginx closes a client connection after
 * keepalive_requests (1000) answers, saying so in the last one (Connection: close); a browser then opens a new
 * connection, but autocannon writes its next request onto the closing one and counts the reset as an error.
 * Reconnecting earlier keeps that artefact out of the figures (e2e/deploy.spec.ts checks that a client which
 * honours Connection: close crosses that limit without an error).
 */
const RECONNECT_EVERY = 500;

async function run(label: string, url: string, requests: Req[], seconds: number, socketPath?: string, connections = STUDENTS) {
  // Each phase starts on a settled machine: the previous phase's sockets closed, its garbage collected.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const result = await autocannon({ url, connections, duration: seconds, requests, socketPath, headers: EXTRA_HEADERS, reconnectRate: RECONNECT_EVERY });
  const errors = result.errors + result.non2xx + result.timeouts;
  if (errors > 0) {
    const statuses = Object.entries(result.statusCodeStats ?? {}).filter(([code]) => !code.startsWith("2"));
    console.log(`  (${label}: ${result.errors} connection errors, ${result.timeouts} timeouts, non-2xx ${JSON.stringify(Object.fromEntries(statuses))})`);
  }
  console.log(
    `${label.padEnd(44)} ${result.requests.average.toFixed(0).padStart(7)} req/s  p50 ${String(result.latency.p50).padStart(4)} ms  p99 ${String(result.latency.p99).padStart(5)} ms  max ${String(result.latency.max).padStart(5)} ms  errors ${errors}`,
  );
  return result;
}

// Lesson URLs from the built site's page list.
const manifest = JSON.parse(readFileSync(".next/prerender-manifest.json", "utf8")) as { routes: Record<string, unknown> };
const lessons = Object.keys(manifest.routes).filter((r) => r.startsWith("/learn/"));
if (lessons.length === 0) throw new Error("no prerendered lessons found: build first");

const yardstick = mkdtempSync(path.join(os.tmpdir(), "yardstick-"));
chmodSync(yardstick, 0o755); // nginx's workers run unprivileged
// The class phase's database lives in the temp folder and goes with it.
const course = await startDeployedCourse({ env: { CHAIN_RATE_LIMIT: "0", CHAIN_ADDRESS_LIMIT: "0", COURSE_SECRET: BENCH_SECRET, CLASSROOM_DB: path.join(yardstick, "classroom.sqlite") } });
try {
  if (process.env.BENCH_ONLY === "class") {
    await classLoadPhase(course.nginxUrl, await readerMix(), () => serverRssMB(course.nodePid));
    throw new Done();
  }
  const chainBody = JSON.stringify({ scenario: "hello_cju", request: { method: "GET", target: "/hello/cju" } });
  const chainRequest: Req = { method: "POST", path: "/api/chain", body: chainBody, headers: { "content-type": "application/json" } };
  if (process.env.BENCH_ONLY === "tail") {
    await warmChain(course, chainRequest);
    await tailPhase(course, chainRequest);
    throw new Done();
  }
  const lessonHtml = await fetch(course.nginxUrl + lessons[0]).then((r) => r.text());
  writeFileSync(path.join(yardstick, "page.html"), lessonHtml, { mode: 0o644 });
  // Like the course's pages (scripts/precompress.mjs), the plain file has a gzip copy for gzip_static.
  writeFileSync(path.join(yardstick, "page.html.gz"), gzipSync(lessonHtml, { level: 9 }), { mode: 0o644 });
  console.log(`# classroom: ${STUDENTS} connections, ${SECONDS} s per phase, ${lessons.length} lessons, page ${lessonHtml.length} bytes, ${process.env.COURSE_WORKERS ?? 1} Node worker(s) (COURSE_WORKERS), Accept-Encoding "${ACCEPT_ENCODING}"`);
  console.log("# chain API rate limits (per browser and per address) off for this run: every connection here is one browser on 127.0.0.1");

  // Yardstick: nginx serving a plain file of the same size (same nginx, through the deploy's static location).
  const staticServer = await startYardstick(yardstick);
  try {
    const plain = await run("plain static file via nginx (yardstick)", staticServer.url, [{ path: "/page.html" }], SECONDS);
    const pages = await run("lesson pages via nginx", course.nginxUrl, lessons.map((p) => ({ path: p })), SECONDS);
    console.log(`ratio lesson pages / plain file (target ≥ 0.5): ${(pages.requests.average / plain.requests.average).toFixed(2)}`);
  } finally {
    await staticServer.stop();
  }
  await run("lesson pages from Node directly", "http://localhost", lessons.map((p) => ({ path: p })), SECONDS, course.socket);
  // Each lesson page a browser shows prefetches every sidebar link: per link its "_tree" and its page segment.
  const prefetches = (await Promise.all(lessons.map(segmentPrefetches))).flat();
  await run("link prefetches (RSC segments) via nginx", course.nginxUrl, prefetches, SECONDS);
  // The Next server's own ceiling for an API route: its smallest JSON route through the same nginx.
  await run("trivial JSON route via nginx (ceiling)", course.nginxUrl, [{ path: "/api/ping" }], SECONDS);
  await warmChain(course, chainRequest);
  await run("chain API via nginx (target ≥ 1000, p99 < 100)", course.nginxUrl, [chainRequest], SECONDS);

  await tailPhase(course, chainRequest);

  // The classroom mix: mostly reading, some diagram requests; memory sampled each second.
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(serverRssMB(course.nodePid)), 1000);
  const mix = await readerMix();
  await run(`classroom mix for ${MIX_SECONDS} s`, course.nginxUrl, mix, MIX_SECONDS);
  clearInterval(timer);
  const third = Math.max(1, Math.floor(samples.length / 3));
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const first = samples.slice(0, third);
  const last = samples.slice(-third);
  console.log(`Node server memory: peak ${Math.max(...samples).toFixed(0)} MB (target < 600); first ${third} s avg ${avg(first).toFixed(0)} MB, last ${third} s avg ${avg(last).toFixed(0)} MB`);
  // RSS swings with each garbage collection; a leak shows as a rising floor (the lowest sample of a window).
  console.log(`  lowest sample: first ${third} s ${Math.min(...first).toFixed(0)} MB, last ${third} s ${Math.min(...last).toFixed(0)} MB`);

  await classLoadPhase(course.nginxUrl, mix, () => serverRssMB(course.nodePid));
} catch (error) {
  if (!(error instanceof Done)) throw error;
} finally {
  await course.stop();
}
process.exit(0);

/** A server that has just started compiles its hot code while it answers (V8's tiers): a class meets a warm one. */
async function warmChain(course: { socket: string }, chainRequest: Req) {
  await run("chain API warm-up (not a figure)", "http://localhost", [chainRequest], 5, course.socket, 50);
}

/** The chain API's tail: p99 within 5× p50 at 50 and 100 connections, from Node directly (its socket) and through nginx. */
async function tailPhase(course: { socket: string; nginxUrl: string }, chainRequest: Req) {
  for (const connections of [50, 100]) {
    for (const [how, url, socket] of [["Node directly", "http://localhost", course.socket], ["via nginx", course.nginxUrl, undefined]] as const) {
      const result = await run(`chain API ${how}, ${connections} connections`, url, [chainRequest], SECONDS, socket, connections);
      console.log(`  tail: p99/p50 = ${(result.latency.p99 / Math.max(1, result.latency.p50)).toFixed(1)} (target ≤ 5), max ${result.latency.max} ms`);
    }
  }
}

/** What a student reading lessons requests: pages, their link prefetches, diagram requests. */
async function readerMix(): Promise<Req[]> {
  const prefetches = (await Promise.all(lessons.slice(0, 6).map(segmentPrefetches))).flat();
  const json = { "content-type": "application/json" };
  return [
    ...lessons.slice(0, 6).map((p) => ({ path: p })),
    ...prefetches.slice(0, 12),
    { method: "POST", path: "/api/chain", body: JSON.stringify({ scenario: "hello_cju", request: { method: "GET", target: "/hello/cju" } }), headers: json },
    { method: "POST", path: "/api/chain", body: JSON.stringify({ scenario: "hello_cju", request: { method: "GET", target: "/static/style.css" } }), headers: json },
    { method: "POST", path: "/api/chain", body: JSON.stringify({ scenario: "hello_cju", faults: { gateway: "down" }, request: { method: "GET", target: "/" } }), headers: json },
  ];
}

async function startYardstick(root: string) {
  const { spawn } = await import("node:child_process");
  const net = await import("node:net");
  const port: number = await new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const conf = path.join(root, "nginx.conf");
  writeFileSync(
    conf,
    `worker_processes 2; pid ${root}/nginx.pid; error_log ${root}/error.log; daemon off;
events { worker_connections 1024; }
http { include /etc/nginx/mime.types; sendfile on; tcp_nopush on; gzip on; gzip_static on; access_log ${root}/access.log;
  client_body_temp_path ${root}/b; proxy_temp_path ${root}/p; fastcgi_temp_path ${root}/f; uwsgi_temp_path ${root}/u; scgi_temp_path ${root}/s;
  server { listen 127.0.0.1:${port}; root ${root}; } }
`,
  );
  const child = spawn("/usr/sbin/nginx", ["-c", conf, "-p", root], { stdio: "ignore", detached: true });
  for (let i = 0; i < 50; i++) {
    if (await fetch(`http://127.0.0.1:${port}/page.html`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        /* gone */
      }
    },
  };
}

/**
 * The two requests Next's client makes to prefetch a <Link> to `page` (seen in Chromium): RSC segment prefetches,
 * with the `_rsc` cache-busting value Next computes from the headers, so that Node would accept them as well.
 */
async function segmentPrefetches(page: string): Promise<Req[]> {
  const { computeCacheBustingSearchParam } = (await import("next/dist/shared/lib/router/utils/cache-busting-search-param.js")) as {
    computeCacheBustingSearchParam: (prefetch: string, segment: string, stateTree: undefined, nextUrl: string) => Promise<string>;
  };
  const nextUrl = page;
  return Promise.all(
    ["/_tree", "/learn/$c$slug/__PAGE__"].map(async (segment) => ({
      path: `${page}?_rsc=${await computeCacheBustingSearchParam("1", segment, undefined, nextUrl)}`,
      headers: { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": segment, "next-url": nextUrl },
    })),
  );
}
