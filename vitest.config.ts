import { defineConfig } from "vitest/config";
import path from "node:path";

/**
 * The default unit run (npm run test:unit): self-contained, none of the real programs. The checks that run the
 * real nginx, Gunicorn, uWSGI, Flask and CPython are *.live.test.ts files, run by vitest.live.config.ts
 * (npm run test:live).
 */
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "deploy/**/*.test.ts", "scripts/**/*.test.ts", "conformance/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/*.live.test.ts"],
    environment: "node",
    // Vitest's default is one worker fewer than the CPUs: a single worker on a 2-core machine, where the main
    // process is mostly idle. Two use both cores.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
