import {
  complaintInputSchema,
  complaintListQuerySchema,
  complaintUpdateSchema,
  issueOrderSchema,
  orderCloseSchema,
  orderInvestigateSchema,
  orderListQuerySchema,
  orderReplySchema,
  PERMISSIONS,
  rulePreviewSchema,
  signingKeyInputSchema,
  signingKeyListQuerySchema,
  signingKeyRevokeSchema,
  supervisionBoardQuerySchema,
  type WarningRuleSetView,
  warningListQuerySchema,
  warningRuleSetSchema,
} from "@kaoping/core";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { sendListExport } from "../../platform/excel/list-export.ts";
import { type CommandContext, query, transaction } from "../../platform/http/command.ts";
import { idParams } from "../../platform/http/schemas.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { registerAttachmentDownload } from "../attachments/routes.ts";
import { getSupervisionBoard } from "./board.ts";
import { createComplaint, listComplaints, updateComplaint } from "./complaints.ts";
import { ordersWorkbook, warningsWorkbook } from "./exports.ts";
import { getOrder, listOrders } from "./order-queries.ts";
import { actOnOrder, answerOrder, issueOrder, orderStepIds } from "./orders.ts";
import { previewRule } from "./preview.ts";
import { listWarnings } from "./queries.ts";
import { type LoadedRuleSet, listWarningRuleSets, loadWarningRuleSet, saveWarningRuleSet } from "./rule-sets.ts";
import { createSigningKey, listSigningKeys, revokeSigningKey } from "./signing-keys.ts";

const tags = ["supervision"];
const read = { access: PERMISSIONS.warningRead };
const unpaged = <S extends z.ZodObject>(schema: S) => schema.omit({ page: true, pageSize: true });
type ExportList = "warnings" | "orders";
const EXPORTS = {
  warnings: { fileName: "预警台账.xlsx", entityType: "warning" },
  orders: { fileName: "督办单.xlsx", entityType: "supervision_order" },
} as const;
const office = { access: PERMISSIONS.orderManage };
const unit = { access: PERMISSIONS.orderReply };
const keys = { access: PERMISSIONS.keyManage };

async function ruleSetView(db: Parameters<typeof loadWarningRuleSet>[0], loaded?: LoadedRuleSet): Promise<WarningRuleSetView> {
  const set = loaded ?? (await loadWarningRuleSet(db));
  const versions = await listWarningRuleSets(db);
  return {
    version: set.version,
    note: set.note,
    createdAt: set.createdAt?.toISOString() ?? null,
    rules: set.rules,
    cards: set.cards,
    versions: versions.map((v) => ({ version: v.version, note: v.note, createdAt: v.createdAt.toISOString() })),
  };
}

/** The order as the step left it, read in the step's transaction. */
const orderAfter = (command: CommandContext, orderId: string) => getOrder({ db: command.tx, principal: command.principal }, orderId);

