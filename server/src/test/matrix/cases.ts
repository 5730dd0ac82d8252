import { PERMISSIONS } from "@kaoping/core";
import { cst, REGION, SOURCE, storeCases } from "../cases.ts";
import type { Fixture, MatrixRows, Req, Target } from "./types.ts";

const P = PERMISSIONS;
const UNIT = { own: "A", other: "B" } as const;

/** A fresh completed case of the target's unit (A or B), stored as the ingest stores it. */
async function oneCase(f: Fixture, t: Target): Promise<string> {
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

/** 办件: metrics, drill-down, a case's timeline, the data-quality report. */
export const CASE_ROWS: MatrixRows = {
  "GET /api/cases/metrics": { access: P.caseRead, unitScoped: true, request: scoped("/api/cases/metrics", "&groupBy=unit") },
  "GET /api/cases": { access: P.caseRead, unitScoped: true, request: scoped("/api/cases", "&metric=on_time_rate") },
  "GET /api/cases/quality": { access: P.caseRead, unitScoped: true, request: scoped("/api/cases/quality") },
  "GET /api/cases/:region/:source/:caseNo": {
    access: P.caseRead,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: `/api/cases/${REGION}/${SOURCE}/${await oneCase(f, t)}` }),
  },
};
