import {
  GUIDE_CHANNEL_LABELS,
  GUIDE_DEFECT_STATUS_LABELS,
  type GuideChannel,
  type GuideDefectListQuery,
  type GuideDefectStatus,
  type GuideFinding,
  isClosedByHand,
  OWNERSHIP_LABELS,
  type Ownership,
  type Paged,
  PERMISSIONS,
} from "@kaoping/core";
import { and, asc, count, desc, eq, gt, lt, lte, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { buildScopeWhere } from "../../platform/access/scope.ts";
import type { Principal } from "../../platform/auth/principal.ts";
import type { Db, Tx } from "../../platform/db/client.ts";
import { guideConfirmations, guideDefects, serviceGuides, serviceItems, units, users } from "../../platform/db/schema.ts";
import { AppError, conflict, forbidden, notFound } from "../../platform/errors.ts";
import type { CommandContext, QueryContext } from "../../platform/http/command.ts";
import { chineseDate, html, htmlDocument } from "../reports/html.ts";
import { canSeeUnit, loadVisibleUnit } from "../units/policy.ts";
import { itemScopeWhere, loadVisibleItem } from "./policy.ts";
import { presentFinding } from "./presenter.ts";

/** Seed 002's two kinds of element, as the office names them. */

export type DefectFilters = Omit<GuideDefectListQuery, "page" | "pageSize">;

const closingGuides = alias(serviceGuides, "closing_guides");

/**
 * Defects the principal sees: those its units own, and those on items it
 * sees — a district sees what the city's line department must fix in its
 * guides, and the line department sees what it owns in the districts' items.
 */
function defectScopeWhere(principal: Principal): SQL | undefined {
  if (principal.scope.all) return undefined;
  return or(buildScopeWhere(principal.scope, { unitId: guideDefects.ownerUnitId }, principal.id ?? ""), itemScopeWhere(principal));
}

async function defectWhere(q: QueryContext, filters: DefectFilters): Promise<SQL | undefined> {
  // An item outside the scope is a 404, as it is everywhere else: its existence is not disclosed.
  if (filters.itemId) await loadVisibleItem(q.db, q.principal, filters.itemId);
  return and(
    defectScopeWhere(q.principal),
    filters.ownerUnitId ? eq(guideDefects.ownerUnitId, filters.ownerUnitId) : undefined,
    filters.status ? eq(guideDefects.status, filters.status) : undefined,
    filters.element ? eq(guideDefects.element, filters.element) : undefined,
    filters.itemId ? eq(guideDefects.itemId, filters.itemId) : undefined,
  );
}

/** Defects with their item, owner and the version that closed them, newest first. */
function selectDefects(db: Db | Tx, where: SQL | undefined) {
  return db
    .select({
      defect: guideDefects,
      itemCode: serviceItems.code,
      itemName: serviceItems.name,
      ownerUnitName: units.name,
      closedVersion: closingGuides.version,
    })
    .from(guideDefects)
    .innerJoin(serviceItems, eq(serviceItems.id, guideDefects.itemId))
    .innerJoin(units, eq(units.id, guideDefects.ownerUnitId))
    .leftJoin(closingGuides, eq(closingGuides.id, guideDefects.closedGuideId))
    .where(where)
    .orderBy(desc(guideDefects.createdAt), asc(serviceItems.code), asc(guideDefects.checkId), asc(guideDefects.path));
}

type DefectListRow = Awaited<ReturnType<typeof selectDefects>>[number];
export type DefectView = ReturnType<typeof presentDefect>;

/** A defect as the correction queue shows it: the check's words, the owner and how it was closed. */
export function presentDefect(row: DefectListRow) {
  const { defect } = row;
  const finding = presentFinding({
    checkId: defect.checkId,
    element: defect.element as GuideFinding["element"],
    severity: defect.severity as GuideFinding["severity"],
    path: defect.path,
    detail: defect.detail ?? undefined,
  });
  return {
    id: defect.id,
    itemId: defect.itemId,
    itemCode: row.itemCode,
    itemName: row.itemName,
    channel: defect.channel,
    checkId: defect.checkId,
    element: defect.element,
    elementLabel: finding.elementLabel,
    severity: defect.severity,
    path: defect.path,
    detail: defect.detail,
    message: finding.message,
    fix: finding.fix,
    seed: finding.seed,
    ownership: defect.ownership,
    ownershipLabel: OWNERSHIP_LABELS[defect.ownership as Ownership] ?? defect.ownership,
    ownerUnitId: defect.ownerUnitId,
    ownerUnitName: row.ownerUnitName,
    status: defect.status,
    statusLabel: GUIDE_DEFECT_STATUS_LABELS[defect.status as GuideDefectStatus] ?? defect.status,
    createdAt: defect.createdAt.toISOString(),
    closedAt: defect.closedAt?.toISOString() ?? null,
    closedVersion: row.closedVersion,
  };
}

/** The correction queue (整改台账): defects the principal sees, filtered by owner, status, element and item. */
export async function listGuideDefects(q: QueryContext, query: GuideDefectListQuery): Promise<Paged<DefectView>> {
  const where = await defectWhere(q, query);
  const [{ total } = { total: 0 }] = await q.db
    .select({ total: count() })
    .from(guideDefects)
    .innerJoin(serviceItems, eq(serviceItems.id, guideDefects.itemId))
    .where(where);
  const rows = await selectDefects(q.db, where)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { total, rows: rows.map(presentDefect) };
}

/** Capped like the guides export: a whole city's queue fits well under it. */
const EXPORT_MAX_ROWS = 20_000;

/** Every defect the filters select, for the 修改建议汇总表. */
export async function defectsForExport(q: QueryContext, filters: DefectFilters): Promise<DefectView[]> {
  const rows = await selectDefects(q.db, await defectWhere(q, filters)).limit(EXPORT_MAX_ROWS);
  return rows.map(presentDefect);
}

export async function getGuideDefect(q: QueryContext, id: string): Promise<DefectView> {
  const [row] = await selectDefects(q.db, and(eq(guideDefects.id, id), defectScopeWhere(q.principal)));
  if (!row) throw notFound("办事指南问题");
  return presentDefect(row);
}

async function lockDefect(ctx: CommandContext, id: string) {
  const [row] = await ctx.tx.select().from(guideDefects).where(eq(guideDefects.id, id)).for("update");
  if (!row) throw notFound("办事指南问题");
  await getGuideDefect({ db: ctx.tx, principal: ctx.principal }, id);
  return row;
}

/** Closes by hand, with the office's note as the audited reason, a defect of a kind core says is closed by hand (isClosedByHand). */
export async function closeGuideDefect(options: { ctx: CommandContext; defectId: string; note: string }): Promise<void> {
  const { ctx, defectId } = options;
  const note = options.note.trim();
  // The route asks for both; the command does not rely on it.
  if (!ctx.principal.permissions.has(PERMISSIONS.guideManage)) throw forbidden();
  if (!note) throw new AppError("VALIDATION", "人工关闭须说明理由");
  const defect = await lockDefect(ctx, defectId);
  if (defect.status !== "open") throw conflict("该问题已整改关闭");
  if (!isClosedByHand(defect.checkId)) throw conflict("该问题由系统复检关闭：请导入修改后的办事指南");
  await ctx.tx.update(guideDefects).set({ status: "closed", closedAt: new Date() }).where(eq(guideDefects.id, defect.id));
  await ctx.audit({
    action: "guide.defect.close",
    businessType: "update",
    entityType: "guide_defect",
    entityId: defect.id,
    before: { status: "open" },
    after: { status: "closed", checkId: defect.checkId, ownerUnitId: defect.ownerUnitId },
    reason: note,
  });
}

type ConfirmationRow = typeof guideConfirmations.$inferSelect;

export function presentConfirmation(row: ConfirmationRow, unitName: string, confirmedByName: string) {
  return {
    id: row.id,
    unitId: row.unitId,
    unitName,
    note: row.note,
    closedDefects: row.closedDefects,
    confirmedBy: row.confirmedBy,
    confirmedByName,
    confirmedAt: row.confirmedAt.toISOString(),
  };
}

/** When the unit last confirmed before `before` (or at all): its next confirmation counts the defects closed since. */
async function previousConfirmedAt(db: Db | Tx, unitId: string, before?: Date): Promise<Date | null> {
  const [row] = await db
    .select({ at: guideConfirmations.confirmedAt })
    .from(guideConfirmations)
    .where(and(eq(guideConfirmations.unitId, unitId), before ? lt(guideConfirmations.confirmedAt, before) : undefined))
    .orderBy(desc(guideConfirmations.confirmedAt))
    .limit(1);
  return row?.at ?? null;
}

/** The unit's defects closed in (since, until]: what one confirmation vouches for. */
const closedBetween = (unitId: string, since: Date | null, until: Date) =>
  and(
    eq(guideDefects.ownerUnitId, unitId),
    eq(guideDefects.status, "closed"),
    since ? gt(guideDefects.closedAt, since) : undefined,
    lte(guideDefects.closedAt, until),
  );

/**
 * 确认书: the unit declares its guides corrected. Refused while it still owns
 * open defects; records how many were closed since its previous confirmation.
 */
export async function confirmGuideCorrections(options: { ctx: CommandContext; unitId: string; note: string }) {
  const { ctx, unitId, note } = options;
  const unit = await loadVisibleUnit(ctx.tx, ctx.principal, unitId);
  // A confirmation is a person's signature: the system acting from the CLI cannot give one.
  if (!ctx.principal.id) throw forbidden("确认书须由用户本人登录后确认");
  // Serialises confirmations of one unit, so two at once do not both count the same closed defects.
  await ctx.tx.select({ id: units.id }).from(units).where(eq(units.id, unit.id)).for("update");
  const [{ open } = { open: 0 }] = await ctx.tx
    .select({ open: count() })
    .from(guideDefects)
    .where(and(eq(guideDefects.ownerUnitId, unit.id), eq(guideDefects.status, "open")));
  if (open) throw conflict(`${unit.name}仍有 ${open} 项办事指南问题待整改，全部整改后才能确认`);
  const confirmedAt = new Date();
  const since = await previousConfirmedAt(ctx.tx, unit.id);
  const [{ closed } = { closed: 0 }] = await ctx.tx
    .select({ closed: count() })
    .from(guideDefects)
    .where(closedBetween(unit.id, since, confirmedAt));
  const [row] = await ctx.tx
    .insert(guideConfirmations)
    .values({ unitId: unit.id, note, closedDefects: closed, confirmedBy: ctx.principal.id, confirmedAt })
    .returning();
  await ctx.audit({
    action: "guide.confirmation.create",
    businessType: "confirm",
    entityType: "guide_confirmation",
    entityId: row!.id,
    after: { unitCode: unit.code, closedDefects: closed, since: since?.toISOString() ?? null, note },
  });
  return presentConfirmation(row!, unit.name, ctx.principal.displayName);
}

const confirmationColumns = {
  confirmation: guideConfirmations,
  unitName: units.name,
  unitCode: units.code,
  unitPath: units.path,
  unitCreatedBy: units.createdBy,
  confirmedByName: users.displayName,
};

function selectConfirmations(db: Db | Tx, where: SQL | undefined) {
  return db
    .select(confirmationColumns)
    .from(guideConfirmations)
    .innerJoin(units, eq(units.id, guideConfirmations.unitId))
    .leftJoin(users, eq(users.id, guideConfirmations.confirmedBy))
    .where(where)
    .orderBy(desc(guideConfirmations.confirmedAt));
}

/** Confirmations of the units the principal sees (or of one of them), newest first. */
export async function listGuideConfirmations(q: QueryContext, filters: { unitId?: string }) {
  if (filters.unitId) await loadVisibleUnit(q.db, q.principal, filters.unitId);
  const rows = await selectConfirmations(
    q.db,
    and(
      buildScopeWhere(q.principal.scope, { unitId: guideConfirmations.unitId }, q.principal.id ?? ""),
      filters.unitId ? eq(guideConfirmations.unitId, filters.unitId) : undefined,
    ),
  );
  return rows.map((r) => presentConfirmation(r.confirmation, r.unitName, r.confirmedByName ?? ""));
}

/** The printable 确认书 of one confirmation: the unit, the date, the defects it closed since its previous one. */
export async function confirmationDocument(q: QueryContext, id: string): Promise<string> {
  const [row] = await selectConfirmations(q.db, eq(guideConfirmations.id, id));
  if (!row || !canSeeUnit(q.principal, { id: row.confirmation.unitId, path: row.unitPath, createdBy: row.unitCreatedBy }))
    throw notFound("确认书");
  const { confirmation } = row;
  const since = await previousConfirmedAt(q.db, confirmation.unitId, confirmation.confirmedAt);
  const defects = (await selectDefects(q.db, closedBetween(confirmation.unitId, since, confirmation.confirmedAt))).map(presentDefect);
  const title = "办事指南整改完成确认书";
  const body = html`<h1>${title}</h1>
<p class="meta">编号：${confirmation.id.slice(0, 8).toUpperCase()}</p>
<table>
<tr><th>单位</th><td>${row.unitName}（${row.unitCode}）</td><th>确认日期</th><td>${chineseDate(confirmation.confirmedAt)}</td></tr>
<tr><th>确认人</th><td>${row.confirmedByName ?? ""}</td><th>整改问题</th><td>${confirmation.closedDefects} 项</td></tr>
</table>
<p class="closing">${since ? `自${chineseDate(since)}上次确认以来，` : ""}本单位负责的办事指南问题已整改 ${confirmation.closedDefects} 项，经复检均已关闭，现无待整改问题。</p>
<h2>已整改问题清单</h2>
${defects.length ? closedDefectsTable(defects) : html`<p class="muted">本期无新整改的问题。</p>`}
<h2>说明</h2>
<p>${confirmation.note || "无"}</p>
<div class="signature">
<p>单位负责人签字：____________________</p>
<p>单位盖章：____________________</p>
<p>${chineseDate(confirmation.confirmedAt)}</p>
</div>`;
  return htmlDocument({ title, body, official: true });
}

function closedDefectsTable(defects: readonly DefectView[]) {
  const closedBy = (d: DefectView) =>
    d.closedVersion ? `第 ${d.closedVersion} 版（${GUIDE_CHANNEL_LABELS[d.channel as GuideChannel] ?? d.channel}）` : "人工核销";
  return html`<table>
<thead><tr><th class="num">序号</th><th>事项</th><th>要素</th><th>问题</th><th>整改版本</th></tr></thead>
<tbody>${defects.map(
    (d, i) =>
      html`<tr><td class="num">${i + 1}</td><td>${d.itemName}<br><span class="muted">${d.itemCode}</span></td><td>${d.elementLabel}</td><td>${d.message}${d.detail ? `：${d.detail}` : ""}</td><td>${closedBy(d)}</td></tr>`,
  )}</tbody>
</table>`;
}
