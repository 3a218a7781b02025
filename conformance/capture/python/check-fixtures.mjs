#!/usr/bin/env node
/**
 * Checks that every fixtures/*.py expectation is what the real CPython 3.11 prints.
 *
 *   node conformance/capture/python/check-fixtures.mjs          # verify (exit 1 on any mismatch)
 *   node conformance/capture/python/check-fixtures.mjs --write  # (re)write the expect comments from CPython
 *
 * Runs /usr/bin/python3 (Debian's 3.11 with Flask 2.2.2), not the first python3 on PATH. Not part of the test
 * command: the test suite compares the embedded interpreter with the comments this script keeps honest.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PYTHON = "/usr/bin/python3";
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../lib/chain/python/fixtures");
const write = process.argv.includes("--write");
const VIRTUAL_DIR = "/srv/fixtures";
const TAGS = ["expect", "expect-error", "expect-traceback"];

function comments(src, tag) {
  const prefix = `# ${tag}:`;
  return src
    .split("\n")
    .filter((l) => l.startsWith(prefix))
    .map((l) => l.slice(prefix.length).replace(/^ /, ""));
}

// A SyntaxError is reported as the traceback module prints it (what Gunicorn logs when importing app.py),
// not as the interpreter's own top-level display, which drops the caret range of IndentationErrors.
const COMPILE_CHECK = [
  "import sys, traceback",
  "path = sys.argv[1]",
  "try:",
  "    compile(open(path, encoding='utf-8').read(), path, 'exec')",
  "except SyntaxError:",
  "    traceback.print_exc(limit=0)",
  "    sys.exit(1)",
].join("\n");

function runCPython(file) {
  const check = spawnSync(PYTHON, ["-c", COMPILE_CHECK, file], { cwd: dir, encoding: "utf8" });
  const r = check.status !== 0 ? check : spawnSync(PYTHON, [file], {
    cwd: dir,
    encoding: "utf8",
    timeout: 60_000,
    env: { PATH: "/usr/bin:/bin", LANG: "C.UTF-8", PYTHONIOENCODING: "utf-8", PYTHONDONTWRITEBYTECODE: "1", FIXTURE_ENV: "값" },
  });
  if (r.error) throw r.error;
  const out = r.stdout ? r.stdout.replace(/\n$/, "").split("\n") : [];
  // Tracebacks name the file as the tests load it: /srv/fixtures/<name>.py, wherever the repository lives.
  const err = r.stderr ? r.stderr.split(dir + "/").join(VIRTUAL_DIR + "/").replace(/\n$/, "").split("\n") : [];
  return { status: r.status, out, err };
}

let failures = 0;
for (const name of readdirSync(dir).filter((f) => f.endsWith(".py")).sort()) {
  const file = path.join(dir, name);
  const src = readFileSync(file, "utf8");
  const real = runCPython(file);
  const expected = {
    out: comments(src, "expect"),
    error: comments(src, "expect-error"),
    traceback: comments(src, "expect-traceback"),
  };
  const actual = {
    out: real.out,
    error: real.status === 0 ? [] : [real.err[real.err.length - 1] ?? ""],
    traceback: real.status === 0 ? [] : real.err,
  };
  if (write) {
    const body = src
      .split("\n")
      .filter((l) => !TAGS.some((t) => l.startsWith(`# ${t}:`)))
      .join("\n")
      .replace(/\n+$/, "\n");
    const lines = [
      ...actual.out.map((l) => `# expect: ${l}`),
      ...actual.error.map((l) => `# expect-error: ${l}`),
      ...actual.traceback.map((l) => `# expect-traceback: ${l}`),
    ];
    writeFileSync(file, body + "\n" + lines.join("\n") + "\n");
    console.log(`wrote ${name} (${lines.length} expectations)`);
    continue;
  }
  const problems = [];
  for (const key of ["out", "error", "traceback"]) {
    const a = JSON.stringify(actual[key]);
    const e = JSON.stringify(expected[key]);
    if (a !== e) problems.push(`${key}: CPython gives ${a}\n    fixture expects ${e}`);
  }
  if (real.status !== 0 && expected.error.length === 0) problems.push(`CPython exited ${real.status} but no expect-error`);
  if (problems.length) {
    failures++;
    console.log(`FAIL ${name}\n  ${problems.join("\n  ")}`);
  } else console.log(`ok   ${name}`);
}
// fixtures/syntax_cases.json: SyntaxError reports of small sources, as traceback.format_exception_only prints them
const casesPath = path.join(dir, "syntax_cases.json");
const cases = JSON.parse(readFileSync(casesPath, "utf8"));
const script = [
  "import json, sys, traceback",
  "out = []",
  "for c in json.load(sys.stdin):",
  "    try:",
  "        compile(c['source'], '/srv/app.py', 'exec')",
  "        out.append('OK')",
  "    except SyntaxError as e:",
  "        out.append(''.join(traceback.format_exception_only(type(e), e)))",
  "print(json.dumps(out))",
].join("\n");
const compiled = spawnSync(PYTHON, ["-c", script], { input: JSON.stringify(cases), encoding: "utf8" });
if (compiled.status !== 0) throw new Error(compiled.stderr);
const reports = JSON.parse(compiled.stdout);
if (write) {
  writeFileSync(casesPath, JSON.stringify(cases.map((c, i) => ({ source: c.source, cpython: reports[i] })), null, 1) + "\n");
  console.log(`wrote syntax_cases.json (${cases.length} cases)`);
} else {
  const bad = cases.filter((c, i) => c.cpython !== reports[i]);
  for (const c of bad) console.log(`FAIL syntax case ${JSON.stringify(c.source)}`);
  failures += bad.length;
  if (!bad.length) console.log(`ok   syntax_cases.json (${cases.length} cases)`);
}

if (failures) {
  console.log(`${failures} fixture(s) disagree with CPython`);
  process.exit(1);
}
console.log("all fixtures agree with CPython");
