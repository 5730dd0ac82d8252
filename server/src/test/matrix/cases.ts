import { PERMISSIONS } from "@kaoping/core";
import { sql } from "drizzle-orm";
import { createIngestJob } from "../../platform/ingest/queue.ts";
import { multipart } from "../harness.ts";
import type { Fixture, MatrixRows, Req } from "./types.ts";

const P = PERMISSIONS;

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

/** 办件导入: the office's. */
export const CASE_ROWS: MatrixRows = {
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
