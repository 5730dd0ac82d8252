import { createHash } from "node:crypto";
import {
  checkGuide,
  compareGuideVersions,
  type ErrorDetail,
  type GuideChannel,
  type GuideFinding,
  type GuideImportReport,
  type GuideResult,
  guideCheck,
  type ImportIssue,
  LIMITS,
  LINK_CHECK_ID,
  type ServiceGuide,
} from "@kaoping/core";
import { and, desc, eq, inArray, or, sql } from "drizzle-orm";
import { isUnitInScope } from "../../platform/access/scope.ts";
import { serviceGuides, serviceItems, units } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { loadVisibleUnit } from "../units/policy.ts";
import { type CheckedVersion, closeChangedLinkDefects, rerouteOpenDefects, syncDefects } from "./defects.ts";
import { loadVisibleItem } from "./policy.ts";
import { getGuideSettings } from "./settings.ts";

/** The content a version is compared by: the same guide republished unchanged is not a new version. */
export function guideHash(guide: ServiceGuide): string {
  return createHash("sha256").update(JSON.stringify(guide)).digest("hex");
}

type UnitRow = { id: string; code: string; name: string; path: string; createdBy: string | null };

/**
 * Registers guides as new versions of their items, all or nothing: every
 * guide is placed (item by 实施编码, department by the chosen unit or by its
 * 实施主体) before anything is written, and any guide that cannot be placed
 * fails the whole file with every problem named. Each new version is checked
 * and the item's defects follow it (the correction loop's recheck).
 */
export async function importGuides(options: {
  ctx: CommandContext;
  guides: readonly ServiceGuide[];
  channel: GuideChannel;
  unitId?: string;
  importedFrom: string;
  format: string;
  issues?: readonly ImportIssue[];
}): Promise<GuideImportReport> {
  const { ctx, channel, importedFrom } = options;
  const fileErrors = (options.issues ?? []).filter((i) => i.severity === "error");
  const errors: ErrorDetail[] = fileErrors.map((i) => ({ path: [i.path], message: i.message }));
  // Several versions of one task in one file (provincial exports) enter the history oldest first.
  const guides = options.guides.map((guide, index) => ({ guide, index })).sort((a, b) => compareGuideVersions(a.guide, b.guide));
  const placed = await placeGuides(ctx, guides, options.unitId, errors);
  if (errors.length) throw importFailed(errors);

  const settings = await getGuideSettings(ctx.tx);
  const report: GuideImportReport = {
    format: options.format,
    guides: guides.length,
    itemsCreated: 0,
    versionsCreated: 0,
    unchanged: 0,
    defectsOpened: 0,
    defectsClosed: 0,
    warnings: (options.issues ?? []).filter((i) => i.severity === "warning"),
    rows: [],
  };
  const items = await upsertItems(ctx, placed, report);
  const latest = await latestVersions(
    ctx,
    [...items.values()].map((i) => i.id),
    channel,
  );
  const pending: { values: typeof serviceGuides.$inferInsert; item: CheckedVersion["item"]; findings: GuideFinding[]; summary: object }[] =
    [];
  for (const { guide, code } of placed) {
    const item = items.get(code)!;
    const hash = guideHash(guide);
    const last = latest.get(item.id);
    if (last?.contentHash === hash) {
      report.unchanged += 1;
      report.rows.push({ code, name: guide.name, version: last.version, status: "unchanged", ...severityCounts(last.result) });
      continue;
    }
    const version = (last?.version ?? 0) + 1;
    const result = checkGuide(guide);
    latest.set(item.id, { version, contentHash: hash, result });
    pending.push({
      values: { itemId: item.id, channel, version, guide, contentHash: hash, result, importedFrom, createdBy: ctx.principal.id },
      item,
      findings: result.findings,
      summary: { code, name: guide.name, channel, version, importedFrom, ...severityCounts(result) },
    });
    report.rows.push({ code, name: guide.name, version, status: version === 1 ? "created" : "updated", ...severityCounts(result) });
  }
  const checked: (CheckedVersion & { guide: ServiceGuide })[] = [];
  for (let i = 0; i < pending.length; i += 200) {
    const batch = pending.slice(i, i + 200);
    const rows = await ctx.tx
      .insert(serviceGuides)
      .values(batch.map((p) => p.values))
      .returning({ id: serviceGuides.id });
    for (const [j, p] of batch.entries()) {
      checked.push({ item: p.item, channel, guideId: rows[j]!.id, findings: p.findings, guide: p.values.guide as ServiceGuide });
    }
  }
  report.versionsCreated = checked.length;
  await ctx.auditMany(
    checked.map((v, i) => ({
      action: "guide.version.create",
      businessType: "import" as const,
      entityType: "service_guide",
      entityId: v.guideId,
      after: pending[i]!.summary,
    })),
  );
  // Several versions of one item in one file: the newest one decides what is still open.
  const newest = [...new Map(checked.map((v) => [`${v.item.id}\u0000${v.channel}`, v])).values()];
  const synced = await syncDefects(ctx.tx, newest, settings, (checkId) => guideCheck(checkId) !== undefined);
  const relinked = await closeChangedLinkDefects(ctx.tx, newest);
  synced.closed += relinked;
  report.defectsOpened = synced.opened;
  report.defectsClosed = synced.closed;
  await ctx.audit({
    action: "guide.import",
    businessType: "import",
    entityType: "guide_import",
    entityId: null,
    after: { ...report, importedFrom, channel, rows: undefined, warnings: report.warnings.length },
  });
  return report;
}

