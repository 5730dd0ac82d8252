#!/usr/bin/env node
// `npm test`: every test. Unit and API tests on the embedded PGlite; the API tests
// again on PostgreSQL when DATABASE_URL is set (as .ci/run does); then the browser
// tests in Chromium. Ends with one "N passed, N failed, N skipped" line for CI.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kaoping-test-"));
// `--pglite-only`: the first run alone (`npm run test:node22`).
const pgliteOnly = process.argv.includes("--pglite-only");
const extra = process.argv.slice(2).filter((arg) => arg !== "--pglite-only");
// KAOPING_TEST_POSTGRES_NODE=22 (as .ci/run sets): the PostgreSQL run on that Node.js major, fetched
// by npx from the registry's `node` package, so CI covers a second LTS without a third pass.
const postgresNode = process.env.KAOPING_TEST_POSTGRES_NODE;
const runs = [
  { name: `unit + API (PGlite), Node.js ${process.version}`, projects: ["core", "server", "web"], env: {} },
  ...(process.env.DATABASE_URL && !pgliteOnly
    ? [
        {
          name: `API (PostgreSQL), Node.js ${postgresNode ?? process.version}`,
          projects: ["server"],
          env: { KAOPING_TEST_DB: "postgres" },
          node: postgresNode,
        },
      ]
    : []),
  ...(pgliteOnly ? [] : [{ name: "browser (Chromium)", projects: ["e2e"], env: {} }]),
];
if (!process.env.DATABASE_URL && !pgliteOnly) console.warn("\n[test] DATABASE_URL not set: API tests run on PGlite only.\n");

const totals = { passed: 0, failed: 0, skipped: 0 };
let failedRuns = 0;
// A CI log is often read from its tail only: the failures are repeated there, each with the
// first lines of its error, so the first failure of a chain (the cause) is not lost above.
const failures = [];
for (const [i, run] of runs.entries()) {
  const out = path.join(dir, `run-${i}.json`);
  console.log(`\n=== ${run.name} ===`);
  const args = [
    "vitest",
    "run",
    ...run.projects.flatMap((p) => ["--project", p]),
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${out}`,
    ...extra,
  ];
  const command = run.node ? ["-y", "-p", `node@${run.node}`, "--", "npx", ...args] : args;
  const result = spawnSync("npx", command, { stdio: "inherit", env: { ...process.env, ...run.env } });
  if (result.status !== 0) failedRuns++;
  if (fs.existsSync(out)) {
    const report = JSON.parse(fs.readFileSync(out, "utf8"));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    failures.push(...failedTests(report, run.name));
  } else {
    failedRuns++;
  }
}
fs.rmSync(dir, { recursive: true, force: true });
if (failures.length) console.log(`\n=== failed, in the order they ran ===\n${failures.join("\n")}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedRuns > 0 || totals.failed > 0 ? 1 : 0);

/** Each failed test of a vitest JSON report: its file, name and the head of its first error. */
function failedTests(report, runName) {
  return report.testResults.flatMap((file) =>
    file.assertionResults
      .filter((test) => test.status === "failed")
      .map((test) => {
        const lines = stripVTControlCharacters(test.failureMessages?.[0] ?? "").split("\n");
        const error = lines
          .filter((line) => !/node_modules|node:internal|new Promise/.test(line))
          .slice(0, 6)
          .join("\n    ");
        return `- [${runName}] ${path.relative(process.cwd(), file.name)} > ${test.fullName}\n    ${error}`;
      }),
  );
}
