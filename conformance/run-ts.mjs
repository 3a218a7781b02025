// Run a Node-side TypeScript file of conformance/ without tsx (not installed) or type stripping (Node 20 lacks it):
// esbuild (a project dependency) bundles it into a temp .mjs, which is then imported.
//   node conformance/run-ts.mjs conformance/record.ts [args…]
import { build } from "esbuild";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const entry = process.argv[2];
if (!entry) {
  console.error("usage: node conformance/run-ts.mjs <file.ts> [args…]");
  process.exit(2);
}
// Inside the project, so that the bundle's external packages resolve from its node_modules.
const cacheDir = path.resolve("node_modules", ".cache");
mkdirSync(cacheDir, { recursive: true });
const outDir = mkdtempSync(path.join(cacheDir, "run-ts-"));
const outfile = path.join(outDir, "main.mjs");
await build({
  entryPoints: [path.resolve(entry)],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
  // import.meta.dirname must still point at the source folder.
  define: { "import.meta.dirname": JSON.stringify(path.dirname(path.resolve(entry))) },
});
process.argv.splice(1, 2, entry);
try {
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