function severityCounts(result: GuideResult): { errors: number; warnings: number } {
  const count = (severity: string) => result.findings.filter((f) => f.severity === severity).length;
  return { errors: count("error"), warnings: count("warning") };
}

interface PlacedGuide {
  guide: ServiceGuide;
  code: string;
  unitId: string;
}

/** Each guide's item code and department; problems go to `errors`, named by the guide's place in the file. */
async function placeGuides(
  ctx: CommandContext,
  guides: readonly { guide: ServiceGuide; index: number }[],
  unitId: string | undefined,
  errors: ErrorDetail[],
): Promise<PlacedGuide[]> {
  const visible = (unit: UnitRow | undefined) => unit && isUnitInScope(ctx.principal.scope, unit, ctx.principal.id ?? "");
  const chosen = unitId ? (await ctx.tx.select().from(units).where(eq(units.id, unitId)))[0] : undefined;
  if (unitId && !visible(chosen)) throw new AppError("NOT_FOUND", "所属单位不存在或无权访问");
  const candidates = chosen
    ? []
    : await unitsNamedBy(
        ctx,
        guides.map((g) => g.guide),
      );
  const codes = [...new Set(guides.map((g) => g.guide.implementationCode.trim()).filter((c) => c && c.length <= LIMITS.codeMax))].sort();
  await lockItemCodes(ctx, codes);
  const existing = codes.length ? await ctx.tx.select().from(serviceItems).where(inArray(serviceItems.code, codes)) : [];
  const existingUnits = await unitsById(
    ctx,
    existing.flatMap((i) => [i.unitId, i.lineUnitId ?? i.unitId]),
  );
  const placed: PlacedGuide[] = [];
  for (const { guide, index } of guides) {
    const where = (message: string) =>
      errors.push({ path: [index], message: `第 ${index + 1} 份（${guide.name || "未命名"}）：${message}` });
    const code = guide.implementationCode.trim();
    if (!code) {
      where("实施编码为空，无法登记到事项");
      continue;
    }
    if (code.length > LIMITS.codeMax) {
      where(`实施编码超过 ${LIMITS.codeMax} 个字符：${code.slice(0, 40)}…`);
      continue;
    }
    const item = existing.find((i) => i.code === code);
    if (item) {
      // An item stays with its department: re-importing it elsewhere is an error, not a move.
      if (!visible(existingUnits.get(item.unitId)) && !visible(existingUnits.get(item.lineUnitId ?? ""))) {
        where(`事项 ${code} 已登记在其他单位，无权更新`);
        continue;
      }
      placed.push({ guide, code, unitId: item.unitId });
      continue;
    }
    const unit = chosen ?? matchUnit(candidates, guide);
    if (!unit) {
      where(
        `实施主体“${guide.implementingBody || "（空）"}”（编码 ${guide.bodyCode || "空"}）未对应到系统中的单位：请在导入时选择所属单位`,
      );
      continue;
    }
    if (!visible(unit)) {
      where(`实施主体“${guide.implementingBody}”不在您的数据权限范围内`);
      continue;
    }
    placed.push({ guide, code, unitId: unit.id });
  }
  return placed;
}

