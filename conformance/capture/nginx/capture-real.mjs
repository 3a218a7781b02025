// Capture the real nginx 1.22.1's answers for fixtures/real/cases.json (run by hand, never by tests):
//   node conformance/capture/nginx/capture-real.mjs
// Starts /usr/sbin/nginx on 127.0.0.1:28440 under /tmp/ngxfx with Debian's http{} settings and
// fixtures/real/site.conf, fake HTTP and uwsgi upstreams on unix sockets, sends each raw request and records
// the response bytes, what the upstream received, and the new error/access log lines. Writes expected.json.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

const here = path.dirname(new URL(import.meta.url).pathname);
const fx = path.join(here, "../../../lib/chain/nginx/fixtures/real");
const base = "/tmp/ngxfx";
const cases = JSON.parse(fs.readFileSync(path.join(fx, "cases.json"), "utf8"));
const files = JSON.parse(fs.readFileSync(path.join(fx, "files.json"), "utf8"));

// The recorded answers name /tmp/ngxfx and ports 28440/28448, so two runs cannot share the machine: a second run
// waits for the first (a lock folder holding the owner's pid; one whose owner is gone is taken over).
const lock = "/tmp/ngxfx.lock";
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
for (const deadline = Date.now() + 15 * 60_000; ; ) {
  try {
    fs.mkdirSync(lock);
    fs.writeFileSync(`${lock}/pid`, String(process.pid));
    break;
  } catch {
    const owner = Number(fs.existsSync(`${lock}/pid`) ? fs.readFileSync(`${lock}/pid`, "utf8") : 0);
    if (owner && !alive(owner)) fs.rmSync(lock, { recursive: true, force: true });
    else if (Date.now() > deadline) throw new Error(`${lock} is held by pid ${owner}`);
    else await new Promise((r) => setTimeout(r, 200));
  }
}
process.on("exit", () => {
  if (fs.existsSync(`${lock}/pid`) && fs.readFileSync(`${lock}/pid`, "utf8") === String(process.pid)) fs.rmSync(lock, { recursive: true, force: true });
});

fs.rmSync(base, { recursive: true, force: true });
fs.mkdirSync(base + "/logs", { recursive: true });
const mtime = new Date(files.mtime);
for (const [rel, text] of Object.entries(files.files)) {
  const p = path.join(files.mount, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
}
const touchAll = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) touchAll(p);
    fs.utimesSync(p, mtime, mtime);
  }
  fs.utimesSync(dir, mtime, mtime);
};
touchAll(files.mount);

const site = fs.readFileSync(path.join(fx, "site.conf"), "utf8").replace(/include (proxy_params|uwsgi_params);/g, "include /etc/nginx/$1;");
fs.writeFileSync(`${base}/site.conf`, site);
fs.writeFileSync(
  `${base}/nginx.conf`,
  `worker_processes 1;
error_log ${base}/logs/error.log;
error_log ${base}/logs/debug.log debug;
events { worker_connections 64; }
http {
  client_body_temp_path ${base}/cb; proxy_temp_path ${base}/pt; fastcgi_temp_path ${base}/ft; uwsgi_temp_path ${base}/ut; scgi_temp_path ${base}/st;
  sendfile on; tcp_nopush on; types_hash_max_size 2048;
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${base}/logs/access.log;
  gzip on;
  include ${base}/site.conf;
}
`,
);

let current = null;
let received = [];
const up = net.createServer((c) => {
  c.on("error", () => {});
  const chunks = [];
  c.on("data", (d) => {
    chunks.push(d);
    const b = Buffer.concat(chunks);
    const headEnd = b.indexOf("\r\n\r\n");
    if (headEnd < 0) return;
    const m = /content-length: (\d+)/i.exec(b.subarray(0, headEnd).toString("latin1"));
    if (m && b.length < headEnd + 4 + Number(m[1])) return;
    received.push({ kind: "http", raw: b.toString("latin1") });
    if (current.upstreamMode === "silent") return;
    if (current.upstreamMode === "close") c.destroy();
    else c.end(Buffer.from(current.upstreamResponse ?? "", "latin1"));
  });
});
const uw = net.createServer((c) => {
  c.on("error", () => {});
  const chunks = [];
  c.on("data", (d) => {
    chunks.push(d);
    const b = Buffer.concat(chunks);
    if (b.length < 4) return;
    const size = b.readUInt16LE(1);
    if (b.length < 4 + size) return;
    const vars = [];
    let o = 4;
    while (o < 4 + size) {
      const kl = b.readUInt16LE(o); o += 2;
      const k = b.subarray(o, o + kl).toString("latin1"); o += kl;
      const vl = b.readUInt16LE(o); o += 2;
      const v = b.subarray(o, o + vl).toString("latin1"); o += vl;
      vars.push([k, v]);
    }
    const body = b.subarray(4 + size).toString("latin1");
    const cl = Number(vars.find(([k]) => k === "CONTENT_LENGTH")?.[1] || 0);
    if (body.length < cl) return;
    received.push({ kind: "uwsgi", header: [b[0], size, b[3]], vars, body });
    if (current.upstreamMode === "silent") return;
    c.end(Buffer.from(current.upstreamResponse ?? "", "latin1"));
  });
});
for (const s of ["up.sock", "uw.sock"]) fs.rmSync(`${base}/${s}`, { force: true });
await new Promise((r) => up.listen(`${base}/up.sock`, r));
await new Promise((r) => uw.listen(`${base}/uw.sock`, r));
const upTcp = net.createServer((c) => up.emit("connection", c));
await new Promise((r) => upTcp.listen(28448, "127.0.0.1", r));
fs.chmodSync(`${base}/up.sock`, 0o777);
fs.chmodSync(`${base}/uw.sock`, 0o777);

