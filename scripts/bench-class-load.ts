/**
 * The classroom load phase of `npm run bench:classroom` (prints, never asserts): through the deploy nginx, an
 * instructor's dashboard stream open, CLASS_STUDENTS students joined (each with its own identity cookie and its
 * "follow me" stream open) sending answers, while CLASS_READERS other clients read lessons (pages, link
 * prefetches, diagram requests), for CLASS_SECONDS. Prints p50/p99/max of an answer submission (target p99 <
 * 100 ms), errors, how many dashboard updates arrived, and the Node server's memory (peak, first vs last third).
 *   CLASS_STUDENTS=100 CLASS_READERS=100 CLASS_SECONDS=60 ANSWER_EVERY_MS=1000 READER_RPS=2
 */
import http from "node:http";
import os from "node:os";
import autocannon from "autocannon";

const STUDENTS = Number(process.env.CLASS_STUDENTS ?? 100);
const READERS = Number(process.env.CLASS_READERS ?? 100);
const SECONDS = Number(process.env.CLASS_SECONDS ?? 60);
const ANSWER_EVERY_MS = Number(process.env.ANSWER_EVERY_MS ?? 1000);
const READER_RPS = Number(process.env.READER_RPS ?? 2);

export interface ReaderRequest {
  method?: "GET" | "POST";
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: STUDENTS + 10 });

