import { randomUUID } from "node:crypto";
import type { AuditAction, UnitCreateInput, UnitUpdateInput } from "@kaoping/core";
import { eq, like, sql } from "drizzle-orm";
import { changedFields } from "../../platform/audit/audit.ts";
import type { Tx } from "../../platform/db/client.ts";
import { units } from "../../platform/db/schema.ts";
import { AppError, conflict } from "../../platform/errors.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { assertCanCreateRoot, loadVisibleUnit } from "./policy.ts";
import { auditUnit, type UnitRow } from "./presenter.ts";

async function assertCodeFree(tx: Tx, code: string, exceptId?: string): Promise<void> {
  const [clash] = await tx.select({ id: units.id }).from(units).where(eq(units.code, code));
  if (clash && clash.id !== exceptId) {
    throw conflict(`单位编码 ${code} 已存在`, [{ path: ["body", "code"], message: "编码已存在" }]);
  }
}

/** The parent's path + own id: the ancestors path for subtree queries. */
async function pathUnder(ctx: CommandContext, parentId: string | null | undefined, id: string): Promise<string> {
  if (!parentId) {
    assertCanCreateRoot(ctx.principal);
    return `/${id}/`;
  }
  const parent = await loadVisibleUnit(ctx.tx, ctx.principal, parentId);
  return `${parent.path}${id}/`;
}

/** Any constant, distinct from the audit chain's: serialises subtree moves. */
const UNIT_TREE_LOCK_KEY = 7_240_614;

/** How an import records the same change (业务类型 导入 instead of 新增/修改). */
export interface AuditAs {
  action: AuditAction;
  businessType: "import";
}

/** A unit ready to insert: id and ancestors path already decided, parent already checked. */
export type NewUnit = typeof units.$inferInsert & { id: string; path: string };

/**
 * Inserts checked units in batches, one audit record each (with a single
 * chain append): the shared write path of the form and of imports.
 */
export async function insertUnits(ctx: CommandContext, rows: NewUnit[], auditAs?: AuditAs): Promise<UnitRow[]> {
  const inserted: UnitRow[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500).map((r) => ({ ...r, createdBy: ctx.principal.id }));
    inserted.push(...(await ctx.tx.insert(units).values(batch).returning()));
  }
  await ctx.auditMany(
    inserted.map((row) => ({
      action: "unit.create",
      businessType: "create",
      ...auditAs,
      entityType: "unit",
      entityId: row.id,
      after: auditUnit(row),
    })),
  );
  return inserted;
}

export async function createUnit(options: { ctx: CommandContext; input: UnitCreateInput }): Promise<UnitRow> {
  const { ctx, input } = options;
  await assertCodeFree(ctx.tx, input.code);
  const id = randomUUID();
  const [row] = await insertUnits(ctx, [
    {
      id,
      code: input.code,
      name: input.name,
      shortName: input.shortName ?? null,
      kind: input.kind,
      parentId: input.parentId ?? null,
      isReference: input.isReference,
      sortOrder: input.sortOrder,
      path: await pathUnder(ctx, input.parentId, id),
    },
  ]);
  return row!;
}

/**
 * Moves a unit and its whole subtree under a new parent (or to the root),
 * rewriting the ancestors paths in one statement.
 */
async function moveUnit(ctx: CommandContext, stale: UnitRow, parentId: string | null): Promise<string> {
  // Moves are serialised and re-read the path under the lock: two concurrent moves in one
  // subtree would otherwise rewrite paths from a prefix the other has already changed.
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(${UNIT_TREE_LOCK_KEY})`);
  const [unit = stale] = await ctx.tx.select().from(units).where(eq(units.id, stale.id));
  const newPath = await pathUnder(ctx, parentId, unit.id);
  if (parentId && newPath.startsWith(unit.path)) {
    throw new AppError("VALIDATION", "不能把单位移到它自己或它的下级单位之下", [
      { path: ["body", "parentId"], message: "上级单位形成循环" },
    ]);
  }
  await ctx.tx
    .update(units)
    .set({ path: sql`${newPath}::text || substring(${units.path} from ${unit.path.length + 1}::int)` })
    .where(like(units.path, `${unit.path}%`));
  return newPath;
}

export async function updateUnit(options: {
  ctx: CommandContext;
  id: string;
  input: UnitUpdateInput;
  auditAs?: AuditAs;
}): Promise<UnitRow> {
  const { ctx, id, input } = options;
  const before = await loadVisibleUnit(ctx.tx, ctx.principal, id);
  const { parentId, ...fields } = input;
  const changes = Object.fromEntries(
    Object.entries(fields).filter(([key, value]) => value !== undefined && value !== before[key as keyof UnitRow]),
  ) as Partial<UnitRow>;
  const parentChanged = parentId !== undefined && (parentId ?? null) !== before.parentId;
  if (!parentChanged && Object.keys(changes).length === 0) return before;
  if (changes.code !== undefined) await assertCodeFree(ctx.tx, changes.code, id);
  const [after] = await ctx.tx
    .update(units)
    .set({
      ...changes,
      ...(parentChanged && { parentId: parentId ?? null, path: await moveUnit(ctx, before, parentId ?? null) }),
      updatedAt: new Date(),
    })
    .where(eq(units.id, id))
    .returning();
  const diff = changedFields(auditUnit(before), auditUnit(after!));
  const statusOnly = Object.keys(diff.after).length === 1 && input.status !== undefined;
  await ctx.audit({
    action: statusOnly ? (input.status === "disabled" ? "unit.disable" : "unit.enable") : "unit.update",
    businessType: "update",
    ...options.auditAs,
    entityType: "unit",
    entityId: id,
    ...diff,
  });
  return after!;
}
