import { cstDate, DEFAULT_WARNING_RULES, type OrderAction, PERMISSIONS } from "@kaoping/core";
import { and, eq } from "drizzle-orm";
import { publishBulletin } from "../../modules/supervision/bulletins.ts";
import { createComplaint } from "../../modules/supervision/complaints.ts";
import { evaluateWarnings } from "../../modules/supervision/evaluate.ts";
import { actOnOrder, answerOrder, issueOrder } from "../../modules/supervision/orders.ts";
import { createSigningKey } from "../../modules/supervision/signing-keys.ts";
import { calendarYears, warnings } from "../../platform/db/schema.ts";
import { systemAttachment } from "../attachments.ts";
import { cst } from "../cases.ts";
import { asSystem } from "../harness.ts";
import { oneCase } from "./cases.ts";
import type { Fixture, MatrixRows, Req, Target } from "./types.ts";

const P = PERMISSIONS;
const UNIT = { own: "A", other: "B" } as const;

/** A fresh 体外循环 warning (承诺件 completed minutes after acceptance) of the target's unit. */
async function warning(f: Fixture, t: Target): Promise<string> {
  // An order's deadline runs on the calendar of the year it is issued in.
  const year = new Date().getUTCFullYear();
  await f.server.database.db
    .insert(calendarYears)
    .values([year, year + 1].map((y) => ({ year: y, source: "test" })))
    .onConflictDoNothing();
  const caseNo = await oneCase(f, t, { completedAt: cst("2024-03-04T09:02:00") });
  await evaluateWarnings(f.server.database.db);
  const [row] = await f.server.database.db
    .select({ id: warnings.id })
    .from(warnings)
    .where(and(eq(warnings.caseNo, caseNo), eq(warnings.ruleKind, "process_anomaly")));
  return row!.id;
}

/** A fresh 督办单 of the target's unit, taken as far as `steps` go (issued, then e.g. replied). */
async function order(f: Fixture, t: Target, steps: ("reply" | OrderAction)[] = []): Promise<string> {
  const warningId = await warning(f, t);
  return asSystem(f.server, async (ctx) => {
    const issued = await issueOrder({ ctx, warningId, input: { instruction: "矩阵督办", replyDays: 3 } });
    for (const action of steps)
      if (action === "reply") await answerOrder({ ctx, orderId: issued.id, text: "矩阵反馈" });
      else await actOnOrder({ ctx, orderId: issued.id, action, text: "矩阵" });
    return issued.id;
  });
}

/** A published bulletin of March 2024 (its content from whatever the fixture holds). */
const bulletin = (f: Fixture) => asSystem(f.server, async (ctx) => (await publishBulletin({ ctx, month: "2024-03" })).id);
const bulletinFile =
  (file: string) =>
  async (f: Fixture): Promise<Req> => ({
    method: "GET",
    url: `/api/supervision/bulletins/${await bulletin(f)}/${file}`,
  });

/** Both units hold warnings; the ledger asked for the target's unit (a leak would show B). */
async function scopedWarnings(f: Fixture, t: Target): Promise<Req> {
  await warning(f, "own");
  await warning(f, "other");
  return { method: "GET", url: `/api/supervision/warnings?unitId=${f.unit(UNIT[t])}` };
}

async function scopedOrders(f: Fixture, t: Target): Promise<Req> {
  await order(f, "own");
  await order(f, "other");
  return { method: "GET", url: `/api/supervision/orders?unitId=${f.unit(UNIT[t])}` };
}

/** The same list's export (.xlsx, its filters in the query). */
const exported = (list: (f: Fixture, t: Target) => Promise<Req>) => async (f: Fixture, t: Target) => {
  const req = await list(f, t);
  return { ...req, url: req.url.replace("?", "/export.xlsx?") };
};

const orderStep =
  (path: string, payload: unknown, before: ("reply" | OrderAction)[] = []) =>
  async (f: Fixture, t: Target): Promise<Req> => ({
    method: "POST",
    url: `/api/supervision/orders/${await order(f, t, before)}/${path}`,
    payload,
  });

/** A registered key of the target's unit (a fresh key id each time). */
const signingKey = (f: Fixture, t: Target) =>
  asSystem(f.server, async (ctx) => {
    const key = await createSigningKey({
      ctx,
      input: { unitId: f.unit(UNIT[t]), keyId: `MXK-${f.seq()}`, approver: "矩阵", validFrom: "2024-01-01", validTo: null },
    });
    return key.id;
  });

/** A 效能投诉 of the target's unit in the register. */
const complaint = (f: Fixture, t: Target) =>
  asSystem(f.server, async (ctx) => {
    const row = await createComplaint({
      ctx,
      input: {
        unitId: f.unit(UNIT[t]),
        kind: "efficiency_complaint",
        occurredOn: "2024-05-06",
        title: "矩阵投诉",
        source: "",
        finding: "pending",
        note: "",
      },
    });
    return row.id;
  });

