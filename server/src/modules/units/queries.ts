import { buildTree, type Paged, type UnitListQuery, type UnitTreeNode, type UnitView } from "@kaoping/core";
import { and, asc, count, eq, ilike, like, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { unitsInScope } from "../../platform/access/scope.ts";
import { units } from "../../platform/db/schema.ts";
import type { QueryContext } from "../../platform/http/command.ts";
import { loadVisibleUnit } from "./policy.ts";
import { presentUnit } from "./presenter.ts";

type UnitFilters = Omit<UnitListQuery, "page" | "pageSize">;

async function filtersWhere(ctx: QueryContext, filters: UnitFilters): Promise<SQL | undefined> {
  const parts: (SQL | undefined)[] = [unitsInScope(ctx.principal.scope)];
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(or(ilike(units.code, pattern), ilike(units.name, pattern), ilike(units.shortName, pattern)));
  }
  if (filters.kind) parts.push(eq(units.kind, filters.kind));
  if (filters.status) parts.push(eq(units.status, filters.status));
  if (filters.isReference) parts.push(eq(units.isReference, filters.isReference === "true"));
  if (filters.under) {
    const root = await loadVisibleUnit(ctx.db, ctx.principal, filters.under);
    parts.push(like(units.path, `${root.path}%`));
  }
  return and(...parts);
}

/** The units table page: the user's scope and the query form's filters. */
export async function listUnits(ctx: QueryContext, query: UnitListQuery): Promise<Paged<UnitView>> {
  const where = await filtersWhere(ctx, query);
  const [total] = await ctx.db.select({ n: count() }).from(units).where(where);
  const rows = await ctx.db
    .select()
    .from(units)
    .where(where)
    .orderBy(asc(units.code))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { total: total?.n ?? 0, rows: rows.map(presentUnit) };
}

/** Every unit matching the filters, with its parent's code (for exports). */
export async function listUnitsForExport(ctx: QueryContext, filters: UnitFilters = {}) {
  const parent = alias(units, "parent");
  const rows = await ctx.db
    .select({ unit: units, parentCode: parent.code })
    .from(units)
    .leftJoin(parent, eq(parent.id, units.parentId))
    .where(await filtersWhere(ctx, filters));
  return rows.map((r) => ({ ...r.unit, parentCode: r.parentCode }));
}

/** The unit tree as far as the user's scope reaches. */
export async function getUnitTree(ctx: QueryContext): Promise<UnitTreeNode[]> {
  const rows = await ctx.db.select().from(units).where(unitsInScope(ctx.principal.scope));
  return buildTree(rows.map(presentUnit)) as UnitTreeNode[];
}

export async function getUnit(ctx: QueryContext, id: string): Promise<UnitView> {
  return presentUnit(await loadVisibleUnit(ctx.db, ctx.principal, id));
}
