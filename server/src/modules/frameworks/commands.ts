import { type AuditAction, BUILTIN_FRAMEWORKS, type Framework, frameworkSchema } from "@kaoping/core";
import { and, desc, eq } from "drizzle-orm";
import { frameworks } from "../../platform/db/schema.ts";
import { AppError, conflict, notFound } from "../../platform/errors.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { parseDefinition, validateAgainstDatabase } from "./definition.ts";
import { auditFramework, type FrameworkRow } from "./presenter.ts";

async function loadFramework(ctx: CommandContext, id: string): Promise<FrameworkRow> {
  // Locked: a publish and an edit of the same version cannot interleave (PostgreSQL runs them concurrently).
  const [row] = await ctx.tx.select().from(frameworks).where(eq(frameworks.id, id)).for("update");
  if (!row) throw notFound("指标体系");
  return row;
}

function assertDraft(row: FrameworkRow): void {
  if (row.status !== "draft") {
    throw new AppError(
      "CONFLICT",
      `指标体系 ${row.name} v${row.version} 已${row.status === "published" ? "发布" : "归档"}，不能修改；请创建新版本`,
    );
  }
}

/** One open draft per framework code: a second would fork the next version. */
async function assertNoOpenDraft(ctx: CommandContext, code: string): Promise<void> {
  const [openDraft] = await ctx.tx
    .select({ version: frameworks.version })
    .from(frameworks)
    .where(and(eq(frameworks.code, code), eq(frameworks.status, "draft")))
    .limit(1);
  if (openDraft) throw conflict(`已有草稿版本 v${openDraft.version}，请先发布或删除它`);
}

async function nextVersion(ctx: CommandContext, code: string): Promise<number> {
  const [latest] = await ctx.tx
    .select({ version: frameworks.version })
    .from(frameworks)
    .where(eq(frameworks.code, code))
    .orderBy(desc(frameworks.version))
    .limit(1);
  return (latest?.version ?? 0) + 1;
}

async function insertVersion(
  ctx: CommandContext,
  definition: Framework,
  templateCode: string | null,
  action: AuditAction,
): Promise<FrameworkRow> {
  const version = await nextVersion(ctx, definition.code);
  const [row] = await ctx.tx
    .insert(frameworks)
    .values({
      code: definition.code,
      version,
      name: definition.name,
      year: definition.year,
      definition,
      templateCode,
      createdBy: ctx.principal.id,
    })
    .returning();
  await ctx.audit({ action, businessType: "create", entityType: "framework", entityId: row!.id, after: auditFramework(row!) });
  return row!;
}

/** A new framework (version 1), or — when the code exists — refused: new versions come from an existing one. */
export async function createFramework(options: { ctx: CommandContext; definition: unknown }): Promise<FrameworkRow> {
  const definition = parseDefinition(options.definition);
  const [existing] = await options.ctx.tx
    .select({ id: frameworks.id })
    .from(frameworks)
    .where(eq(frameworks.code, definition.code))
    .limit(1);
  if (existing)
    throw conflict(`指标体系编码 ${definition.code} 已存在；请在已有版本上创建新版本`, [
      { path: ["body", "definition", "code"], message: "编码已存在" },
    ]);
  return insertVersion(options.ctx, definition, null, "framework.create");
}

/** A draft copied from a built-in template (the next version when the code exists). */
export async function createFrameworkFromTemplate(options: { ctx: CommandContext; templateCode: string }): Promise<FrameworkRow> {
  const template = BUILTIN_FRAMEWORKS.map((f) => frameworkSchema.parse(f)).find((f) => f.code === options.templateCode);
  if (!template) throw notFound(`模板 ${options.templateCode}`);
  await assertNoOpenDraft(options.ctx, template.code);
  return insertVersion(options.ctx, template, template.code, "framework.create_from_template");
}

export async function updateFramework(options: { ctx: CommandContext; id: string; definition: unknown }): Promise<FrameworkRow> {
  const { ctx } = options;
  const before = await loadFramework(ctx, options.id);
  assertDraft(before);
  const definition = parseDefinition(options.definition);
  if (definition.code !== before.code) {
    throw new AppError("VALIDATION", "指标体系编码不能修改", [{ path: ["body", "definition", "code"], message: `应为 ${before.code}` }]);
  }
  const [after] = await ctx.tx
    .update(frameworks)
    .set({ definition, name: definition.name, year: definition.year, updatedAt: new Date() })
    .where(eq(frameworks.id, before.id))
    .returning();
  await ctx.audit({
    action: "framework.update",
    businessType: "update",
    entityType: "framework",
    entityId: before.id,
    before: { ...auditFramework(before), definition: before.definition },
    after: { ...auditFramework(after!), definition },
  });
  return after!;
}

/** Publishing locks the version; validation errors block it (warnings do not). */
export async function publishFramework(options: { ctx: CommandContext; id: string }): Promise<FrameworkRow> {
  const { ctx } = options;
  const before = await loadFramework(ctx, options.id);
  assertDraft(before);
  const report = await validateAgainstDatabase(ctx.tx, before.definition);
  if (report.errors.length) {
    throw new AppError(
      "VALIDATION",
      `校验未通过，不能发布：${report.errors[0]!.at} ${report.errors[0]!.message}`,
      report.errors.map((e) => ({ path: [e.at], message: e.message })),
    );
  }
  return changeStatus(ctx, before, "framework.publish", { status: "published", publishedAt: new Date(), publishedBy: ctx.principal.id });
}

/** Moves a version to a new status, audited with the before/after of its summary fields. */
async function changeStatus(
  ctx: CommandContext,
  before: FrameworkRow,
  action: AuditAction,
  set: Partial<FrameworkRow>,
): Promise<FrameworkRow> {
  const [after] = await ctx.tx
    .update(frameworks)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(frameworks.id, before.id))
    .returning();
  await ctx.audit({
    action,
    businessType: "update",
    entityType: "framework",
    entityId: before.id,
    before: auditFramework(before),
    after: auditFramework(after!),
  });
  return after!;
}

export async function archiveFramework(options: { ctx: CommandContext; id: string }): Promise<FrameworkRow> {
  const { ctx } = options;
  const before = await loadFramework(ctx, options.id);
  if (before.status !== "published") throw new AppError("CONFLICT", "只有已发布的指标体系可以归档");
  return changeStatus(ctx, before, "framework.archive", { status: "archived" });
}

/** The next version as a draft copy: a correction, or the clone into a new year. */
export async function createFrameworkVersion(options: { ctx: CommandContext; id: string; year?: number }): Promise<FrameworkRow> {
  const { ctx } = options;
  const source = await loadFramework(ctx, options.id);
  await assertNoOpenDraft(ctx, source.code);
  const definition = { ...(source.definition as Framework), ...(options.year !== undefined && { year: options.year }) };
  return insertVersion(ctx, definition, source.templateCode, options.year !== undefined ? "framework.clone_year" : "framework.new_version");
}

export async function deleteFramework(options: { ctx: CommandContext; id: string }): Promise<void> {
  const { ctx } = options;
  const before = await loadFramework(ctx, options.id);
  assertDraft(before);
  await ctx.tx.delete(frameworks).where(eq(frameworks.id, before.id));
  await ctx.audit({
    action: "framework.delete",
    businessType: "delete",
    entityType: "framework",
    entityId: before.id,
    before: { ...auditFramework(before), definition: before.definition },
  });
}