/**
 * Two imports of the same item at once would both number their version n+1;
 * the second waits here (per item code, in code order so two files never
 * deadlock) until the first commits, then reads its version.
 */
async function lockItemCodes(ctx: CommandContext, codes: readonly string[]): Promise<void> {
  if (!codes.length) return;
  await ctx.tx.execute(
    sql`select count(pg_advisory_xact_lock(hashtextextended('guide-item:' || c, 0))) from unnest(${sql.param(codes)}::text[]) as c`,
  );
}

async function unitsNamedBy(ctx: CommandContext, guides: readonly ServiceGuide[]): Promise<UnitRow[]> {
  const codes = [...new Set(guides.map((g) => g.bodyCode.trim()).filter(Boolean))];
  const names = [...new Set(guides.map((g) => g.implementingBody.trim()).filter(Boolean))];
  if (!codes.length && !names.length) return [];
  const conditions = [codes.length ? inArray(units.code, codes) : undefined, names.length ? inArray(units.name, names) : undefined];
  return ctx.tx
    .select()
    .from(units)
    .where(or(...conditions.filter((c) => c !== undefined)));
}

/** By 实施主体编码 (the unit's code) first, else by the body's exact name. */
function matchUnit(candidates: readonly UnitRow[], guide: ServiceGuide): UnitRow | undefined {
  const code = guide.bodyCode.trim();
  const name = guide.implementingBody.trim();
  return (code ? candidates.find((u) => u.code === code) : undefined) ?? (name ? candidates.find((u) => u.name === name) : undefined);
}

async function unitsById(ctx: CommandContext, ids: readonly string[]): Promise<Map<string, UnitRow>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await ctx.tx.select().from(units).where(inArray(units.id, unique));
  return new Map(rows.map((u) => [u.id, u]));
}

/** Items for the placed guides: existing ones keep their unit, new ones are created (name and type follow the newest guide). */
async function upsertItems(ctx: CommandContext, placed: readonly PlacedGuide[], report: GuideImportReport) {
  const byCode = new Map<string, PlacedGuide>();
  for (const p of placed) byCode.set(p.code, p);
  const codes = [...byCode.keys()];
  const items = new Map<string, { id: string; unitId: string; lineUnitId: string | null }>();
  if (!codes.length) return items;
  const existing = await ctx.tx.select().from(serviceItems).where(inArray(serviceItems.code, codes));
  for (const item of existing) {
    items.set(item.code, item);
    const newest = byCode.get(item.code)!.guide;
    if (newest.name && (newest.name !== item.name || newest.itemType !== item.itemType)) {
      await ctx.tx
        .update(serviceItems)
        .set({ name: newest.name, itemType: newest.itemType, updatedAt: new Date() })
        .where(eq(serviceItems.id, item.id));
      await ctx.audit({
        action: "guide.item.update",
        businessType: "import",
        entityType: "service_item",
        entityId: item.id,
        before: { name: item.name, itemType: item.itemType },
        after: { name: newest.name, itemType: newest.itemType },
      });
    }
  }
  const fresh = codes.filter((code) => !items.has(code));
  for (let i = 0; i < fresh.length; i += 500) {
    const values = fresh.slice(i, i + 500).map((code) => {
      const { guide, unitId } = byCode.get(code)!;
      return { code, name: guide.name || code, itemType: guide.itemType, unitId, createdBy: ctx.principal.id };
    });
    const rows = await ctx.tx.insert(serviceItems).values(values).returning();
    for (const row of rows) items.set(row.code, row);
    report.itemsCreated += rows.length;
    await ctx.auditMany(
      rows.map((row) => ({
        action: "guide.item.create",
        businessType: "import" as const,
        entityType: "service_item",
        entityId: row.id,
        after: { code: row.code, name: row.name, itemType: row.itemType, unitId: row.unitId },
      })),
    );
  }
  return items;
}