/** 电子监察: the warning ledger and the 督办单 (scoped like the cases), the office's rule set. */
export const SUPERVISION_ROWS: MatrixRows = {
  "GET /api/supervision/warnings": { access: P.warningRead, unitScoped: true, listsUnits: true, request: scopedWarnings },
  "GET /api/supervision/warnings/export.xlsx": { access: P.warningRead, unitScoped: true, request: exported(scopedWarnings) },
  "GET /api/supervision/complaints": {
    access: P.warningRead,
    unitScoped: true,
    listsUnits: true,
    request: async (f, t) => {
      await complaint(f, "own");
      await complaint(f, "other");
      return { method: "GET", url: `/api/supervision/complaints?unitId=${f.unit(UNIT[t])}` };
    },
  },
  "POST /api/supervision/complaints": {
    access: P.orderManage,
    unitScoped: true,
    request: (f, t) => ({
      method: "POST",
      url: "/api/supervision/complaints",
      payload: { unitId: f.unit(UNIT[t]), kind: "media_exposure", occurredOn: "2024-05-06", title: "矩阵曝光" },
    }),
  },
  "PATCH /api/supervision/complaints/:id": {
    access: P.orderManage,
    unitScoped: true,
    request: async (f, t) => ({
      method: "PATCH",
      url: `/api/supervision/complaints/${await complaint(f, t)}`,
      payload: { finding: "substantiated", note: "矩阵核查属实" },
    }),
  },
  "GET /api/supervision/signing-keys": {
    access: P.warningRead,
    unitScoped: true,
    listsUnits: true,
    request: async (f, t) => {
      await signingKey(f, "own");
      await signingKey(f, "other");
      return { method: "GET", url: `/api/supervision/signing-keys?unitId=${f.unit(UNIT[t])}` };
    },
  },
  "POST /api/supervision/signing-keys": {
    access: P.keyManage,
    unitScoped: true,
    request: (f, t) => ({
      method: "POST",
      url: "/api/supervision/signing-keys",
      // From today: a unit's liaison may not back-date a key (core/src/supervision/keys.ts).
      payload: { unitId: f.unit(UNIT[t]), keyId: `MXK-${f.seq()}`, approver: "矩阵", validFrom: cstDate(new Date()) },
    }),
  },
  "POST /api/supervision/signing-keys/:id/revoke": {
    access: P.keyManage,
    unitScoped: true,
    request: async (f, t) => ({
      method: "POST",
      url: `/api/supervision/signing-keys/${await signingKey(f, t)}/revoke`,
      payload: { reason: "矩阵注销" },
    }),
  },
  "GET /api/supervision/board": {
    access: P.warningRead,
    unitScoped: true,
    listsUnits: true,
    request: async (f, t) => ({
      ...(await scopedWarnings(f, t)),
      url: `/api/supervision/board?unitId=${f.unit(UNIT[t])}&from=2024-01-01&to=2024-12-31`,
    }),
  },
  "GET /api/supervision/bulletins": {
    access: P.warningRead,
    unitScoped: false,
    request: () => ({ method: "GET", url: "/api/supervision/bulletins" }),
  },
  "GET /api/supervision/bulletins/preview.html": {
    access: P.orderManage,
    unitScoped: false,
    request: () => ({ method: "GET", url: "/api/supervision/bulletins/preview.html?month=2024-03" }),
  },
  "POST /api/supervision/bulletins": {
    access: P.orderManage,
    unitScoped: false,
    request: () => ({ method: "POST", url: "/api/supervision/bulletins", payload: { month: "2024-03" } }),
  },
  "GET /api/supervision/bulletins/:id/bulletin.html": { access: P.warningRead, unitScoped: false, request: bulletinFile("bulletin.html") },
  "GET /api/supervision/bulletins/:id/bulletin.pdf": { access: P.warningRead, unitScoped: false, request: bulletinFile("bulletin.pdf") },
  "GET /api/supervision/bulletins/:id/bulletin.xlsx": { access: P.warningRead, unitScoped: false, request: bulletinFile("bulletin.xlsx") },
  "GET /api/supervision/rules": {
    access: P.warningRead,
    unitScoped: false,
    request: () => ({ method: "GET", url: "/api/supervision/rules" }),
  },
  "PUT /api/supervision/rules": {
    access: P.warningRuleManage,
    unitScoped: false,
    request: () => ({ method: "PUT", url: "/api/supervision/rules", payload: { rules: DEFAULT_WARNING_RULES, note: "矩阵测试" } }),
  },
  "POST /api/supervision/rules/preview": {
    access: P.warningRuleManage,
    unitScoped: false,
    request: () => ({
      method: "POST",
      url: "/api/supervision/rules/preview",
      payload: { rule: DEFAULT_WARNING_RULES[1], month: "2024-03" },
    }),
  },
  "GET /api/supervision/orders": { access: P.warningRead, unitScoped: true, listsUnits: true, request: scopedOrders },
  "GET /api/supervision/orders/export.xlsx": { access: P.warningRead, unitScoped: true, request: exported(scopedOrders) },
  "GET /api/supervision/orders/:id": {
    access: P.warningRead,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: `/api/supervision/orders/${await order(f, t)}` }),
  },
  "GET /api/supervision/orders/:id/attachments/:attachmentId": {
    access: P.warningRead,
    unitScoped: true,
    request: async (f, t) => {
      const orderId = await order(f, t);
      const attachmentId = await systemAttachment(f.server, "反馈佐证.pdf");
      await asSystem(f.server, (ctx) => answerOrder({ ctx, orderId, text: "矩阵反馈", attachmentIds: [attachmentId] }));
      return { method: "GET", url: `/api/supervision/orders/${orderId}/attachments/${attachmentId}` };
    },
  },
  "POST /api/supervision/warnings/:id/order": {
    access: P.orderManage,
    unitScoped: true,
    request: async (f, t) => ({
      method: "POST",
      url: `/api/supervision/warnings/${await warning(f, t)}/order`,
      payload: { instruction: "矩阵督办" },
    }),
  },
  "POST /api/supervision/orders/:id/reply": { access: P.orderReply, unitScoped: true, request: orderStep("reply", { text: "矩阵反馈" }) },
  "POST /api/supervision/orders/:id/investigate": {
    access: P.orderManage,
    unitScoped: true,
    request: orderStep("investigate", { text: "矩阵调查" }, ["reply"]),
  },
  "POST /api/supervision/orders/:id/close": {
    access: P.orderManage,
    unitScoped: true,
    request: orderStep("close", { text: "" }, ["reply"]),
  },
};
