import { PERMISSIONS } from "@kaoping/core";
import { desc, eq } from "drizzle-orm";
import { uploadEvidence, uploadFindingEvidence } from "../../modules/evidence/commands.ts";
import { evidenceForm, samplePdf } from "../../modules/evidence/test-files.ts";
import { inspectFiles } from "../../modules/evidence/upload.ts";
import { notifyUnits } from "../../modules/notifications/commands.ts";
import { notifications, responsibilities, users } from "../../platform/db/schema.ts";
import { insertConfirmedFinding } from "../campaigns.ts";
import { asSystem } from "../harness.ts";
import type { CampaignStage, Fixture, MatrixRows, Target } from "./types.ts";

const P = PERMISSIONS;

const pdfForm = (f: Fixture) =>
  evidenceForm({ ownerType: "self_assessment", ownerKey: "1.1" }, [{ name: `佐证${f.seq()}.pdf`, data: samplePdf() }]);
const fileForm = (f: Fixture) => evidenceForm({}, [{ name: `新版${f.seq()}.pdf`, data: samplePdf(String(f.seq())) }]);

const inspected = (f: Fixture) => inspectFiles([{ fileName: `原件${f.seq()}.pdf`, buffer: samplePdf() }], f.server.config);

/**
 * Campaigns are the fixture's costly part, so these rows share one per target
 * and stage; each request still gets fresh rows of its own (files with new
 * names, findings, responsibilities), so no role's request depends on another's.
 */
const campaigns = new WeakMap<Fixture, Map<string, Promise<{ campaignId: string; unitId: string }>>>();
async function sharedCampaign(f: Fixture, t: Target, stage: CampaignStage) {
  const byKey = campaigns.get(f) ?? new Map();
  campaigns.set(f, byKey);
  const key = `${t}:${stage}`;
  if (!byKey.has(key)) byKey.set(key, f.campaign(t, stage));
  return byKey.get(key)!;
}

/** A self-assessment file on the addressed unit (A for own, B for other). */
async function unitEvidence(f: Fixture, t: Target) {
  const { campaignId, unitId } = await sharedCampaign(f, t, "reporting");
  const files = await inspected(f);
  const [row] = await asSystem(f.server, (ctx) =>
    uploadEvidence({ ctx, campaignId, unitId, ownerType: "self_assessment", ownerKey: "2.1", files }),
  );
  return { campaignId, unitId, evidenceId: row!.id };
}

/** A confirmed finding on the addressed unit of a campaign under review. */
async function finding(f: Fixture, t: Target) {
  const { campaignId, unitId } = await sharedCampaign(f, t, "reviewing");
  return { campaignId, unitId, findingId: await insertConfirmedFinding(f.server, campaignId, unitId) };
}

/** A responsibility (责任分解) of the addressed unit in a running campaign, on an indicator code of its own. */
async function responsibility(f: Fixture, t: Target) {
  const { campaignId, unitId } = await sharedCampaign(f, t, "reporting");
  const [row] = await f.server.database.db
    .insert(responsibilities)
    .values({ campaignId, indicatorCode: `M${f.seq()}`, unitId, role: "lead", milestone: "年底前完成", dueDate: "2020-12-31" })
    .returning({ id: responsibilities.id });
  return { campaignId, responsibilityId: row!.id };
}

/** Read-only rows read one file per target. */
const shared = new WeakMap<Fixture, Map<Target, ReturnType<typeof unitEvidence>>>();
async function sharedEvidence(f: Fixture, t: Target) {
  const byTarget = shared.get(f) ?? new Map();
  shared.set(f, byTarget);
  if (!byTarget.has(t)) byTarget.set(t, unitEvidence(f, t));
  const evidence = await byTarget.get(t)!;
  await sharedCampaign(f, t, "reporting");
  return evidence;
}

/**
 * A notification of the role being tried (`f.caller`) is the "own" one; in
 * the anonymous pass there is no caller and any id will do.
 */
async function callersNotification(f: Fixture): Promise<string> {
  const [caller] = f.caller
    ? await f.server.database.db.select({ id: users.id, unitId: users.unitId }).from(users).where(eq(users.username, f.caller))
    : [];
  if (!caller) return "00000000-0000-4000-8000-000000000000";
  await asSystem(f.server, (ctx) =>
    notifyUnits({ ctx, unitIds: [caller.unitId], notification: { campaignId: null, kind: "reminder", title: `矩阵消息 ${f.seq()}` } }),
  );
  const [latest] = await f.server.database.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(eq(notifications.userId, caller.id))
    .orderBy(desc(notifications.createdAt))
    .limit(1);
  return latest!.id;
}