async function latestVersions(ctx: CommandContext, itemIds: readonly string[], channel: GuideChannel) {
  const latest = new Map<string, { version: number; contentHash: string; result: GuideResult }>();
  if (!itemIds.length) return latest;
  const rows = await ctx.tx
    .selectDistinctOn([serviceGuides.itemId], {
      itemId: serviceGuides.itemId,
      version: serviceGuides.version,
      contentHash: serviceGuides.contentHash,
      result: sql<GuideResult>`${serviceGuides.result}`,
    })
    .from(serviceGuides)
    .where(and(inArray(serviceGuides.itemId, [...itemIds]), eq(serviceGuides.channel, channel)))
    .orderBy(serviceGuides.itemId, desc(serviceGuides.version));
  for (const row of rows) latest.set(row.itemId, row);
  return latest;
}

function importFailed(errors: ErrorDetail[]): AppError {
  return new AppError(
    "IMPORT_INVALID",
    `导入失败，共 ${errors.length} 处错误，未写入任何数据。${errors[0]!.message}`,
    errors.slice(0, 200),
  );
}

/**
 * Stores a link check's findings on the versions it tested and lets the
 * item's link defects follow them (opened for dead links, closed for links
 * that open again). The network is not touched here: the caller checked the
 * links before the transaction began.
 */
export async function saveLinkResults(options: {
  ctx: CommandContext;
  item: { id: string; unitId: string; lineUnitId: string | null };
  checked: { guideId: string; channel: string; findings: GuideFinding[] }[];
}): Promise<{ deadLinks: number; defectsOpened: number; defectsClosed: number }> {
  const { ctx, item } = options;
  // An import may have added a version while the links were being opened: only the newest count.
  await lockItemCodes(ctx, [
    (await ctx.tx.select({ code: serviceItems.code }).from(serviceItems).where(eq(serviceItems.id, item.id)))[0]!.code,
  ]);
  const newest = await ctx.tx
    .selectDistinctOn([serviceGuides.channel], { id: serviceGuides.id })
    .from(serviceGuides)
    .where(eq(serviceGuides.itemId, item.id))
    .orderBy(serviceGuides.channel, desc(serviceGuides.version));
  const checked = options.checked.filter((v) => newest.some((n) => n.id === v.guideId));
  const now = new Date();
  for (const version of checked) {
    await ctx.tx
      .update(serviceGuides)
      .set({ linkFindings: version.findings, linksCheckedAt: now })
      .where(eq(serviceGuides.id, version.guideId));
  }
  const settings = await getGuideSettings(ctx.tx);
  const synced = await syncDefects(
    ctx.tx,
    checked.map((v) => ({ item, ...v })),
    settings,
    (checkId) => checkId === LINK_CHECK_ID,
  );
  const deadLinks = checked.reduce((n, v) => n + v.findings.length, 0);
  await ctx.audit({
    action: "guide.links.check",
    businessType: "check",
    entityType: "service_item",
    entityId: item.id,
    after: { versions: checked.map((v) => ({ guideId: v.guideId, deadLinks: v.findings.map((f) => `${f.path} ${f.detail ?? ""}`) })) },
  });
  return { deadLinks, defectsOpened: synced.opened, defectsClosed: synced.closed };
}

/** Sets the city line department owning an item's substantive elements (seed 002); its open defects follow. */
export async function setItemLineUnit(options: { ctx: CommandContext; itemId: string; lineUnitId: string | null }): Promise<void> {
  const { ctx, itemId, lineUnitId } = options;
  const item = await loadVisibleItem(ctx.tx, ctx.principal, itemId);
  if (lineUnitId) await loadVisibleUnit(ctx.tx, ctx.principal, lineUnitId);
  await ctx.tx.update(serviceItems).set({ lineUnitId, updatedAt: new Date() }).where(eq(serviceItems.id, item.id));
  const rerouted = await rerouteOpenDefects(ctx.tx, await getGuideSettings(ctx.tx), item.id);
  await ctx.audit({
    action: "guide.item.update",
    businessType: "update",
    entityType: "service_item",
    entityId: item.id,
    before: { lineUnitId: item.lineUnitId },
    after: { lineUnitId, reroutedDefects: rerouted },
  });
}
