/**
 * The fixtures lib/chain's tests read were recorded from the real programs by the tools in this folder. Here every
 * cheap tool runs again, on a scratch copy of the repository's tool and fixture folders, and what it writes must
 * equal the committed file (after hiding the values that vary from run to run: dates, pids, client ports). A
 * difference fails with the diff: the fixture is out of date or the tool changed. Run by npm run test:live.
 *
 * Not re-run here (minutes each, and the table they write is checked by the library's tests against the real
 * nginx's answers they hold): nginx-config/probe-directives.sh and probe-real-directives.mjs.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REPO = path.resolve(import.meta.dirname, "..", "..");
const PYTHON = "/usr/bin/python3";

/** The folders the tools read and write, copied into the scratch root at the same relative paths. */
const COPIED = [
  "conformance/capture",
  "content/scenarios",
  "lib/chain/nginx/fixtures",
  "lib/chain/nginx/config/fixtures",
  "lib/chain/nginx/config/debian",
  "lib/chain/flask/fixtures",
  "lib/chain/flask/secure-filename.cases.json",
  "lib/chain/jinja/fixtures",
  "lib/chain/regex/fixtures",
  "lib/chain/regex/pcre2-properties.ts",
  "lib/chain/zlib/fixtures",
  "lib/chain/python/modules/real-names.json",
];

