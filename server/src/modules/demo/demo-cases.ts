import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type CaseType, cstDate, type LimitUnit, nextDate, type ServiceGuide } from "@kaoping/core";
import { desc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../platform/db/client.ts";
import { serviceGuides, serviceItems, unitGroupMembers, unitGroups, units } from "../../platform/db/schema.ts";
import { ingestFile } from "../../platform/ingest/index.ts";
import { type GeneratorUnit, type PlantedProblem, writeCaseFiles } from "../cases/generator.ts";

/**
 * Cases in the demo (docs/demo-data.md): a year for Changning's window departments. PGlite is
 * the zero-setup first start, so it gets fewer; KAOPING_DEMO_CASES sets the number. Sized to the
 * ingest's speed measured today (bench:cases): raise to 30 000 / 300 000 when it nears raw COPY.
 */
export const DEMO_CASES = { pglite: 5_000, postgres: 50_000 } as const;
/** Share of the demo's cases with a planted quality problem. */
const DEMO_PROBLEM_RATE = 0.02;

export function demoCaseCount(kind: Database["kind"], env: NodeJS.ProcessEnv = process.env): number {
  const given = env.KAOPING_DEMO_CASES;
  if (given !== undefined && /^\d+$/.test(given)) return Number(given);
  return DEMO_CASES[kind];
}

export interface DemoCasesSummary {
  cases: number;
  events: number;
  accepted: number;
  quarantined: number;
  planted: Record<PlantedProblem, number>;
}

/**
 * The window departments (CN-G-WINDOW) and the items of their demo guides, with each item's case
 * type and limits as its latest guide states them (the generator derives what a guide leaves out).
 */
async function windowUnitsWithItems(database: Database): Promise<GeneratorUnit[]> {
  const rows = await database.db
    .select({ unitCode: units.code, itemCode: serviceItems.code, guide: serviceGuides.guide, version: serviceGuides.version })
    .from(unitGroupMembers)
    .innerJoin(unitGroups, eq(unitGroups.id, unitGroupMembers.groupId))
    .innerJoin(units, eq(units.id, unitGroupMembers.unitId))
    .innerJoin(serviceItems, eq(serviceItems.unitId, units.id))
    .innerJoin(serviceGuides, eq(serviceGuides.itemId, serviceItems.id))
    .where(inArray(unitGroups.code, ["CN-G-WINDOW"]))
    .orderBy(units.code, serviceItems.code, desc(serviceGuides.version));
  const byUnit = new Map<string, GeneratorUnit>();
  for (const row of rows) {
    const unit = byUnit.get(row.unitCode) ?? { code: row.unitCode, regionCode: "310105", items: [] };
    byUnit.set(row.unitCode, unit);
    if (unit.items.some((i) => i.code === row.itemCode)) continue;
    const guide = row.guide as Partial<ServiceGuide>;
    const legal = guide.legalLimit?.days ?? undefined;
    const promised = guide.promisedLimit?.days ?? undefined;
    unit.items.push({
      code: row.itemCode,
      version: String(row.version),
      caseType: (guide.caseType ?? undefined) as CaseType | undefined,
      // A guide whose promised limit exceeds the legal one (a planted guide defect) is not copied into cases.
      legalLimit: legal,
      promisedLimit: legal !== undefined && promised !== undefined && promised <= legal ? promised : undefined,
      limitUnit: (guide.legalLimit?.unit ?? undefined) as LimitUnit | undefined,
    });
  }
  return [...byUnit.values()].filter((u) => u.items.length);
}

/**
 * A generated year of cases (up to today) for Changning's window departments, tied to their demo
 * guides' items, with some quality problems planted, written to CSV and loaded through the real
 * ingest (`ingestFile`), cases then events, as a platform's export would be. Runs after the demo's
 * own transaction: the ingest commits in batches of its own.
 */
export async function loadDemoCases(database: Database, count: number, now = new Date()): Promise<DemoCasesSummary | null> {
  const generatorUnits = await windowUnitsWithItems(database);
  if (!generatorUnits.length || count <= 0) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kaoping-demo-cases-"));
  try {
    const casesPath = path.join(dir, "demo-cases.csv");
    const eventsPath = path.join(dir, "demo-case-events.csv");
    const today = cstDate(now);
    const files = await writeCaseFiles({
      seed: 2019,
      count,
      units: generatorUnits,
      from: nextDate(today, -365),
      to: nextDate(today, -1),
      exportedAt: now,
      problemRate: DEMO_PROBLEM_RATE,
      caseNoPrefix: "CN",
      casesPath,
      eventsPath,
    });
    const casesJob = await ingestFile({ database, kind: "cases", sourceCode: "default", filePath: casesPath });
    const eventsJob = await ingestFile({ database, kind: "case_events", sourceCode: "default", filePath: eventsPath });
    return {
      cases: files.cases,
      events: files.events,
      accepted: casesJob.rowsAccepted,
      quarantined: casesJob.rowsQuarantined + eventsJob.rowsQuarantined,
      planted: files.planted,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