/** 电子监察: the warning ledger (scoped like the cases), the rule set the office keeps, and the 督办单. */
export function registerSupervisionRoutes(app: App, ctx: AppContext): void {
  app.get("/api/supervision/warnings", { schema: { tags, querystring: warningListQuerySchema }, config: read }, (req) =>
    listWarnings(query(ctx, req), req.query),
  );
  app.get("/api/supervision/rules", { schema: { tags }, config: read }, (req) => ruleSetView(query(ctx, req).db));
  // A trial: it writes nothing, but it judges a month of cases — the office's, like the rules themselves.
  app.post(
    "/api/supervision/rules/preview",
    { schema: { tags, body: rulePreviewSchema }, config: { access: PERMISSIONS.warningRuleManage } },
    (req) => previewRule({ db: ctx.db, rule: req.body.rule, month: req.body.month }),
  );
  app.get("/api/supervision/complaints", { schema: { tags, querystring: complaintListQuerySchema }, config: read }, (req) =>
    listComplaints(query(ctx, req), req.query),
  );
  app.post("/api/supervision/complaints", { schema: { tags, body: complaintInputSchema }, config: office }, (req) =>
    transaction(ctx, req, (command) => createComplaint({ ctx: command, input: req.body })),
  );
  app.patch("/api/supervision/complaints/:id", { schema: { tags, params: idParams, body: complaintUpdateSchema }, config: office }, (req) =>
    transaction(ctx, req, (command) => updateComplaint({ ctx: command, id: req.params.id, input: req.body })),
  );
  app.get("/api/supervision/signing-keys", { schema: { tags, querystring: signingKeyListQuerySchema }, config: read }, (req) =>
    listSigningKeys(query(ctx, req), req.query.unitId),
  );
  app.post("/api/supervision/signing-keys", { schema: { tags, body: signingKeyInputSchema }, config: keys }, (req) =>
    transaction(ctx, req, (command) => createSigningKey({ ctx: command, input: req.body })),
  );
  app.post(
    "/api/supervision/signing-keys/:id/revoke",
    { schema: { tags, params: idParams, body: signingKeyRevokeSchema }, config: keys },
    (req) => transaction(ctx, req, (command) => revokeSigningKey({ ctx: command, id: req.params.id, reason: req.body.reason })),
  );
  app.get("/api/supervision/board", { schema: { tags, querystring: supervisionBoardQuerySchema }, config: read }, (req) =>
    getSupervisionBoard(query(ctx, req), req.query),
  );
  app.put(
    "/api/supervision/rules",
    { schema: { tags, body: warningRuleSetSchema }, config: { access: PERMISSIONS.warningRuleManage } },
    (req) => transaction(ctx, req, async (command) => ruleSetView(command.tx, await saveWarningRuleSet({ ctx: command, input: req.body }))),
  );
  app.get("/api/supervision/orders", { schema: { tags, querystring: orderListQuerySchema }, config: read }, (req) =>
    listOrders(query(ctx, req), req.query),
  );
  // 导出: the lists as the page filters them, as .xlsx; audited like every export.
  const sendExport = (req: FastifyRequest, reply: FastifyReply, list: ExportList, file: { count: number; body: Buffer }) =>
    sendListExport({ ctx, req, reply, action: `supervision.${list}.export`, ...EXPORTS[list], file });
  app.get(
    "/api/supervision/warnings/export.xlsx",
    { schema: { tags, querystring: unpaged(warningListQuerySchema) }, config: read },
    async (req, reply) => sendExport(req, reply, "warnings", await warningsWorkbook(query(ctx, req), req.query)),
  );
  app.get(
    "/api/supervision/orders/export.xlsx",
    { schema: { tags, querystring: unpaged(orderListQuerySchema) }, config: read },
    async (req, reply) => sendExport(req, reply, "orders", await ordersWorkbook(query(ctx, req), req.query)),
  );
  app.get("/api/supervision/orders/:id", { schema: { tags, params: idParams }, config: read }, (req) =>
    getOrder(query(ctx, req), req.params.id),
  );
  registerAttachmentDownload(app, ctx, {
    ownerPath: "/api/supervision/orders",
    tags,
    access: read.access,
    ownerType: "supervision_order_step",
    stepsOf: orderStepIds,
  });
  app.post("/api/supervision/warnings/:id/order", { schema: { tags, params: idParams, body: issueOrderSchema }, config: office }, (req) =>
    transaction(ctx, req, async (command) =>
      orderAfter(command, (await issueOrder({ ctx: command, warningId: req.params.id, input: req.body })).id),
    ),
  );
  // The unit's answer: 情况反馈 to an issued order, 纠正反馈 to one under investigation.
  app.post("/api/supervision/orders/:id/reply", { schema: { tags, params: idParams, body: orderReplySchema }, config: unit }, (req) =>
    transaction(ctx, req, async (command) => {
      await answerOrder({ ctx: command, orderId: req.params.id, ...req.body });
      return orderAfter(command, req.params.id);
    }),
  );
  app.post(
    "/api/supervision/orders/:id/investigate",
    { schema: { tags, params: idParams, body: orderInvestigateSchema }, config: office },
    (req) =>
      transaction(ctx, req, async (command) => {
        await actOnOrder({ ctx: command, orderId: req.params.id, action: "investigate", ...req.body });
        return orderAfter(command, req.params.id);
      }),
  );
  app.post("/api/supervision/orders/:id/close", { schema: { tags, params: idParams, body: orderCloseSchema }, config: office }, (req) =>
    transaction(ctx, req, async (command) => {
      await actOnOrder({ ctx: command, orderId: req.params.id, action: "close", text: req.body.text });
      return orderAfter(command, req.params.id);
    }),
  );
}
