import { PERMISSIONS } from "@kaoping/core";
import { eq } from "drizzle-orm";
import { createAppeal } from "../../modules/appeals/commands.ts";
import { createFinding } from "../../modules/findings/commands.ts";
import { findings } from "../../platform/db/schema.ts";
import { asSystem, multipart, workbook } from "../harness.ts";
import type { Fixture, MatrixRows, Req, Target } from "./types.ts";

const P = PERMISSIONS;
const CODE = { own: "A", other: "B" } as const;

/** A campaign under review: findings and measurements are recorded now. */
const reviewing = (f: Fixture, t: Target) => f.campaign(t, "reviewing");

const problem = (unitId: string) => ({
  unitId,
  indicatorCode: "1.1",
  ruleId: "r-problem",
  sourceLevel: "city" as const,
  count: 1,
  description: "矩阵问题",
});

/** A draft finding on the addressed unit of a fresh campaign under review, made by the system. */
async function draftFinding(f: Fixture, t: Target) {
  const { campaignId, unitId } = await reviewing(f, t);
  const row = await asSystem(f.server, (ctx) => createFinding({ ctx, campaignId, input: problem(unitId) }));
  return { campaignId, findingId: row.id };
}

/** A campaign in its appeal phase and the confirmed finding the fixture put on its first unit. */
async function appealable(f: Fixture, t: Target) {
  const { campaignId } = await f.campaign(t, "appeal");
  const [finding] = await f.server.database.db.select({ id: findings.id }).from(findings).where(eq(findings.campaignId, campaignId));
  return { campaignId, findingId: finding!.id };
}

/** …with a pending appeal on that finding, lodged by the system. */
async function pendingAppeal(f: Fixture, t: Target) {
  const { campaignId, findingId } = await appealable(f, t);
  const appeal = await asSystem(f.server, (ctx) => createAppeal({ ctx, campaignId, findingId, reason: "已整改" }));
  return { campaignId, appealId: appeal.id };
}

async function upload(url: string, headers: string[], row: (string | number)[], sheet: string): Promise<Req> {
  const body = multipart(await workbook(headers, [row], sheet), "import.xlsx");
  return { method: "POST", url, payload: body.payload, headers: body.headers };
}

/** Findings (问题台账), measurements (测评数据) and appeals (申诉). */
export const FINDING_ROWS: MatrixRows = {
  "GET /api/campaigns/:id/findings": {
    access: P.campaignRead,
    unitScoped: true,
    listsUnits: true,
    request: async (f, t) => ({ method: "GET", url: `/api/campaigns/${(await draftFinding(f, t)).campaignId}/findings` }),
  },
  "POST /api/campaigns/:id/findings": {
    access: P.campaignReview,
    unitScoped: true,
    request: async (f, t) => {
      const { campaignId, unitId } = await reviewing(f, t);
      return { method: "POST", url: `/api/campaigns/${campaignId}/findings`, payload: problem(unitId) };
    },
  },
  "PATCH /api/campaigns/:id/findings/:findingId": {
    access: P.campaignReview,
    unitScoped: true,
    request: async (f, t) => {
      const { campaignId, findingId } = await draftFinding(f, t);
      return { method: "PATCH", url: `/api/campaigns/${campaignId}/findings/${findingId}`, payload: { version: 1, count: 2 } };
    },
  },
  "POST /api/campaigns/:id/findings/:findingId/confirm": {
    access: P.campaignReview,
    unitScoped: true,
    request: async (f, t) => {
      const { campaignId, findingId } = await draftFinding(f, t);
      return { method: "POST", url: `/api/campaigns/${campaignId}/findings/${findingId}/confirm`, payload: {} };
    },
  },
  "POST /api/campaigns/:id/findings/:findingId/withdraw": {
    access: P.campaignReview,
    unitScoped: true,
    request: async (f, t) => {
      const { campaignId, findingId } = await draftFinding(f, t);
      return { method: "POST", url: `/api/campaigns/${campaignId}/findings/${findingId}/withdraw`, payload: { reason: "登记错误" } };
    },
  },
  "GET /api/campaigns/:id/findings/import-template": {
    access: P.campaignReview,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: `/api/campaigns/${(await reviewing(f, t)).campaignId}/findings/import-template` }),
  },
  "POST /api/campaigns/:id/findings/import": {
    access: P.campaignReview,
    unitScoped: true,
    request: async (f, t) =>
      upload(
        `/api/campaigns/${(await reviewing(f, t)).campaignId}/findings/import`,
        ["单位编码", "指标编号", "细则编号", "来源层级", "问题描述"],
        [CODE[t], "1.1", "r-problem", "市级", "矩阵导入"],
        "问题台账",
      ),
  },
  "GET /api/campaigns/:id/measurements": {
    access: P.campaignRead,
    unitScoped: true,
    listsUnits: true,
    request: async (f, t) => ({ method: "GET", url: `/api/campaigns/${(await reviewing(f, t)).campaignId}/measurements` }),
  },
  "PUT /api/campaigns/:id/measurements": {
    access: P.campaignReview,
    unitScoped: true,
    request: async (f, t) => {
      const { campaignId, unitId } = await reviewing(f, t);
      return { method: "PUT", url: `/api/campaigns/${campaignId}/measurements`, payload: { unitId, fact: "online_rate", value: 85 } };
    },
  },
  "GET /api/campaigns/:id/measurements/import-template": {
    access: P.campaignReview,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: `/api/campaigns/${(await reviewing(f, t)).campaignId}/measurements/import-template` }),
  },
  "POST /api/campaigns/:id/measurements/import": {
    access: P.campaignReview,
    unitScoped: true,
    request: async (f, t) =>
      upload(
        `/api/campaigns/${(await reviewing(f, t)).campaignId}/measurements/import`,
        ["单位编码", "事实", "数值", "备注"],
        [CODE[t], "online_rate", 85, ""],
        "测评数据",
      ),
  },
  "GET /api/campaigns/:id/appeals": {
    access: P.campaignRead,
    unitScoped: true,
    listsUnits: true,
    request: async (f, t) => ({ method: "GET", url: `/api/campaigns/${(await pendingAppeal(f, t)).campaignId}/appeals` }),
  },
  "POST /api/campaigns/:id/findings/:findingId/appeals": {
    access: P.appealSubmit,
    unitScoped: true,
    request: async (f, t) => {
      const { campaignId, findingId } = await appealable(f, t);
      return { method: "POST", url: `/api/campaigns/${campaignId}/findings/${findingId}/appeals`, payload: { reason: "已整改" } };
    },
  },
  "POST /api/campaigns/:id/appeals/:appealId/decide": {
    access: P.campaignReview,
    unitScoped: true,
    request: async (f, t) => {
      const { campaignId, appealId } = await pendingAppeal(f, t);
      return {
        method: "POST",
        url: `/api/campaigns/${campaignId}/appeals/${appealId}/decide`,
        payload: { decision: "upheld", reason: "经复核维持" },
      };
    },
  },
};
