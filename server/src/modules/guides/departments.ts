import {
  accuracyOf,
  accuracyParts,
  failuresByElement,
  GUIDE_ELEMENTS,
  type GuideFinding,
  type GuideResult,
  groupBy,
  guideFacts,
} from "@kaoping/core";
import { and, asc, count, desc, eq, inArray } from "drizzle-orm";
import { unitsInScope } from "../../platform/access/scope.ts";
import type { Db, Tx } from "../../platform/db/client.ts";
import { guideConfirmations, guideDefects, serviceGuides, serviceItems, units } from "../../platform/db/schema.ts";
import type { QueryContext } from "../../platform/http/command.ts";
import { loadVisibleUnit } from "../units/policy.ts";
import { itemScopeWhere } from "./policy.ts";
import { percent, withLinks } from "./presenter.ts";
import { latestOn } from "./queries.ts";
import { getGuideSettings } from "./settings.ts";

/** Departments' guide accuracy: the ranking, one department over time, and the engine's facts. */

/** Newest online versions of the items of the given units (or of every visible item), with the item's unit. */
async function latestResults(q: QueryContext, unitIds?: readonly string[]) {
  const latest = latestOn(q.db, "online");
  const rows = await q.db
    .select({
      unitId: serviceItems.unitId,
      itemId: serviceItems.id,
      createdAt: latest.createdAt,
      result: latest.result,
      linkFindings: latest.linkFindings,
    })
    .from(serviceItems)
    .innerJoin(latest, eq(latest.itemId, serviceItems.id))
    .where(and(itemScopeWhere(q.principal), unitIds ? inArray(serviceItems.unitId, [...unitIds]) : undefined));
  return rows.map((r) => ({ ...r, result: withLinks(r.result as GuideResult, r.linkFindings as GuideFinding[] | null) }));
}

/** Departments with guides in the principal's scope: accuracy (configured weights), guides, open defects — the ranking an office reads first. */
export async function listGuideDepartments(q: QueryContext) {
  const { weights } = await getGuideSettings(q.db);
  const rows = await latestResults(q);
  const byUnit = groupBy(rows, (r) => r.unitId);
  if (!byUnit.size) return [];
  const unitRows = await q.db
    .select({ id: units.id, code: units.code, name: units.name })
    .from(units)
    // Only departments the principal may open: a line department sees others' items, not their ranking.
    .where(and(inArray(units.id, [...byUnit.keys()]), unitsInScope(q.principal.scope)));
  const defects = await q.db
    .select({ unitId: guideDefects.ownerUnitId, n: count() })
    .from(guideDefects)
    .where(and(eq(guideDefects.status, "open"), inArray(guideDefects.ownerUnitId, [...byUnit.keys()])))
    .groupBy(guideDefects.ownerUnitId);
  return unitRows
    .map((unit) => {
      const results = byUnit.get(unit.id)!.map((r) => r.result);
      return {
        ...unit,
        guides: results.length,
        accuracy: percent(accuracyOf(results, weights)),
        openDefects: defects.find((d) => d.unitId === unit.id)?.n ?? 0,
      };
    })
    .sort((a, b) => b.accuracy - a.accuracy || a.name.localeCompare(b.name, "zh-CN"));
}

/**
 * One department: accuracy now, failures per element, and the trend — the
 * accuracy at the end of each day a version of one of its guides was
 * published, counting each item's newest version at that time.
 */
export async function getGuideDepartment(q: QueryContext, unitId: string) {
  const unit = await loadVisibleUnit(q.db, q.principal, unitId);
  const { weights } = await getGuideSettings(q.db);
  const history = await q.db
    .select({
      itemId: serviceGuides.itemId,
      createdAt: serviceGuides.createdAt,
      result: serviceGuides.result,
      linkFindings: serviceGuides.linkFindings,
    })
    .from(serviceGuides)
    .innerJoin(serviceItems, eq(serviceItems.id, serviceGuides.itemId))
    .where(and(eq(serviceItems.unitId, unitId), eq(serviceGuides.channel, "online"), itemScopeWhere(q.principal)))
    .orderBy(asc(serviceGuides.createdAt), asc(serviceGuides.version));
  // Running sums, so each point costs one guide, not the whole department again.
  const current = new Map<string, { result: GuideResult; passing: number; total: number }>();
  const sums = { passing: 0, total: 0 };
  const trend: { date: string; accuracy: number; guides: number }[] = [];
  for (const row of history) {
    const result = withLinks(row.result as GuideResult, row.linkFindings as GuideFinding[] | null);
    const previous = current.get(row.itemId);
    const parts = accuracyParts(result, weights);
    sums.passing += parts.passing - (previous?.passing ?? 0);
    sums.total += parts.total - (previous?.total ?? 0);
    current.set(row.itemId, { result, ...parts });
    const date = dayOf(row.createdAt);
    const point = { date, accuracy: percent(sums.total ? sums.passing / sums.total : 1), guides: current.size };
    if (trend.at(-1)?.date === date) trend[trend.length - 1] = point;
    else trend.push(point);
  }
  const results = [...current.values()].map((c) => c.result);
  const defects = await q.db
    .select({ status: guideDefects.status, n: count() })
    .from(guideDefects)
    .where(eq(guideDefects.ownerUnitId, unitId))
    .groupBy(guideDefects.status);
  const confirmations = await q.db
    .select()
    .from(guideConfirmations)
    .where(eq(guideConfirmations.unitId, unitId))
    .orderBy(desc(guideConfirmations.confirmedAt));
  const failures = failuresByElement(results);
  return {
    unit: { id: unit.id, code: unit.code, name: unit.name },
    guides: results.length,
    accuracy: results.length ? percent(accuracyOf(results, weights)) : null,
    elements: Object.entries(GUIDE_ELEMENTS).map(([id, element]) => ({
      id,
      label: element.label,
      group: element.group,
      failing: failures[id as keyof typeof failures],
    })),
    trend,
    defects: { open: defects.find((d) => d.status === "open")?.n ?? 0, closed: defects.find((d) => d.status === "closed")?.n ?? 0 },
    confirmations: confirmations.map((c) => ({
      id: c.id,
      note: c.note,
      closedDefects: c.closedDefects,
      confirmedAt: c.confirmedAt.toISOString(),
    })),
  };
}

/** Local calendar day in China (UTC+8), where the office's days begin. */
const dayOf = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The guide facts of each unit for the framework engine (guide_accuracy,
 * guides_checked, guide_defects, guide_failures_<element>), from each of its
 * items' newest online version. Units without guides get no facts.
 */
export async function guideFactsByUnit(db: Db | Tx, unitIds: readonly string[]): Promise<Map<string, Record<string, number>>> {
  const facts = new Map<string, Record<string, number>>();
  if (!unitIds.length) return facts;
  const { weights } = await getGuideSettings(db);
  const latest = latestOn(db, "online");
  const rows = await db
    .select({ unitId: serviceItems.unitId, result: latest.result, linkFindings: latest.linkFindings })
    .from(serviceItems)
    .innerJoin(latest, eq(latest.itemId, serviceItems.id))
    .where(inArray(serviceItems.unitId, [...unitIds]));
  for (const [unitId, list] of groupBy(rows, (r) => r.unitId)) {
    facts.set(
      unitId,
      guideFacts(
        list.map((r) => withLinks(r.result as GuideResult, r.linkFindings as GuideFinding[] | null)),
        weights,
      ),
    );
  }
  return facts;
}
