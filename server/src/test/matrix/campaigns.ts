import { PERMISSIONS } from "@kaoping/core";
import { eq } from "drizzle-orm";
import { findings } from "../../platform/db/schema.ts";
import { makePublishedFramework, OPEN_PHASES } from "../campaigns.ts";
import { multipart, workbook } from "../harness.ts";
import type { Fixture, MatrixRows, Target } from "./types.ts";

const P = PERMISSIONS;

const unitUrl = async (f: Fixture, t: Target, stage: Parameters<Fixture["campaign"]>[1], tail: string) => {
  const { campaignId, unitId } = await f.campaign(t, stage);
  return `/api/campaigns/${campaignId}/units/${unitId}${tail}`;
};
const campaignUrl = async (f: Fixture, t: Target, stage: Parameters<Fixture["campaign"]>[1], tail = "") =>
  `/api/campaigns/${(await f.campaign(t, stage)).campaignId}${tail}`;

/** Campaign routes: the campaign itself, units, submissions and self-assessments, scores and publications. */
export const CAMPAIGN_ROWS: MatrixRows = {
  "GET /api/campaigns": { access: P.campaignRead, unitScoped: false, request: () => ({ method: "GET", url: "/api/campaigns" }) },
  "POST /api/campaigns": {
    access: P.campaignManage,
    unitScoped: true,
    request: async (f, t) => ({
      method: "POST",
      url: "/api/campaigns",
      payload: {
        frameworkId: await makePublishedFramework(f.server),
        name: `矩阵考核 ${f.seq()}`,
        year: 2026,
        phases: OPEN_PHASES,
        units: [{ unitId: f.unit(t === "own" ? "A" : "B") }],
      },
    }),
  },
  "GET /api/campaigns/:id": {
    access: P.campaignRead,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: await campaignUrl(f, t, "reporting") }),
  },
  "PATCH /api/campaigns/:id": {
    access: P.campaignManage,
    unitScoped: true,
    request: async (f, t) => ({ method: "PATCH", url: await campaignUrl(f, t, "draft"), payload: { version: 1, name: `改名 ${f.seq()}` } }),
  },
  "DELETE /api/campaigns/:id": {
    access: P.campaignManage,
    unitScoped: true,
    request: async (f, t) => ({ method: "DELETE", url: await campaignUrl(f, t, "draft") }),
  },
  "POST /api/campaigns/:id/transition": {
    access: P.campaignManage,
    unitScoped: true,
    request: async (f, t) => ({ method: "POST", url: await campaignUrl(f, t, "reporting", "/transition"), payload: { to: "reviewing" } }),
  },
  "GET /api/campaigns/:id/units": {
    access: P.campaignRead,
    unitScoped: true,
    listsUnits: true,
    request: async (f, t) => ({ method: "GET", url: await campaignUrl(f, t, "reporting", "/units") }),
  },
  "PUT /api/campaigns/:id/units/:unitId/indicators": {
    access: P.campaignManage,
    unitScoped: true,
    request: async (f, t) => ({ method: "PUT", url: await unitUrl(f, t, "reporting", "/indicators"), payload: { indicatorCodes: ["1"] } }),
  },
  "GET /api/campaigns/:id/unit-indicators/template": {
    access: P.campaignManage,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: await campaignUrl(f, t, "reporting", "/unit-indicators/template") }),
  },
  "POST /api/campaigns/:id/unit-indicators/import": {
    access: P.campaignManage,
    unitScoped: true,
    request: async (f, t) => {
      const body = multipart(await workbook(["单位编码", "适用指标"], [[t === "own" ? "A" : "B", "1、2"]], "适用指标"), "适用指标.xlsx");
      return {
        method: "POST",
        url: await campaignUrl(f, t, "reporting", "/unit-indicators/import"),
        payload: body.payload,
        headers: body.headers,
      };
    },
  },
  "GET /api/campaigns/:id/units/:unitId/submission": {
    access: P.campaignRead,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: await unitUrl(f, t, "reporting", "/submission") }),
  },
  "PUT /api/campaigns/:id/units/:unitId/self-assessments/:indicatorCode": {
    access: P.reportSubmit,
    unitScoped: true,
    request: async (f, t) => ({
      method: "PUT",
      url: await unitUrl(f, t, "reporting", "/self-assessments/1.1"),
      payload: { completion: "done", narrative: "已完成", version: 0 },
    }),
  },
  "POST /api/campaigns/:id/units/:unitId/submission/submit": {
    access: P.reportSubmit,
    unitScoped: true,
    request: async (f, t) => ({
      method: "POST",
      url: await unitUrl(f, t, "reporting", "/submission/submit"),
      payload: { confirmEmpty: true },
    }),
  },
  "POST /api/campaigns/:id/units/:unitId/submission/confirm": {
    access: P.reportConfirm,
    unitScoped: true,
    request: async (f, t) => ({ method: "POST", url: await unitUrl(f, t, "submitted", "/submission/confirm") }),
  },
  "POST /api/campaigns/:id/units/:unitId/submission/return": {
    access: P.campaignManage,
    unitScoped: true,
    request: async (f, t) => ({
      method: "POST",
      url: await unitUrl(f, t, "submitted", "/submission/return"),
      payload: { reason: "材料不全" },
    }),
  },
  "GET /api/campaigns/:id/scores": {
    access: P.campaignRead,
    unitScoped: true,
    listsUnits: true,
    request: async (f, t) => ({ method: "GET", url: await campaignUrl(f, t, "published", "/scores") }),
  },
  "GET /api/campaigns/:id/units/:unitId/score": {
    access: P.campaignRead,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: await unitUrl(f, t, "published", "/score") }),
  },
  "POST /api/campaigns/:id/what-if": {
    access: P.campaignReview,
    unitScoped: true,
    request: async (f, t) => {
      const { campaignId, unitId } = await f.campaign(t, "appeal");
      const rows = await f.server.database.db.select({ id: findings.id }).from(findings).where(eq(findings.campaignId, campaignId));
      return { method: "POST", url: `/api/campaigns/${campaignId}/what-if`, payload: { unitId, excludeFindingIds: rows.map((r) => r.id) } };
    },
  },
  "POST /api/campaigns/:id/publish": {
    access: P.campaignManage,
    unitScoped: true,
    request: async (f, t) => ({ method: "POST", url: await campaignUrl(f, t, "appeal", "/publish"), payload: { confirmPending: true } }),
  },
  "GET /api/campaigns/:id/publications": {
    access: P.campaignRead,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: await campaignUrl(f, t, "published", "/publications") }),
  },
  "GET /api/campaigns/:id/publications/:version": {
    access: P.campaignRead,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: await campaignUrl(f, t, "published", "/publications/1") }),
  },
};