/** Evidence, responsibilities, reminders, notifications and the to-do list. */
export const EVIDENCE_ROWS: MatrixRows = {
  "POST /api/campaigns/:id/units/:unitId/evidence": {
    access: P.reportSubmit,
    unitScoped: true,
    request: async (f, t) => {
      const { campaignId, unitId } = await sharedCampaign(f, t, "reporting");
      return { method: "POST", url: `/api/campaigns/${campaignId}/units/${unitId}/evidence`, ...pdfForm(f) };
    },
  },
  "POST /api/evidence/:evidenceId/revisions": {
    access: P.reportSubmit,
    unitScoped: true,
    request: async (f, t) => ({ method: "POST", url: `/api/evidence/${(await unitEvidence(f, t)).evidenceId}/revisions`, ...fileForm(f) }),
  },
  // A step's 附件, uploaded before the step that cites it; nobody else sees it until then.
  "POST /api/attachments": {
    access: "authenticated",
    unitScoped: false,
    request: (f) => ({ method: "POST", url: "/api/attachments", ...fileForm(f) }),
  },
  "GET /api/evidence/:evidenceId/download": {
    access: P.campaignRead,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: `/api/evidence/${(await sharedEvidence(f, t)).evidenceId}/download` }),
  },
  "GET /api/campaigns/:id/units/:unitId/evidence": {
    access: P.campaignRead,
    unitScoped: true,
    request: async (f, t) => {
      const { campaignId, unitId } = await sharedEvidence(f, t);
      return { method: "GET", url: `/api/campaigns/${campaignId}/units/${unitId}/evidence` };
    },
  },
  "GET /api/campaigns/:id/units/:unitId/evidence/catalogue.xlsx": {
    access: P.campaignRead,
    unitScoped: true,
    request: async (f, t) => {
      const { campaignId, unitId } = await sharedEvidence(f, t);
      return { method: "GET", url: `/api/campaigns/${campaignId}/units/${unitId}/evidence/catalogue.xlsx` };
    },
  },
  "GET /api/campaigns/:id/units/:unitId/evidence/catalogue.html": {
    access: P.campaignRead,
    unitScoped: true,
    request: async (f, t) => {
      const { campaignId, unitId } = await sharedEvidence(f, t);
      return { method: "GET", url: `/api/campaigns/${campaignId}/units/${unitId}/evidence/catalogue.html` };
    },
  },
  "POST /api/campaigns/:id/findings/:findingId/evidence": {
    access: P.campaignReview,
    unitScoped: true,
    request: async (f, t) => {
      const { campaignId, findingId } = await finding(f, t);
      return { method: "POST", url: `/api/campaigns/${campaignId}/findings/${findingId}/evidence`, ...fileForm(f) };
    },
  },
  "POST /api/campaigns/:id/findings/:findingId/evidence/:evidenceId/revisions": {
    access: P.campaignReview,
    unitScoped: true,
    request: async (f, t) => {
      const { campaignId, findingId } = await finding(f, t);
      const files = await inspected(f);
      const [row] = await asSystem(f.server, (ctx) => uploadFindingEvidence({ ctx, campaignId, findingId, files }));
      return { method: "POST", url: `/api/campaigns/${campaignId}/findings/${findingId}/evidence/${row!.id}/revisions`, ...fileForm(f) };
    },
  },
  "GET /api/campaigns/:id/responsibilities": {
    access: P.campaignRead,
    unitScoped: true,
    listsUnits: true,
    request: async (f, t) => ({ method: "GET", url: `/api/campaigns/${(await responsibility(f, t)).campaignId}/responsibilities` }),
  },
  "PUT /api/campaigns/:id/responsibilities/:responsibilityId": {
    access: P.reportSubmit,
    unitScoped: true,
    request: async (f, t) => {
      const { campaignId, responsibilityId } = await responsibility(f, t);
      return {
        method: "PUT",
        url: `/api/campaigns/${campaignId}/responsibilities/${responsibilityId}`,
        payload: { status: "in_progress", note: "推进中", version: 1 },
      };
    },
  },
  "POST /api/campaigns/:id/reminders": {
    access: P.campaignManage,
    unitScoped: true,
    request: async (f, t) => ({
      method: "POST",
      url: `/api/campaigns/${(await sharedEvidence(f, t)).campaignId}/reminders`,
      payload: { message: "请按时填报" },
    }),
  },
  "GET /api/notifications": { access: "authenticated", unitScoped: false, request: () => ({ method: "GET", url: "/api/notifications" }) },
  "POST /api/notifications/:notificationId/read": {
    access: "authenticated",
    unitScoped: false,
    perCaller: true,
    request: async (f) => ({ method: "POST", url: `/api/notifications/${await callersNotification(f)}/read` }),
  },
  "GET /api/todo": { access: "authenticated", unitScoped: false, request: () => ({ method: "GET", url: "/api/todo" }) },
};