function send(base: URL, method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      { host: base.hostname, port: base.port, method, path, agent, headers: { "content-type": "application/json", ...(text ? { "content-length": Buffer.byteLength(text) } : {}), ...headers } },
      (res) => {
        let data = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (data += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

/** Opens an event stream and counts its state events until `stop`. */
function openStream(base: URL, path: string, headers: Record<string, string>) {
  let states = 0;
  let failed = false;
  const req = http.get({ host: base.hostname, port: base.port, path, headers, agent: false }, (res) => {
    if (res.statusCode !== 200) failed = true;
    res.setEncoding("utf8");
    res.on("data", (text: string) => (states += text.split("event: state").length - 1));
  });
  req.on("error", () => (failed = !stopped));
  let stopped = false;
  return {
    states: () => states,
    failed: () => failed,
    stop: () => {
      stopped = true;
      req.destroy();
    },
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

export async function classLoadPhase(nginxUrl: string, readerRequests: ReaderRequest[], sampleMemory: () => number): Promise<void> {
  const base = new URL(nginxUrl);
  const made = await send(base, "POST", "/api/class", { title: "bench" }, {});
  const { code, secret } = JSON.parse(made.body) as { code: string; secret: string };
  const dashboard = openStream(base, "/api/class/dashboard", { "x-class-code": code, "x-class-secret": secret });

  // Each student: its own browser identity (the cookie its join answer set), its token, its follow stream.
  const students: Array<{ token: string; cookie: string; n: number }> = [];
  for (let i = 0; i < STUDENTS; i++) {
    const joined = await send(base, "POST", "/api/class/join", { code, nickname: `s${i}` }, {});
    if (joined.status !== 201) throw new Error(`join ${i}: ${joined.status} ${joined.body}`);
    const cookie = String(joined.headers["set-cookie"] ?? "").split(";")[0]!;
    students.push({ token: (JSON.parse(joined.body) as { token: string }).token, cookie, n: 0 });
  }
  const follows = students.map((s) => openStream(base, "/api/class/live", { "x-class-token": s.token, cookie: s.cookie }));
  // Warm-up, not measured: each student's first answer (connections opened, the server's code paths compiled).
  await Promise.all(students.map((s) => send(base, "POST", "/api/class/report", { events: [{ kind: "lesson", slug: "bench/lesson-0", state: "started" }] }, { "x-class-token": s.token, cookie: s.cookie })));
  const load = os.loadavg()[0]!.toFixed(1);
  console.log(`# class phase: ${STUDENTS} students answering every ~${ANSWER_EVERY_MS} ms, ${READERS} readers at ${READER_RPS} req/s each, ${SECONDS} s (machine load average ${load} on ${os.availableParallelism()} CPUs)`);

  const latencies: number[] = [];
  const failures = new Map<string, number>();
  const memory: number[] = [];
  const memoryTimer = setInterval(() => memory.push(sampleMemory()), 1000);
  const end = Date.now() + SECONDS * 1000;
  const student = async (s: (typeof students)[number], index: number) => {
    // Spread the students' first answers over one interval.
    await new Promise((r) => setTimeout(r, (index / STUDENTS) * ANSWER_EVERY_MS));
    while (Date.now() < end) {
      const q = s.n++ % 40;
      const event = { kind: "answer", slug: `bench/lesson-${q % 8}`, question: `quiz:bench-${q}#0`, answer: String(s.n % 4), correct: s.n % 4 === 0 };
      const started = performance.now();
      try {
        const answer = await send(base, "POST", "/api/class/report", { events: [event] }, { "x-class-token": s.token, cookie: s.cookie });
        latencies.push(performance.now() - started);
        if (answer.status !== 200) failures.set(String(answer.status), (failures.get(String(answer.status)) ?? 0) + 1);
      } catch (error) {
        failures.set((error as Error).message, (failures.get((error as Error).message) ?? 0) + 1);
      }
      await new Promise((r) => setTimeout(r, ANSWER_EVERY_MS * (0.5 + Math.random())));
    }
  };
  const readers = autocannon({
    url: nginxUrl,
    connections: READERS,
    duration: SECONDS,
    overallRate: READERS * READER_RPS,
    requests: readerRequests,
    headers: { "accept-encoding": "gzip, deflate, br", cookie: "wj_id=bench.bench" },
    reconnectRate: 500,
  });
  const [reading] = await Promise.all([readers, ...students.map(student)]);
  clearInterval(memoryTimer);
  dashboard.stop();
  for (const f of follows) f.stop();

  const sorted = latencies.sort((a, b) => a - b);
  const errors = [...failures.values()].reduce((a, b) => a + b, 0);
  console.log(
    `${"answer submission via nginx (target p99 < 100)".padEnd(44)} ${(sorted.length / SECONDS).toFixed(0).padStart(7)} req/s  p50 ${percentile(sorted, 50).toFixed(1).padStart(5)} ms  p99 ${percentile(sorted, 99).toFixed(1).padStart(6)} ms  max ${(sorted.at(-1) ?? 0).toFixed(0).padStart(5)} ms  errors ${errors}`,
  );
  if (errors > 0) console.log(`  (answer errors: ${JSON.stringify(Object.fromEntries(failures))})`);
  const readerErrors = reading.errors + reading.non2xx + reading.timeouts;
  console.log(`${"readers meanwhile (pages, prefetches, chain)".padEnd(44)} ${reading.requests.average.toFixed(0).padStart(7)} req/s  p50 ${String(reading.latency.p50).padStart(5)} ms  p99 ${String(reading.latency.p99).padStart(6)} ms  max ${String(reading.latency.max).padStart(5)} ms  errors ${readerErrors}`);
  const brokenStreams = follows.filter((f) => f.failed()).length + (dashboard.failed() ? 1 : 0);
  console.log(`live streams: dashboard got ${dashboard.states()} updates; follow streams open ${follows.length}, failed ${brokenStreams}`);
  const third = Math.max(1, Math.floor(memory.length / 3));
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  console.log(
    `Node server memory in the class phase: peak ${Math.max(...memory).toFixed(0)} MB; first ${third} s avg ${avg(memory.slice(0, third)).toFixed(0)} MB, last ${third} s avg ${avg(memory.slice(-third)).toFixed(0)} MB; lowest sample first ${Math.min(...memory.slice(0, third)).toFixed(0)} MB, last ${Math.min(...memory.slice(-third)).toFixed(0)} MB`,
  );
  await send(base, "DELETE", "/api/class", undefined, { "x-class-code": code, "x-class-secret": secret });
  agent.destroy();
}
