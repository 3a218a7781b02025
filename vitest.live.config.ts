import { defineConfig } from "vitest/config";
import path from "node:path";
import { FULL_TABLE_FILES } from "./lib/testing/depth";

/**
 * The live run (npm run test:live): the checks that start the real programs (nginx 1.22.1, Gunicorn 20.1, uWSGI
 * 2.0.21, Flask 2.2.2, CPython 3.11, Debian 12) and fail when a committed recording no longer says what they answer;
 * and, with FULL_TABLES=1, the whole of the exhaustive tables and random properties the unit run only samples
 * (lib/testing/depth.ts).
 *
 * The timed crowds (conformance/load/crowds.live.test.ts) measure real time: they run last, on their own, once
 * every other live file is done, so that the run's own CPU-heavy files do not stretch the times they compare.
 */
const CROWDS = "conformance/load/crowds.live.test.ts";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    env: { FULL_TABLES: "1" },
    // The live files mostly wait for the real programs: they run side by side (the recordings, the fixture
    // captures, the harness checks).
    maxWorkers: 4,
    // Bounds a hang, not a speed: with other builds and e2e runs on the same 2 cores (load average 28), a 1M-step
    // Python program took 41 s here and a 1,500-case regex property 36 s.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    projects: [
      {
        extends: true,
        test: {
          name: "live",
          include: ["conformance/**/*.live.test.ts", "deploy/**/*.live.test.ts", ...FULL_TABLE_FILES],
          exclude: ["**/node_modules/**", CROWDS],
          sequence: { groupOrder: 0 },
        },
      },
      { extends: true, test: { name: "crowds", include: [CROWDS], sequence: { groupOrder: 1 } } },
    ],
  },
});
