import os from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

/** Server tests that open no database: the PostgreSQL pass (KAOPING_TEST_DB=postgres) leaves them out. */
const DATABASE_FREE = [
  "server/src/cli/case-import.test.ts",
  "server/src/cli/guides-cli.test.ts",
  "server/src/cli/score-output.test.ts",
  "server/src/modules/guides/excel.test.ts",
  "server/src/modules/reports/average.test.ts",
  "server/src/platform/config.test.ts",
  "server/src/platform/excel/workbook.test.ts",
  "server/src/platform/audit/audit-actions.test.ts",
  "server/src/platform/http/json-body.test.ts",
  "server/src/platform/ingest/run-job.test.ts",
  "server/src/platform/net/links.test.ts",
];

/**
 * One runner for every workspace. `npm test` (scripts/test.mjs) runs the unit
 * and API projects, the API project again on PostgreSQL when DATABASE_URL is
 * set, then the browser project.
 */
export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores, i.e. one on CI's two; the
    // runner itself is mostly idle, and a second worker takes a sixth to a quarter off a pass.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    projects: [
      { test: { name: "core", include: ["core/src/**/*.test.ts"], environment: "node" } },
      {
        test: {
          name: "server",
          include: ["server/src/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...(process.env.KAOPING_TEST_DB === "postgres" ? DATABASE_FREE : [])],
          environment: "node",
          // Files share a worker's modules instead of importing the server afresh each (import was
          // 324 s of a PGlite pass's 592). Safe here: no test mocks modules, each file opens and closes
          // its own database, and module state is keyed by database or only a guess (audit.ts' tail).
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      { test: { name: "web", include: ["web/src/**/*.test.ts"], environment: "node" } },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
