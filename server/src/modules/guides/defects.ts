import {
  GUIDE_ELEMENTS,
  type GuideElementId,
  type GuideFinding,
  type GuideSettings,
  LINK_CHECK_ID,
  type ServiceGuide,
} from "@kaoping/core";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../platform/db/client.ts";
import { guideDefects, serviceGuides, serviceItems } from "../../platform/db/schema.ts";
import { ownershipOf } from "./settings.ts";

/** The item a defect is routed for: its department and, for substantive elements, the line department. */
export interface RoutedItem {
  id: string;
  unitId: string;
  lineUnitId: string | null;
}

/** A checked guide version whose findings the defects must now match. */
export interface CheckedVersion {
  item: RoutedItem;
  channel: string;
  guideId: string;
  findings: readonly GuideFinding[];
}

/**
 * Seed 002's routing: substantive elements to the city's line department
 * (the item's own unit when none is set), procedural ones to the item's
 * department; the office may move an element from one kind to the other.
 */
export function ownerOf(item: RoutedItem, element: GuideFinding["element"], settings: GuideSettings) {
  const ownership = ownershipOf(settings, element);
  return { ownership, ownerUnitId: ownership === "substantive" ? (item.lineUnitId ?? item.unitId) : item.unitId };
}

const placeKey = (checkId: string, path: string) => `${checkId}\u0000${path}`;

/**
 * The correction loop's recheck: after a new version of a guide was checked,
 * open defects it no longer has are closed by that version and new findings
 * open defects routed to their owners; a finding still there keeps its defect
 * (and its owner). `covers` limits the sync to the checks that ran (an import
 * runs the content checks, a link check only the link check). Info findings
 * are advice, not defects.
 */
export async function syncDefects(
  tx: Tx,
  versions: readonly CheckedVersion[],
  settings: GuideSettings,
  covers: (checkId: string) => boolean,
): Promise<{ opened: number; closed: number }> {
  if (!versions.length) return { opened: 0, closed: 0 };
  const open = await tx
    .select({
      id: guideDefects.id,
      itemId: guideDefects.itemId,
      channel: guideDefects.channel,
      checkId: guideDefects.checkId,
      path: guideDefects.path,
    })
    .from(guideDefects)
    .where(and(inArray(guideDefects.itemId, [...new Set(versions.map((v) => v.item.id))]), eq(guideDefects.status, "open")));
  const toClose = new Map<string, string[]>();
  const toOpen: (typeof guideDefects.$inferInsert)[] = [];
  for (const version of versions) {
    const mine = open.filter((d) => d.itemId === version.item.id && d.channel === version.channel && covers(d.checkId));
    const found = version.findings.filter((f) => f.severity !== "info" && covers(f.checkId));
    const foundKeys = new Set(found.map((f) => placeKey(f.checkId, f.path)));
    const openKeys = new Set(mine.map((d) => placeKey(d.checkId, d.path)));
    const closing = mine.filter((d) => !foundKeys.has(placeKey(d.checkId, d.path))).map((d) => d.id);
    if (closing.length) toClose.set(version.guideId, closing);
    for (const finding of found) {
      if (openKeys.has(placeKey(finding.checkId, finding.path))) continue;
      openKeys.add(placeKey(finding.checkId, finding.path));
      toOpen.push({
        itemId: version.item.id,
        channel: version.channel,
        guideId: version.guideId,
        checkId: finding.checkId,
        element: finding.element,
        severity: finding.severity,
        path: finding.path,
        detail: finding.detail ?? null,
        ...ownerOf(version.item, finding.element, settings),
      });
    }
  }
  const now = new Date();
  for (const [guideId, ids] of toClose) {
    await tx.update(guideDefects).set({ status: "closed", closedGuideId: guideId, closedAt: now }).where(inArray(guideDefects.id, ids));
  }
  for (let i = 0; i < toOpen.length; i += 500) await tx.insert(guideDefects).values(toOpen.slice(i, i + 500));
  return { opened: toOpen.length, closed: [...toClose.values()].reduce((n, ids) => n + ids.length, 0) };
}

/** The value at a finding's path ("materials.0.blankFormUrl") in a guide, or undefined. */
function valueAt(guide: unknown, path: string): unknown {
  let node = guide;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * An import does not open links (that needs the network), but a dead link
 * whose place now holds another address, or is gone, is not the defect that
 * was found: the new version closes it. An unchanged address keeps its defect
 * until a link check finds it open.
 */
export async function closeChangedLinkDefects(tx: Tx, versions: readonly (CheckedVersion & { guide: ServiceGuide })[]): Promise<number> {
  if (!versions.length) return 0;
  const open = await tx
    .select({
      id: guideDefects.id,
      itemId: guideDefects.itemId,
      channel: guideDefects.channel,
      path: guideDefects.path,
      found: serviceGuides.guide,
    })
    .from(guideDefects)
    .innerJoin(serviceGuides, eq(serviceGuides.id, guideDefects.guideId))
    .where(
      and(
        inArray(guideDefects.itemId, [...new Set(versions.map((v) => v.item.id))]),
        eq(guideDefects.status, "open"),
        eq(guideDefects.checkId, LINK_CHECK_ID),
      ),
    );
  let closed = 0;
  for (const version of versions) {
    const changed = open
      .filter((d) => d.itemId === version.item.id && d.channel === version.channel)
      .filter((d) => valueAt(d.found, d.path) !== valueAt(version.guide, d.path))
      .map((d) => d.id);
    if (!changed.length) continue;
    await tx
      .update(guideDefects)
      .set({ status: "closed", closedGuideId: version.guideId, closedAt: new Date() })
      .where(inArray(guideDefects.id, changed));
    closed += changed.length;
  }
  return closed;
}

/**
 * Routes open defects again after their owners changed (an item's line
 * department, or an element moved between substantive and procedural), so
 * the unit now responsible sees them and the one no longer responsible can
 * confirm its work. Closed defects keep the owner they were closed under.
 */
export async function rerouteOpenDefects(tx: Tx, settings: GuideSettings, itemId?: string): Promise<number> {
  const substantive = (Object.keys(GUIDE_ELEMENTS) as GuideElementId[]).filter((e) => ownershipOf(settings, e) === "substantive");
  const ownership = sql`(case when ${guideDefects.element} = any(${sql.param(substantive)}::text[]) then 'substantive' else 'procedural' end)`;
  const owner = sql`(case when ${ownership} = 'substantive' then coalesce(${serviceItems.lineUnitId}, ${serviceItems.unitId}) else ${serviceItems.unitId} end)`;
  const rows = await tx
    .update(guideDefects)
    .set({ ownership: sql`${ownership}`, ownerUnitId: sql`${owner}` })
    .from(serviceItems)
    .where(
      and(
        eq(serviceItems.id, guideDefects.itemId),
        eq(guideDefects.status, "open"),
        itemId ? eq(guideDefects.itemId, itemId) : undefined,
        sql`(${guideDefects.ownership}, ${guideDefects.ownerUnitId}) is distinct from (${ownership}, ${owner})`,
      ),
    )
    .returning({ id: guideDefects.id });
  return rows.length;
}
