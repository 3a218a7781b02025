// After `next build`: bundles the API handlers (lib/api/direct.server.ts) into .next/direct-api.mjs, which
// scripts/server.mjs loads to answer API calls without Next's router. It lives in .next so that every
// `next build` (which empties .next) leaves no stale copy behind.
import { build } from "esbuild";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
await build({
  entryPoints: [path.join(root, "lib/api/direct.server.ts")],
  outfile: path.join(root, ".next/direct-api.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  tsconfig: path.join(root, "tsconfig.json"),
  logLevel: "warning",
});
console.log("built .next/direct-api.mjs");
