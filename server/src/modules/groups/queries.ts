import type { GroupDetailView, GroupView, groupListQuerySchema, Paged } from "@kaoping/core";
import { and, asc, count, eq, ilike, or } from "drizzle-orm";
import type { z } from "zod";
import { unitsInScope } from "../../platform/access/scope.ts";
import { unitGroupMembers, unitGroups, units } from "../../platform/db/schema.ts";
import type { QueryContext } from "../../platform/http/command.ts";
import { groupsInScope, loadVisibleGroup } from "./policy.ts";
import { presentGroup } from "./presenter.ts";

/** Groups are organisation-wide lists; their members are shown as far as the user's scope reaches. */
export async function listGroups(ctx: QueryContext, query: z.infer<typeof groupListQuerySchema>): Promise<Paged<GroupView>> {
  const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const where = and(
    groupsInScope(ctx.principal),
    pattern ? or(ilike(unitGroups.code, pattern), ilike(unitGroups.name, pattern)) : undefined,
  );
  const [total] = await ctx.db.select({ n: count() }).from(unitGroups).where(where);
  const rows = await ctx.db
    .select({ group: unitGroups, ownerName: units.name, members: count(unitGroupMembers.unitId) })
    .from(unitGroups)
    .leftJoin(units, eq(units.id, unitGroups.ownerUnitId))
    .leftJoin(unitGroupMembers, eq(unitGroupMembers.groupId, unitGroups.id))
    .where(where)
    .groupBy(unitGroups.id, units.name)
    .orderBy(asc(unitGroups.code))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { total: total?.n ?? 0, rows: rows.map((r) => presentGroup(r.group, r.ownerName, r.members)) };
}

export async function getGroup(ctx: QueryContext, id: string): Promise<GroupDetailView> {
  const group = await loadVisibleGroup(ctx.db, ctx.principal, id);
  const owner = group.ownerUnitId ? await ctx.db.select({ name: units.name }).from(units).where(eq(units.id, group.ownerUnitId)) : [];
  const members = await ctx.db
    .select({ id: units.id, code: units.code, name: units.name, shortName: units.shortName })
    .from(unitGroupMembers)
    .innerJoin(units, eq(units.id, unitGroupMembers.unitId))
    .where(and(eq(unitGroupMembers.groupId, id), unitsInScope(ctx.principal.scope)))
    .orderBy(asc(units.sortOrder), asc(units.code));
  const [all] = await ctx.db.select({ n: count() }).from(unitGroupMembers).where(eq(unitGroupMembers.groupId, id));
  return { ...presentGroup(group, owner[0]?.name ?? null, all?.n ?? 0), members };
}
