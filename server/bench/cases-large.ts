/**
 * bench:cases-large — one big case file (BENCH_LARGE_GB, default 2 GB) through the real ingest:
 * generated to disk (streamed), then imported as one job. Prints the time, the rate and the
 * process's memory sampled at every committed batch — resident set and V8 heap after the batch — so
 * "memory flat whatever the file's size" is measured, not assumed. PostgreSQL (DATABASE_URL) or PGlite.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type GeneratorUnit, syntheticItems, writeCaseFiles } from "../src/modules/cases/generator.ts";
import { ingestFile } from "../src/platform/ingest/index.ts";
import { openBenchDatabase } from "./bench-database.ts";
import { time } from "./case-periods.ts";

const GB = Number(process.env.BENCH_LARGE_GB ?? 2);
/** The generator's case rows average about this many bytes (measured on its 50 000-case file). */
const BYTES_PER_CASE = 270;
const count = Math.round((GB * 2 ** 30) / BYTES_PER_CASE);

const { database, stamp, addUnit } = await openBenchDatabase();
const parent = await addUnit({ code: `LARGE-${stamp}`, name: "基准区", kind: "district" });
const units: (GeneratorUnit & { id: string })[] = [];
for (let u = 0; u < 20; u++) {
  const code = `LARGE-${stamp}-D${u}`;
  const unit = await addUnit({ code, name: `基准局${u + 1}`, kind: "department", parentId: parent.id, sortOrder: u });
  units.push({ id: unit.id, code, regionCode: "310105", items: syntheticItems(u, 10) });
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kaoping-bench-large-"));
const casesPath = path.join(dir, "cases.csv");
const [generateMs, files] = await time(() =>
  writeCaseFiles({
    seed: 7,
    count,
    units,
    from: "2025-01-01",
    to: "2025-12-31",
    problemRate: 0.01,
    caseNoPrefix: `${stamp}-`,
    casesPath,
    eventsPath: "/dev/null", // cases only: the events' path is bench:cases
  }),
);
const bytes = fs.statSync(casesPath).size;

const mb = (n: number) => Math.round(n / 2 ** 20);
const samples: { bytesRead: number; rssMb: number; heapMb: number }[] = [];
const [ingestMs, job] = await time(() =>
  ingestFile({
    database,
    kind: "cases",
    sourceCode: "default",
    filePath: casesPath,
    onProgress: (view) =>
      samples.push({ bytesRead: view.bytesRead, rssMb: mb(process.memoryUsage.rss()), heapMb: mb(process.memoryUsage().heapUsed) }),
  }),
);
await database.close();
fs.rmSync(dir, { recursive: true });

/** The sample nearest a share of the file: memory at 10 %, 50 % and 100 %. */
const at = (share: number) =>
  samples.reduce((best, s) => (Math.abs(s.bytesRead - share * bytes) < Math.abs(best.bytesRead - share * bytes) ? s : best));
console.log(
  JSON.stringify(
    {
      benchmark: "bench:cases-large",
      database: database.kind === "postgres" ? "postgresql" : "pglite",
      fileMb: mb(bytes),
      cases: files.cases,
      generateMs: Math.round(generateMs),
      ingestMs: Math.round(ingestMs),
      casesPerS: Math.round(files.cases / (ingestMs / 1000)),
      status: job.status,
      accepted: job.rowsAccepted,
      expectedAccepted: files.expectedAccepted,
      quarantined: job.rowsQuarantined,
      batches: samples.length,
      memory: {
        at10pct: at(0.1),
        at50pct: at(0.5),
        at100pct: at(1),
        maxRssMb: Math.max(...samples.map((s) => s.rssMb)),
        maxHeapMb: Math.max(...samples.map((s) => s.heapMb)),
      },
    },
    null,
    2,
  ),
);
