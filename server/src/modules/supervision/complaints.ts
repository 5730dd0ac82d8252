/**
 * 效能投诉 / 媒体曝光 register (core/src/supervision/complaints.ts): the office records each complaint
 * or media report against a unit and what checking it found; the unit's users read their own. The
 * campaign fact supervision.complaints_exposures counts the substantiated ones of a period.
 */
import type { ComplaintInput, ComplaintView, complaintListQuerySchema, complaintUpdateSchema, Paged } from "@kaoping/core";
import { and, count, desc, eq, gte, lte, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { buildScopeWhere } from "../../platform/access/scope.ts";
import { supervisionComplaints, units } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import type { CommandContext, QueryContext } from "../../platform/http/command.ts";
import { unitsForCases } from "../cases/policy.ts";
import { unitSubtreeCondition } from "../cases/rollup-query.ts";

type ComplaintRow = typeof supervisionComplaints.$inferSelect;

function present(row: ComplaintRow, unitName: string): ComplaintView {
  return {
    id: row.id,
    unitId: row.unitId,
    unitName,
    kind: row.kind as ComplaintView["kind"],
    occurredOn: row.occurredOn,
    title: row.title,
    source: row.source,
    finding: row.finding as ComplaintView["finding"],
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit keeps of a record: everything but the bookkeeping. */
const audited = (row: ComplaintRow, unitName: string) => {
  const { id: _id, createdBy: _by, createdAt: _at, updatedAt: _up, ...fields } = row;
  return { ...fields, unitName };
};

export async function listComplaints(qctx: QueryContext, query: z.infer<typeof complaintListQuerySchema>): Promise<Paged<ComplaintView>> {
  const unitIds = await unitsForCases(qctx.db, qctx.principal, query.unitId);
  const parts: (SQL | undefined)[] = [
    unitSubtreeCondition(supervisionComplaints.unitId, unitIds, false),
    query.kind ? eq(supervisionComplaints.kind, query.kind) : undefined,
    query.finding ? eq(supervisionComplaints.finding, query.finding) : undefined,
    query.from ? gte(supervisionComplaints.occurredOn, query.from) : undefined,
    query.to ? lte(supervisionComplaints.occurredOn, query.to) : undefined,
  ];
  const where = and(...parts);
  const [total] = await qctx.db.select({ n: count() }).from(supervisionComplaints).where(where);
  const rows = await qctx.db
    .select({ row: supervisionComplaints, unitName: units.name })
    .from(supervisionComplaints)
    .innerJoin(units, eq(units.id, supervisionComplaints.unitId))
    .where(where)
    .orderBy(desc(supervisionComplaints.occurredOn), desc(supervisionComplaints.createdAt))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { total: total?.n ?? 0, rows: rows.map((r) => present(r.row, r.unitName)) };
}

/** Registers a record against a unit in the office's scope. */
export async function createComplaint({ ctx, input }: { ctx: CommandContext; input: ComplaintInput }): Promise<ComplaintView> {
  const [unit] = await ctx.tx
    .select({ name: units.name })
    .from(units)
    .where(and(eq(units.id, input.unitId), buildScopeWhere(ctx.principal.scope, { unitId: units.id }, ctx.principal.id ?? "")));
  if (!unit) throw notFound("单位");
  const [row] = await ctx.tx
    .insert(supervisionComplaints)
    .values({ ...input, createdBy: ctx.principal.id })
    .returning();
  await ctx.audit({
    action: "supervision.complaint.create",
    businessType: "create",
    entityType: "supervision_complaint",
    entityId: row!.id,
    after: audited(row!, unit.name),
  });
  return present(row!, unit.name);
}

/** Corrects a record or enters what checking it found (核查结论). */
export async function updateComplaint({
  ctx,
  id,
  input,
}: {
  ctx: CommandContext;
  id: string;
  input: z.infer<typeof complaintUpdateSchema>;
}): Promise<ComplaintView> {
  const [found] = await ctx.tx
    .select({ row: supervisionComplaints, unitName: units.name })
    .from(supervisionComplaints)
    .innerJoin(units, eq(units.id, supervisionComplaints.unitId))
    .where(
      and(
        eq(supervisionComplaints.id, id),
        buildScopeWhere(ctx.principal.scope, { unitId: supervisionComplaints.unitId }, ctx.principal.id ?? ""),
      ),
    )
    .for("update", { of: supervisionComplaints });
  if (!found) throw notFound("投诉曝光记录");
  const [row] = await ctx.tx
    .update(supervisionComplaints)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(supervisionComplaints.id, id))
    .returning();
  await ctx.audit({
    action: "supervision.complaint.update",
    businessType: "update",
    entityType: "supervision_complaint",
    entityId: id,
    before: audited(found.row, found.unitName),
    after: audited(row!, found.unitName),
  });
  return present(row!, found.unitName);
}