/** Values that differ on every run of nginx, each with its reason. */
function hideNginxVolatile(text: string): string {
  return (
    text
      // nginx's Date and Expires headers: the time of the run.
      .replace(/(Date|Expires): \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT/g, "$1: <date>")
      // access-log and error-log time stamps, the error log's pid#tid.
      .replace(/\[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\]/g, "[<time>]")
      .replace(/\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[(\w+)\] \d+#\d+: /g, "<time> [$1] <pid>: ")
      // The client's ephemeral port nginx passes upstream as REMOTE_PORT.
      .replace(/("REMOTE_PORT",\s*")\d+"/g, '$1<port>"')
  );
}

/**
 * What Flask's answers hold that varies from run to run: the Allow header is built from a Python set of method
 * names, whose order changes with every interpreter (string hashing is randomised per process), so it is compared
 * sorted; Date is the time of the run; a static file's Last-Modified and ETag come from the file's mtime (a checkout
 * sets it) and, for the ETag, a checksum of its absolute path.
 */
function hideFlaskVolatile(text: string): string {
  return text
    .replace(/("Allow",\s*")([^"]*)"/g, (_m, head: string, value: string) => `${head}${value.split(", ").sort().join(", ")}"`)
    .replace(/("(?:Date|Last-Modified)",\s*")\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT"/g, '$1<date>"')
    .replace(/("ETag",\s*")\\"\d+(?:\.\d+)?-(\d+)-\d+\\""/g, '$1<mtime>-$2-<path checksum>"');
}

interface Tool {
  name: string;
  command: string[];
  /** Files (repo-relative) the tool writes; each must come out equal to the committed one. */
  outputs: () => string[];
  /** Hides what varies from run to run (both sides get it). */
  normalize?: (text: string) => string;
}

const flaskFixtures = readdirSync(path.join(REPO, "lib/chain/flask/fixtures"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => `lib/chain/flask/fixtures/${d.name}`);

const jinjaFixtures = readdirSync(path.join(REPO, "lib/chain/jinja/fixtures"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => `lib/chain/jinja/fixtures/${d.name}`);

const TOOLS: Tool[] = [
  {
    name: "nginx/capture-real.mjs (nginx 1.22.1 with fake upstreams)",
    command: [process.execPath, "conformance/capture/nginx/capture-real.mjs"],
    outputs: () => ["lib/chain/nginx/fixtures/real/expected.json"],
    normalize: hideNginxVolatile,
  },
  {
    name: "nginx-config/regen-fixtures.sh (nginx -t per config fixture)",
    command: ["sh", "conformance/capture/nginx-config/regen-fixtures.sh"],
    outputs: () =>
      readdirSync(path.join(REPO, "lib/chain/nginx/config/fixtures"))
        .sort()
        .map((c) => `lib/chain/nginx/config/fixtures/${c}/expected.txt`),
  },
  {
    name: "nginx-config/gen-debian.mjs (/etc/nginx text files)",
    command: [process.execPath, "conformance/capture/nginx-config/gen-debian.mjs"],
    outputs: () => ["lib/chain/nginx/config/debian/files.ts"],
  },
  {
    name: "flask/capture.py (Flask 2.2.2)",
    command: [PYTHON, "conformance/capture/flask/capture.py", ...flaskFixtures],
    outputs: () => flaskFixtures.map((f) => `${f}/expected.json`),
    normalize: hideFlaskVolatile,
  },
  {
    name: "flask/secure_filename_cases.py (Werkzeug 2.2.2 secure_filename)",
    command: [PYTHON, "conformance/capture/flask/secure_filename_cases.py"],
    outputs: () => ["lib/chain/flask/secure-filename.cases.json"],
  },
  {
    name: "jinja/capture.py (Jinja2 3.1.2 in Flask 2.2.2)",
    command: [PYTHON, "conformance/capture/jinja/capture.py", ...jinjaFixtures],
    outputs: () => jinjaFixtures.map((f) => `${f}/expected.json`),
  },
  {
    name: "regex/generate.py (nginx 1.22.1 / PCRE2 10.42)",
    command: [PYTHON, "conformance/capture/regex/generate.py"],
    outputs: () => ["pcre2-matches.json", "pcre2-errors.json", "pcre2-random.json"].map((f) => `lib/chain/regex/fixtures/${f}`),
  },
  {
    name: "regex/generate_python.py (Python 3.11 re)",
    command: [PYTHON, "conformance/capture/regex/generate_python.py"],
    outputs: () => ["lib/chain/regex/fixtures/python-matches.json"],
  },
  {
    name: "regex/generate_properties.py (libpcre2-8)",
    command: [PYTHON, "conformance/capture/regex/generate_properties.py"],
    outputs: () => ["lib/chain/regex/pcre2-properties.ts"],
  },
  {
    name: "python/module_names.py (the names of the real modules the model copies)",
    command: [PYTHON, "conformance/capture/python/module_names.py"],
    outputs: () => ["lib/chain/python/modules/real-names.json"],
  },
  {
    name: "zlib/generate.py (zlib 1.2.13)",
    command: [PYTHON, "conformance/capture/zlib/generate.py"],
    outputs: () => ["lib/chain/zlib/fixtures/cases.json"],
  },
];

function run(command: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (d: Buffer) => {
      if (output.length < 20_000) output += d.toString("utf8");
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("close", (code) => resolve({ code, output }));
    child.on("error", (error) => resolve({ code: -1, output: String(error) }));
  });
}

/** A unified diff of two texts (diff -u), cut to a readable length. */
function unifiedDiff(label: string, committed: string, fresh: string, scratch: string): string {
  const a = path.join(scratch, "diff-committed");
  const b = path.join(scratch, "diff-fresh");
  writeFileSync(a, committed);
  writeFileSync(b, fresh);
  const d = spawnSync("diff", ["-u", "--label", `${label} (committed)`, "--label", `${label} (real programs now)`, a, b], { encoding: "utf8" });
  const lines = d.stdout.split("\n");
  return lines.length > 120 ? [...lines.slice(0, 120), `… ${lines.length - 120} more diff lines`].join("\n") : d.stdout;
}

const CHECK_PYTHON = "python/check-fixtures.mjs: the expect comments of lib/chain/python/fixtures are what CPython 3.11 prints";
let scratch = "";
const results = new Map<string, { code: number | null; output: string }>();

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), "capture-live-"));
  for (const rel of COPIED) {
    mkdirSync(path.dirname(path.join(scratch, rel)), { recursive: true });
    cpSync(path.join(REPO, rel), path.join(scratch, rel), { recursive: true });
  }
  // The tools run at once: they write different files and use different ports and temp folders.
  await Promise.all([
    ...TOOLS.map(async (tool) => results.set(tool.name, await run(tool.command, scratch))),
    // Checks in place (it writes only with --write).
    run([process.execPath, "conformance/capture/python/check-fixtures.mjs"], REPO).then((r) => results.set(CHECK_PYTHON, r)),
  ]);
  // A bound on a hang, not a speed: the tools took 534 s with a load average of 25–30 on 2 cores, and more than 600
  // s at 35.
}, 1_200_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("the fixtures lib/chain's tests read are what the real programs answer now", () => {
  for (const tool of TOOLS) {
    it(tool.name, () => {
      const result = results.get(tool.name);
      if (!result) throw new Error("the tool did not run");
      expect(result.code, `${tool.command.join(" ")} failed:\n${result.output}`).toBe(0);
      const diffs: string[] = [];
      for (const rel of tool.outputs()) {
        const show = tool.normalize ?? ((text: string) => text);
        const committed = show(readFileSync(path.join(REPO, rel), "utf8"));
        const fresh = show(readFileSync(path.join(scratch, rel), "utf8"));
        if (committed !== fresh) diffs.push(unifiedDiff(rel, committed, fresh, scratch));
      }
      expect(diffs, `re-run the tool from the repository root and review the change:\n${diffs.join("\n")}`).toEqual([]);
    });
  }

  it(CHECK_PYTHON, () => {
    const result = results.get(CHECK_PYTHON);
    if (!result) throw new Error("the check did not run");
    expect(result.code, result.output.split("\n").filter((l) => !l.startsWith("ok ")).join("\n")).toBe(0);
  });
});
