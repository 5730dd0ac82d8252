import { PERMISSIONS, PUBLIC_REPORT_CHECK_ID } from "@kaoping/core";
import { sql } from "drizzle-orm";
import { guideConfirmations, guideDefects, guideFaultReports } from "../../platform/db/schema.ts";
import { guideItem } from "../guides.ts";
import { makeUnit, userId } from "../harness.ts";
import type { Fixture, MatrixRows, Target } from "./types.ts";

const P = PERMISSIONS;

const CODE = { own: "A", other: "B" } as const;
const unitOf = (f: Fixture, t: Target) => f.unit(CODE[t]);
const itemOf = (f: Fixture, t: Target) => guideItem(f.server, unitOf(f, t), f.seq());

/** An open defect from an accepted public report: the one kind the office closes by hand. */
async function publicDefect(f: Fixture, t: Target): Promise<string> {
  const { itemId, guideId } = await itemOf(f, t);
  const [row] = await f.server.database.db
    .insert(guideDefects)
    .values({
      itemId,
      channel: "online",
      guideId,
      checkId: PUBLIC_REPORT_CHECK_ID,
      element: "text",
      severity: "error",
      path: `public:matrix-${f.seq()}`,
      ownership: "procedural",
      ownerUnitId: unitOf(f, t),
    })
    .returning({ id: guideDefects.id });
  return row!.id;
}

/** A new department under A or B: it owns no defects, so it may confirm. */
async function freshUnit(f: Fixture, t: Target): Promise<string> {
  return (await makeUnit(f.server, { code: `GC${f.seq()}`, parentCode: CODE[t] })).id;
}

/** A confirmation of A or B itself (the reviewer's chosen units are A and A1, not A's new children). */
async function confirmation(f: Fixture, t: Target): Promise<string> {
  const confirmedBy = await userId(f.server, "probe_login");
  const [row] = await f.server.database.db
    .insert(guideConfirmations)
    .values({ unitId: unitOf(f, t), note: "矩阵", closedDefects: 0, confirmedBy })
    .returning({ id: guideConfirmations.id });
  return row!.id;
}

/** A new report on an item of A or B. */
async function faultReport(f: Fixture, t: Target): Promise<string> {
  const { itemId } = await itemOf(f, t);
  const [row] = await f.server.database.db
    .insert(guideFaultReports)
    .values({ itemId, itemName: "矩阵事项", description: "矩阵测试：电话打不通", ipHash: "matrix" })
    .returning({ id: guideFaultReports.id });
  return row!.id;
}

/** Every role's case posts from the same address: the earlier reports are moved out of the rolling hour. */
async function outsideTheHour(f: Fixture): Promise<void> {
  await f.server.database.db.update(guideFaultReports).set({ createdAt: sql`now() - interval '2 hours'` });
}

const defectsOf = async (f: Fixture, t: Target, suffix = "") => ({
  method: "GET",
  url: `/api/guides/defects${suffix}?itemId=${(await itemOf(f, t)).itemId}`,
});

/** The correction loop (整改台账, 修改建议汇总表, 确认书) and 找茬. */
export const GUIDE_CORRECTION_ROWS: MatrixRows = {
  "GET /api/guides/defects": { access: P.guideRead, unitScoped: true, listsUnits: true, request: (f, t) => defectsOf(f, t) },
  "GET /api/guides/defects/export": { access: P.guideRead, unitScoped: true, request: (f, t) => defectsOf(f, t, "/export") },
  "POST /api/guides/defects/:id/close": {
    access: P.guideManage,
    unitScoped: true,
    request: async (f, t) => ({
      method: "POST",
      url: `/api/guides/defects/${await publicDefect(f, t)}/close`,
      payload: { note: "已核实修改" },
    }),
  },
  "POST /api/guides/confirmations": {
    access: P.guideConfirm,
    unitScoped: true,
    request: async (f, t) => ({
      method: "POST",
      url: "/api/guides/confirmations",
      payload: { unitId: await freshUnit(f, t), note: "矩阵" },
    }),
  },
  "GET /api/guides/confirmations": {
    access: P.guideRead,
    unitScoped: true,
    listsUnits: true,
    request: (f, t) => ({ method: "GET", url: `/api/guides/confirmations?unitId=${unitOf(f, t)}` }),
  },
  "GET /api/guides/confirmations/:id/document": {
    access: P.guideRead,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: `/api/guides/confirmations/${await confirmation(f, t)}/document` }),
  },
  "GET /api/public/guide-items": {
    access: "public",
    unitScoped: false,
    request: () => ({ method: "GET", url: "/api/public/guide-items?q=节能" }),
  },
  "POST /api/public/guide-reports": {
    access: "public",
    unitScoped: false,
    request: async (f) => {
      await outsideTheHour(f);
      return { method: "POST", url: "/api/public/guide-reports", payload: { itemName: "节能审查", description: "咨询电话打不通" } };
    },
  },
  "GET /api/guides/fault-reports": {
    access: P.guideTriage,
    unitScoped: false,
    listsUnits: true,
    request: async (f) => {
      // A report on B's item exists, so a scoped triager's queue is shown not to include it.
      await faultReport(f, "other");
      return { method: "GET", url: "/api/guides/fault-reports?pageSize=500" };
    },
  },
  "POST /api/guides/fault-reports/:id/triage": {
    access: P.guideTriage,
    unitScoped: true,
    request: async (f, t) => ({
      method: "POST",
      url: `/api/guides/fault-reports/${await faultReport(f, t)}/triage`,
      payload: { status: "accepted", note: "属实", element: "consultationPhone" },
    }),
  },
};
