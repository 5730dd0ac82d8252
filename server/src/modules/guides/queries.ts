import {
  diffGuides,
  type ElementWeights,
  GUIDE_ELEMENTS,
  type GuideChannel,
  type GuideFinding,
  type GuideListQuery,
  type GuideResult,
  type Paged,
  type ServiceGuide,
  summariseDifferences,
} from "@kaoping/core";
import { and, asc, count, desc, eq, inArray, like, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, Tx } from "../../platform/db/client.ts";
import { guideDefects, serviceGuides, serviceItems, units } from "../../platform/db/schema.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import type { QueryContext } from "../../platform/http/command.ts";
import { loadVisibleUnit } from "../units/policy.ts";
import { itemScopeWhere, loadVisibleItem } from "./policy.ts";
import { presentFinding, summariseResult, withLinks } from "./presenter.ts";
import { getGuideSettings } from "./settings.ts";

const lineUnits = alias(units, "line_units");

/** The newest version of every item on a channel, as a subquery. */
export function latestOn(db: Db | Tx, channel: GuideChannel) {
  // DISTINCT ON over ids only (the (item, channel, version) index serves it); the JSON comes by id after.
  const newest = db
    .selectDistinctOn([serviceGuides.itemId], { id: sql<string>`${serviceGuides.id}`.as("newest_id") })
    .from(serviceGuides)
    .where(eq(serviceGuides.channel, channel))
    .orderBy(serviceGuides.itemId, desc(serviceGuides.version))
    .as("newest");
  return db
    .select({
      itemId: serviceGuides.itemId,
      guideId: sql<string>`${serviceGuides.id}`.as("guide_id"),
      version: serviceGuides.version,
      createdAt: sql<Date>`${serviceGuides.createdAt}`.as("guide_created_at"),
      result: serviceGuides.result,
      linkFindings: serviceGuides.linkFindings,
    })
    .from(serviceGuides)
    .innerJoin(newest, eq(newest.id, serviceGuides.id))
    .as("latest");
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The list's conditions: scope, department subtree, type, text and the latest version's worst severity. */
function listWhere(
  q: QueryContext,
  query: Omit<GuideListQuery, "page" | "pageSize">,
  latest: ReturnType<typeof latestOn>,
  unitPath?: string,
) {
  const text = query.q ? `%${escapeLike(query.q)}%` : undefined;
  // The list shows a version's link findings with its checks' (summariseResult): filter on both.
  const findings = sql`(${latest.result}->'findings' || coalesce(${latest.linkFindings}, '[]'::jsonb))`;
  const has = (severity: string) => sql`${findings} @> ${JSON.stringify([{ severity }])}::jsonb`;
  const severity: Record<string, SQL> = {
    error: has("error"),
    warning: sql`(${has("warning")} and not ${has("error")})`,
    clean: sql`(${latest.guideId} is not null and not ${has("error")} and not ${has("warning")})`,
  };
  return and(
    itemScopeWhere(q.principal),
    unitPath ? like(units.path, `${escapeLike(unitPath)}%`) : undefined,
    query.itemType ? eq(serviceItems.itemType, query.itemType) : undefined,
    text ? or(like(serviceItems.name, text), like(serviceItems.code, text)) : undefined,
    query.severity ? severity[query.severity] : undefined,
  );
}

const openDefects = sql<number>`(select count(*)::int from ${guideDefects} where ${guideDefects.itemId} = ${serviceItems.id} and ${guideDefects.status} = 'open')`;

/** Guide list: items with their newest version's results, filtered by department (and below), type, severity and text. */
export async function listGuideItems(q: QueryContext, query: GuideListQuery): Promise<Paged<ReturnType<typeof presentItemRow>>> {
  const unitPath = query.unitId ? (await loadVisibleUnit(q.db, q.principal, query.unitId)).path : undefined;
  const latest = latestOn(q.db, query.channel);
  const where = listWhere(q, query, latest, unitPath);
  const base = q.db
    .select({
      item: serviceItems,
      unitName: units.name,
      lineUnitName: lineUnits.name,
      latest: {
        guideId: latest.guideId,
        version: latest.version,
        createdAt: latest.createdAt,
        result: latest.result,
        linkFindings: latest.linkFindings,
      },
      openDefects,
    })
    .from(serviceItems)
    .innerJoin(units, eq(units.id, serviceItems.unitId))
    .leftJoin(lineUnits, eq(lineUnits.id, serviceItems.lineUnitId))
    .leftJoin(latest, eq(latest.itemId, serviceItems.id))
    .where(where);
  const [{ total } = { total: 0 }] = await q.db
    .select({ total: count() })
    .from(serviceItems)
    .innerJoin(units, eq(units.id, serviceItems.unitId))
    .leftJoin(latest, eq(latest.itemId, serviceItems.id))
    .where(where);
  const rows = await base
    .orderBy(asc(units.sortOrder), asc(units.name), asc(serviceItems.name), asc(serviceItems.code))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const { weights } = await getGuideSettings(q.db);
  return { total, rows: rows.map((row) => presentItemRow(row, weights)) };
}

type ListRow = {
  item: typeof serviceItems.$inferSelect;
  unitName: string;
  lineUnitName: string | null;
  latest: { guideId: string; version: number; createdAt: Date; result: unknown; linkFindings: unknown } | null;
  openDefects: number;
};

function presentItemRow(row: ListRow, weights: ElementWeights) {
  const { item, latest } = row;
  return {
    id: item.id,
    code: item.code,
    name: item.name,
    itemType: item.itemType,
    unitId: item.unitId,
    unitName: row.unitName,
    lineUnitId: item.lineUnitId,
    lineUnitName: row.lineUnitName,
    openDefects: Number(row.openDefects),
    latest: latest?.guideId
      ? {
          guideId: latest.guideId,
          version: latest.version,
          createdAt: new Date(latest.createdAt).toISOString(),
          ...summariseResult(latest.result as GuideResult, latest.linkFindings as GuideFinding[] | null, weights),
        }
      : null,
  };
}

type VersionRow = typeof serviceGuides.$inferSelect;

/** One version with its guide and every finding explained, element by element. */
export function presentVersion(row: VersionRow, weights: ElementWeights) {
  const result = withLinks(row.result as GuideResult, row.linkFindings as GuideFinding[] | null);
  return {
    id: row.id,
    itemId: row.itemId,
    channel: row.channel,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    importedFrom: row.importedFrom,
    linksCheckedAt: row.linksCheckedAt?.toISOString() ?? null,
    guide: row.guide as ServiceGuide,
    findings: result.findings.map(presentFinding),
    elements: Object.entries(GUIDE_ELEMENTS).map(([id, element]) => ({
      id,
      label: element.label,
      group: element.group,
      passes: result.elements[id as keyof typeof GUIDE_ELEMENTS],
    })),
    ...summariseResult(row.result as GuideResult, row.linkFindings as GuideFinding[] | null, weights),
  };
}

/** An item: who owns it, every version on both channels (newest first), the newest of each in full, its open defects. */
export async function getGuideItem(q: QueryContext, id: string) {
  const item = await loadVisibleItem(q.db, q.principal, id);
  const { weights } = await getGuideSettings(q.db);
  const versions = await q.db
    .select()
    .from(serviceGuides)
    .where(eq(serviceGuides.itemId, id))
    .orderBy(asc(serviceGuides.channel), desc(serviceGuides.version));
  const unitRows = await q.db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(inArray(units.id, [item.unitId, item.lineUnitId ?? item.unitId]));
  const nameOf = (unitId: string | null) => unitRows.find((u) => u.id === unitId)?.name ?? null;
  const defects = await q.db
    .select()
    .from(guideDefects)
    .where(and(eq(guideDefects.itemId, id), eq(guideDefects.status, "open")))
    .orderBy(asc(guideDefects.createdAt));
  const newest = (channel: GuideChannel) => versions.find((v) => v.channel === channel);
  const online = newest("online");
  const offline = newest("offline");
  return {
    item: {
      ...item,
      unitName: nameOf(item.unitId),
      lineUnitName: nameOf(item.lineUnitId),
      createdAt: item.createdAt.toISOString(),
      updatedAt: item.updatedAt.toISOString(),
    },
    versions: versions.map((v) => ({
      id: v.id,
      channel: v.channel,
      version: v.version,
      createdAt: v.createdAt.toISOString(),
      importedFrom: v.importedFrom,
      ...summariseResult(v.result as GuideResult, v.linkFindings as GuideFinding[] | null, weights),
    })),
    online: online ? presentVersion(online, weights) : null,
    offline: offline ? presentVersion(offline, weights) : null,
    openDefects: defects.map((d) => ({
      ...presentFinding({
        checkId: d.checkId,
        element: d.element as GuideFinding["element"],
        severity: d.severity as GuideFinding["severity"],
        path: d.path,
        detail: d.detail ?? undefined,
      }),
      id: d.id,
      ownership: d.ownership,
      ownerUnitId: d.ownerUnitId,
      channel: d.channel,
      createdAt: d.createdAt.toISOString(),
    })),
  };
}

/** A version the principal may see (through its item). */
export async function loadVersion(q: QueryContext, guideId: string): Promise<VersionRow> {
  const [row] = await q.db.select().from(serviceGuides).where(eq(serviceGuides.id, guideId));
  if (!row) throw notFound("办事指南版本");
  await loadVisibleItem(q.db, q.principal, row.itemId);
  return row;
}

export async function getGuideVersion(q: QueryContext, guideId: string) {
  const { weights } = await getGuideSettings(q.db);
  return presentVersion(await loadVersion(q, guideId), weights);
}

/** What changed between two versions of an item (any channels: online v3 against offline v1 is the consistency view). */
export async function diffVersions(q: QueryContext, itemId: string, fromId: string, toId: string) {
  await loadVisibleItem(q.db, q.principal, itemId);
  const [from, to] = await Promise.all([loadVersion(q, fromId), loadVersion(q, toId)]);
  if (from.itemId !== itemId || to.itemId !== itemId) throw new AppError("VALIDATION", "两个版本须属于同一事项");
  const differences = diffGuides(from.guide as ServiceGuide, to.guide as ServiceGuide);
  const side = (v: VersionRow) => ({ id: v.id, channel: v.channel, version: v.version, createdAt: v.createdAt.toISOString() });
  return { from: side(from), to: side(to), differences, byElement: summariseDifferences(differences) };
}

/**
 * Online against offline (seed 001: “同一事项办事指南或流程不一致”): the newest
 * guide of each channel compared element by element. Null sides when the item
 * has not both.
 */
export async function guideConsistency(q: QueryContext, itemId: string) {
  await loadVisibleItem(q.db, q.principal, itemId);
  const newest = async (channel: GuideChannel) =>
    (
      await q.db
        .select()
        .from(serviceGuides)
        .where(and(eq(serviceGuides.itemId, itemId), eq(serviceGuides.channel, channel)))
        .orderBy(desc(serviceGuides.version))
        .limit(1)
    )[0];
  const [online, offline] = await Promise.all([newest("online"), newest("offline")]);
  if (!online || !offline)
    return { online: online?.id ?? null, offline: offline?.id ?? null, consistent: null, differences: [], byElement: {} };
  const differences = diffGuides(online.guide as ServiceGuide, offline.guide as ServiceGuide);
  return {
    online: online.id,
    offline: offline.id,
    consistent: differences.length === 0,
    differences,
    byElement: summariseDifferences(differences),
  };
}

/** The newest guides on a channel of the visible items the filters select, for export (capped like an import). */
export async function guidesForExport(q: QueryContext, query: Omit<GuideListQuery, "page" | "pageSize">): Promise<ServiceGuide[]> {
  const unitPath = query.unitId ? (await loadVisibleUnit(q.db, q.principal, query.unitId)).path : undefined;
  const latest = latestOn(q.db, query.channel);
  const rows = await q.db
    .select({ guide: serviceGuides.guide })
    .from(serviceItems)
    .innerJoin(units, eq(units.id, serviceItems.unitId))
    .innerJoin(latest, eq(latest.itemId, serviceItems.id))
    .innerJoin(serviceGuides, eq(serviceGuides.id, latest.guideId))
    .where(listWhere(q, query, latest, unitPath))
    .orderBy(asc(serviceItems.code))
    .limit(20_000);
  return rows.map((r) => r.guide as ServiceGuide);
}
