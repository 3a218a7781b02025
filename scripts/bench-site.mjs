#!/usr/bin/env node
/**
 * Site budget report (prints, never fails):
 *  - production build time of `next build` (budget 60 s), skipped with --no-build;
 *  - first-load JS of a lesson page: the sum of the gzip sizes of every <script src> chunk its prerendered HTML
 *    references (budget 150 KB); `nomodule` polyfills are left out since modern browsers skip them.
 * Usage: node scripts/bench-site.mjs [--no-build] [--lesson introduction/welcome]
 * Results also go to .bench/site.json.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const BUILD_BUDGET_S = 60;
const JS_BUDGET_KB = 150;
const root = process.cwd();
const args = process.argv.slice(2);
const skipBuild = args.includes("--no-build");
const lessonArg = args.includes("--lesson") ? args[args.indexOf("--lesson") + 1] : undefined;

function runBuild() {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? "");
    process.stderr.write(result.stderr ?? "");
  }
  return { seconds, ok: result.status === 0 };
}

/** Every prerendered lesson page (.next/server/app/learn/**.html). */
function lessonPages() {
  const dir = path.join(root, ".next/server/app/learn");
  const found = [];
  const walk = (d, depth) => {
    if (depth > 6 || !fs.existsSync(d)) return;
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith("[")) walk(full, depth + 1);
      else if (entry.isFile() && entry.name.endsWith(".html")) found.push(full);
    }
  };
  walk(dir, 0);
  return found.sort();
}

function firstLoadJs(htmlFile) {
  const html = fs.readFileSync(htmlFile, "utf8");
  // `nomodule` scripts (legacy polyfills) are never fetched by the browsers we support, so they do not count.
  const tags = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
  const sources = [
    ...new Set(
      tags.filter((t) => !/\snomodule\b/i.test(t)).map((t) => /\ssrc="([^"]+)"/.exec(t)?.[1]).filter(Boolean),
    ),
  ];
  const chunks = sources.map((src) => {
    const rel = src.slice(src.indexOf("/_next/") + "/_next/".length).split("?")[0];
    const file = path.join(root, ".next", rel);
    const gzip = fs.existsSync(file) ? gzipSync(fs.readFileSync(file), { level: 9 }).length : 0;
    return { src, gzip, missing: !fs.existsSync(file) };
  });
  return { chunks, totalKb: chunks.reduce((sum, c) => sum + c.gzip, 0) / 1024 };
}

const report = { date: new Date().toISOString() };
if (!skipBuild) {
  const build = runBuild();
  report.buildSeconds = Number(build.seconds.toFixed(1));
  console.log(
    `build time: ${build.seconds.toFixed(1)} s (budget ${BUILD_BUDGET_S} s) ${build.ok ? (build.seconds <= BUILD_BUDGET_S ? "OK" : "OVER BUDGET") : "BUILD FAILED"}`,
  );
}
const pages = lessonPages();
const page = lessonArg ? pages.find((p) => p.includes(`${lessonArg}.html`)) : pages[0];
if (!page) {
  console.log("first-load JS: no prerendered lesson found in .next/server/app/learn (run a build first)");
} else {
  const { chunks, totalKb } = firstLoadJs(page);
  const name = path.relative(path.join(root, ".next/server/app"), page).replace(/\.html$/, "");
  report.lesson = `/${name}`;
  report.firstLoadJsKb = Number(totalKb.toFixed(1));
  console.log(
    `first-load JS of /${name}: ${totalKb.toFixed(1)} KB gzip in ${chunks.length} chunks (budget ${JS_BUDGET_KB} KB) ${totalKb <= JS_BUDGET_KB ? "OK" : "OVER BUDGET"}`,
  );
  for (const c of chunks.sort((a, b) => b.gzip - a.gzip)) {
    console.log(`  ${(c.gzip / 1024).toFixed(1).padStart(7)} KB  ${c.src}${c.missing ? "  (file not found)" : ""}`);
  }
}
fs.mkdirSync(path.join(root, ".bench"), { recursive: true });
fs.writeFileSync(path.join(root, ".bench/site.json"), `${JSON.stringify(report, null, 2)}\n`);
