import { defineConfig } from "vitest/config";
import path from "node:path";

/**
 * The default unit run (npm run test:unit): self-contained, none of the real programs. The checks that run the
 * real nginx, Gunicorn, uWSGI, Flask and CPython are *.live.test.ts files, and the full tables of which the unit run
 * keeps a sample are *.full.test.ts files: both run in vitest.live.config.ts (npm run test:live).
 *
 * Two projects. Most files are pure (the chain, the content, the components' models): they share a worker's
 * module cache ("isolate: false"), so the chain and its fixtures are imported once per worker rather than once per
 * file, which was half of the run's time. The API, server and script tests keep module state a file must start
 * from fresh (the rate limiter, COURSE_SECRET, listening servers): each of those files gets its own modules.
 */
const ISOLATED = ["lib/api/**/*.test.ts", "deploy/**/*.test.ts", "scripts/**/*.test.ts"];
const EXCLUDE = ["**/node_modules/**", "**/*.live.test.ts", "**/*.full.test.ts"];

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    // Vitest's default is one worker fewer than the CPUs: a single worker on a 2-core machine, where the main
    // process is mostly idle. Two use both cores.
    maxWorkers: 2,
    testTimeout: 30_000,
    // Bounds a hang, not a speed: on the shared 2-core machine at load 20 beside a live run, importing the API's
    // module graph in rate-limit.http.test.ts's beforeAll took more than 60 s.
    hookTimeout: 180_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "conformance/**/*.test.ts"],
          exclude: [...EXCLUDE, ...ISOLATED],
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: "isolated", include: ISOLATED, exclude: EXCLUDE, isolate: true },
      },
    ],
  },
});
