import { PERMISSIONS } from "@kaoping/core";
import type { Fixture, MatrixRows, Target } from "./types.ts";

const P = PERMISSIONS;

const shared = new WeakMap<Fixture, Map<string, ReturnType<Fixture["campaign"]>>>();

/**
 * A published campaign (unit users see publications only), shared by these
 * read-only rows: publishing one per request would add minutes to the matrix.
 */
async function publishedCampaign(f: Fixture, t: Target) {
  const byKey = shared.get(f) ?? new Map();
  shared.set(f, byKey);
  if (!byKey.has(t)) byKey.set(t, f.campaign(t, "published"));
  return byKey.get(t)!;
}

const campaignUrl = async (f: Fixture, t: Target, tail: string) => `/api/campaigns/${(await publishedCampaign(f, t)).campaignId}${tail}`;
const unitUrl = async (f: Fixture, t: Target, tail: string) => {
  const { campaignId, unitId } = await publishedCampaign(f, t);
  return `/api/campaigns/${campaignId}/units/${unitId}${tail}`;
};

/** Reports, the bulletin, score exports and the cockpit. The PDF rows share one Chromium per server. */
export const REPORT_ROWS: MatrixRows = {
  "GET /api/campaigns/:id/units/:unitId/report.html": {
    access: P.campaignRead,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: await unitUrl(f, t, "/report.html") }),
  },
  "GET /api/campaigns/:id/units/:unitId/report.pdf": {
    access: P.campaignRead,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: await unitUrl(f, t, "/report.pdf") }),
  },
  "GET /api/campaigns/:id/bulletin.html": {
    access: P.campaignManage,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: await campaignUrl(f, t, "/bulletin.html") }),
  },
  "GET /api/campaigns/:id/bulletin.pdf": {
    access: P.campaignManage,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: await campaignUrl(f, t, "/bulletin.pdf") }),
  },
  "GET /api/campaigns/:id/exports/scores.xlsx": {
    access: P.campaignRead,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: await campaignUrl(f, t, "/exports/scores.xlsx") }),
  },
  "GET /api/campaigns/:id/cockpit": {
    access: P.campaignRead,
    unitScoped: true,
    listsUnits: true,
    request: async (f, t) => ({ method: "GET", url: await campaignUrl(f, t, "/cockpit") }),
  },
};
