/**
 * bench:guide-registry — the registry at a district's scale: BENCH_GUIDES
 * (2 000) generated guides imported in one file through the real path
 * (placement, versions, checks, defects, audit, one transaction), then
 * re-imported with half of them changed (the recheck), then the list page and
 * a department's view (accuracy, trend) read. Baseline, in the same run:
 * checkGuide over the same guides (the pure checking every import pays).
 * Prints JSON; docs/performance.md records it. PGlite in memory, or the
 * server in DATABASE_URL.
 */
import { performance } from "node:perf_hooks";
import { checkGuide, type ServiceGuide, serviceGuideSchema } from "@kaoping/core";
import { importGuides } from "../src/modules/guides/commands.ts";
import { getGuideDepartment } from "../src/modules/guides/departments.ts";
import { generateGuide, sampleGuide } from "../src/modules/guides/generate.ts";
import { listGuideItems } from "../src/modules/guides/queries.ts";
import { runCommand } from "../src/platform/http/command.ts";
import { openBenchDatabase } from "./bench-database.ts";

const COUNT = Number(process.env.BENCH_GUIDES ?? 2000);
const { database, principal, ctx, stamp, addUnit } = await openBenchDatabase();
const unit = await addUnit({ code: `BENCH-${stamp}`, name: "基准局", kind: "department" });

const base = sampleGuide();
const guide = (n: number, edition: number): ServiceGuide =>
  serviceGuideSchema.parse({
    ...generateGuide(base, n * 7 + edition, edition === 1 ? 3 : 0),
    implementationCode: `${base.bodyCode}4${String(800_000_000_000 + n)}-${stamp}`,
    version: String(edition),
    unmappedCodes: {},
  });
const first = Array.from({ length: COUNT }, (_, n) => guide(n, 1));
const second = first.map((g, n) => (n % 2 === 0 ? guide(n, 2) : g));

const time = async <T>(fn: () => Promise<T> | T): Promise<[number, T]> => {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
};
const importAll = (guides: ServiceGuide[]) =>
  runCommand(ctx, principal, null, (command) =>
    importGuides({ ctx: command, guides, channel: "online", unitId: unit.id, importedFrom: "bench.json", format: "kaoping" }),
  );

const [checkMs] = await time(() => {
  for (const g of first) checkGuide(g);
});
const [importMs, imported] = await time(() => importAll(first));
const [recheckMs, rechecked] = await time(() => importAll(second));
const q = { db: database.db, principal };
const [listMs] = await time(() => listGuideItems(q, { page: 1, pageSize: 20, channel: "online", severity: "error" }));
const [departmentMs, department] = await time(() => getGuideDepartment(q, unit.id));
await database.close();

console.log(
  JSON.stringify(
    {
      benchmark: "bench:guide-registry",
      database: process.env.DATABASE_URL ? "postgresql" : "pglite",
      guides: COUNT,
      checkMs: Math.round(checkMs),
      importMs: Math.round(importMs),
      importPerGuideMs: Math.round((importMs / COUNT) * 100) / 100,
      importToCheckRatio: Math.round(importMs / checkMs),
      defectsOpened: imported.defectsOpened,
      recheckMs: Math.round(recheckMs),
      recheck: { versionsCreated: rechecked.versionsCreated, unchanged: rechecked.unchanged, defectsClosed: rechecked.defectsClosed },
      listPageMs: Math.round(listMs),
      departmentViewMs: Math.round(departmentMs),
      departmentAccuracy: department.accuracy,
    },
    null,
    2,
  ),
);