const listening = () => /^\s*\d+: 0100007F:6F18 0+:0+ 0A /m.test(fs.readFileSync("/proc/net/tcp", "utf8"));
// A process already listening there (an nginx left behind by an interrupted run) would pass the readiness check
// below and answer instead of the nginx started here: refuse with its address rather than record its answers.
if (listening()) throw new Error("127.0.0.1:28440 is already in use (an nginx left from an interrupted capture? stop it by its pid)");
const nginx = spawn("/usr/sbin/nginx", ["-p", base, "-c", `${base}/nginx.conf`, "-g", `daemon off; pid ${base}/nginx.pid;`], { stdio: "inherit" });
// Ready when 127.0.0.1:28440 is in LISTEN state (/proc/net/tcp), not after a fixed sleep: a busy machine starts
// nginx slower. No probe connection is made, so the error log's connection numbers (*N) stay what they were.
const ours = () => fs.existsSync(`${base}/nginx.pid`) && Number(fs.readFileSync(`${base}/nginx.pid`, "utf8")) === nginx.pid;
for (const deadline = Date.now() + 20_000; !(listening() && ours()); ) {
  if (Date.now() > deadline || nginx.exitCode !== null) throw new Error("nginx did not listen on 127.0.0.1:28440");
  await new Promise((r) => setTimeout(r, 20));
}

const readNew = (file, offset) => {
  const all = fs.existsSync(file) ? fs.readFileSync(file, "latin1") : "";
  return { lines: all.slice(offset).split("\n").filter(Boolean), offset: all.length };
};
let errOff = readNew(`${base}/logs/error.log`, 0).offset;
let dbgOff = readNew(`${base}/logs/debug.log`, 0).offset;
let accOff = 0;

// A request is over when nginx wrote its access-log line (its log phase runs after the whole response was handed to
// the socket, and before nginx closes the connection; every case logs one): then the bytes already sent are read and
// the connection is closed. Never by a pause in the data. `waitMs` (cases whose upstream stays silent until nginx's own timeout) only
// raises the bound after which an unfinished request is given up.
const accessGrew = () => {
  const file = `${base}/logs/access.log`;
  return fs.existsSync(file) && fs.readFileSync(file, "latin1").slice(accOff).includes("\n");
};
const send = (raw, waitMs = 400) =>
  new Promise((resolve) => {
    const chunks = [];
    let finished = false;
    const c = net.connect(28440, "127.0.0.1", () => c.write(Buffer.from(raw, "latin1")));
    const done = () => {
      if (finished) return;
      finished = true;
      clearTimeout(bound);
      clearInterval(poll);
      c.destroy();
      resolve({ raw: Buffer.concat(chunks).toString("latin1"), localPort: c.localPort });
    };
    const bound = setTimeout(done, waitMs + 20_000);
    const poll = setInterval(() => {
      if (accessGrew()) {
        clearInterval(poll);
        // Let the event loop deliver what nginx wrote before it logged.
        setTimeout(done, 50);
      }
    }, 10);
    c.on("data", (d) => chunks.push(d));
    c.on("error", () => {});
  });

const out = [];
for (const k of cases) {
  current = k;
  received = [];
  const { raw, localPort } = await send(k.request, k.waitMs);
  await new Promise((r) => setTimeout(r, 50));
  const e = readNew(`${base}/logs/error.log`, errOff);
  errOff = e.offset;
  const dbg = readNew(`${base}/logs/debug.log`, dbgOff);
  dbgOff = dbg.offset;
  // nginx's location search as its debug log shows it.
  const locationLog = dbg.lines
    .map((l) => /\] \d+#\d+: \*\d+ ((?:test location: .*)|(?:using configuration .*))$/.exec(l)?.[1])
    .filter((l) => l !== undefined);
  const a = readNew(`${base}/logs/access.log`, accOff);
  accOff = a.offset;
  const normPort = (s) => s.split(String(localPort)).join("<client-port>");
  out.push({
    name: k.name,
    response: raw,
    upstream: received.map((r) => (r.kind === "uwsgi" ? { ...r, vars: r.vars.map(([n, v]) => [n, n === "REMOTE_PORT" ? normPort(v) : v]) } : r)),
    errorLog: e.lines,
    locationLog,
    accessLog: a.lines,
  });
  process.stdout.write(".");
}
fs.writeFileSync(path.join(fx, "expected.json"), JSON.stringify(out, null, 1) + "\n");
process.kill(nginx.pid, "SIGQUIT");
up.close();
upTcp.close();
uw.close();
console.log(`\n${out.length} cases written`);
setTimeout(() => process.exit(0), 500);
