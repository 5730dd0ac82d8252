import { PERMISSIONS } from "@kaoping/core";
import { sql } from "drizzle-orm";
import { createIngestJob } from "../../platform/ingest/queue.ts";
import { cst, REGION, SOURCE, storeCases, type TestCase } from "../cases.ts";
import { multipart } from "../harness.ts";
import type { Fixture, MatrixRows, Req, Target } from "./types.ts";

const P = PERMISSIONS;
const UNIT = { own: "A", other: "B" } as const;

/** A fresh completed case of the target's unit (A or B), stored as the ingest stores it; `extra` changes it. */
export async function oneCase(f: Fixture, t: Target, extra: Partial<TestCase> = {}): Promise<string> {
  const caseNo = `MX-${f.seq()}`;
  await storeCases(f.server.database.db, [
    {
      caseNo,
      unitId: f.unit(UNIT[t]),
      acceptedAt: cst("2024-03-04T09:00:00"),
      completedAt: cst("2024-03-06T09:00:00"),
      promisedLimit: 5,
      promisedLimitUnit: "working_day",
      visits: 1,
      result: "approved",
      ...extra,
    },
  ]);
  return caseNo;
}

/** A scoped query about the target's unit, with cases of both units stored (a list that leaked would show B). */
const scoped =
  (path: string, extra = "") =>
  async (f: Fixture, t: Target): Promise<Req> => {
    await oneCase(f, "own");
    await oneCase(f, "other");
    return { method: "GET", url: `${path}?unitId=${f.unit(UNIT[t])}&from=2024-01-01&to=2024-12-31${extra}` };
  };

/** A finished job to read, cancel and export (its file is never read: it is not queued). */
async function job(f: Fixture): Promise<string> {
  const row = await createIngestJob(f.server.database.db, {
    kind: "cases",
    sourceCode: "default",
    fileName: `matrix-${f.seq()}.csv`,
    storageKey: "file:/nonexistent",
    fileSha256: "0".repeat(64),
    bytesTotal: 1,
    createdBy: null,
  });
  await f.server.database.db.execute(sql`update ingest_jobs set status = 'succeeded' where id = ${row.id}`);
  return row.id;
}

function importRequest(): Req {
  const body = multipart(Buffer.from("办件编号,环节,开始时间\n"), "events.csv", { kind: "case_events", source: "default" });
  return { method: "POST", url: "/api/cases/imports", payload: body.payload, headers: body.headers };
}

/** 办件: metrics, drill-down, a case's timeline, the data-quality report; the office's imports. */
export const CASE_ROWS: MatrixRows = {
  "GET /api/cases/metrics": { access: P.caseRead, unitScoped: true, request: scoped("/api/cases/metrics", "&groupBy=unit") },
  "GET /api/cases": { access: P.caseRead, unitScoped: true, request: scoped("/api/cases", "&metric=on_time_rate") },
  "GET /api/cases/export.xlsx": { access: P.caseRead, unitScoped: true, request: scoped("/api/cases/export.xlsx", "&metric=on_time_rate") },
  "GET /api/cases/quality": { access: P.caseRead, unitScoped: true, request: scoped("/api/cases/quality") },
  "GET /api/cases/:region/:source/:caseNo": {
    access: P.caseRead,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: `/api/cases/${REGION}/${SOURCE}/${await oneCase(f, t)}` }),
  },
  "POST /api/cases/imports": { access: P.caseImport, unitScoped: false, request: importRequest },
  "GET /api/cases/imports": { access: P.caseImport, unitScoped: false, request: () => ({ method: "GET", url: "/api/cases/imports" }) },
  "GET /api/cases/imports/:id": {
    access: P.caseImport,
    unitScoped: false,
    request: async (f) => ({ method: "GET", url: `/api/cases/imports/${await job(f)}` }),
  },
  "POST /api/cases/imports/:id/cancel": {
    access: P.caseImport,
    unitScoped: false,
    request: async (f) => ({ method: "POST", url: `/api/cases/imports/${await job(f)}/cancel` }),
  },
  "GET /api/cases/imports/:id/quarantine": {
    access: P.caseImport,
    unitScoped: false,
    request: async (f) => ({ method: "GET", url: `/api/cases/imports/${await job(f)}/quarantine` }),
  },
  "GET /api/cases/imports/:id/quarantine.xlsx": {
    access: P.caseImport,
    unitScoped: false,
    request: async (f) => ({ method: "GET", url: `/api/cases/imports/${await job(f)}/quarantine.xlsx` }),
  },
  "GET /api/cases/import-template": {
    access: P.caseImport,
    unitScoped: false,
    request: () => ({ method: "GET", url: "/api/cases/import-template?kind=cases&format=csv" }),
  },
};
