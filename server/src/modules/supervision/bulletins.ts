import { type BulletinContent, type BulletinView, bulletinPublishProblem, cstDate } from "@kaoping/core";
import { desc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { supervisionBulletins, users } from "../../platform/db/schema.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { buildBulletinContent } from "./bulletin.ts";

/**
 * Publishes a month's bulletin: its content built now and kept as the month's next version. The
 * published text never changes; publishing again (after late data or replies) adds a version.
 *
 * Only a month that has ended (China time; bulletinPublishProblem): the running month or a later one
 * would freeze days still to come, all zero for a future month, as the version the campaigns' bulletin
 * facts count. A month from 2000-01 on (the schema) is accepted however far back: before the case
 * store's data it is an empty bulletin, which gives no card — its preview shows that before publishing.
 */
export async function publishBulletin({
  ctx,
  month,
  now = new Date(),
}: {
  ctx: CommandContext;
  month: string;
  now?: Date;
}): Promise<BulletinView> {
  const problem = bulletinPublishProblem(month, cstDate(now));
  if (problem) throw new AppError("VALIDATION", problem, [{ path: ["body", "month"], message: problem }]);
  // Two publications of a month at once: one after the other, never the same version twice.
  await ctx.tx.execute(sql`lock table ${supervisionBulletins} in share row exclusive mode`);
  const [last] = await ctx.tx
    .select({ version: supervisionBulletins.version })
    .from(supervisionBulletins)
    .where(eq(supervisionBulletins.month, month))
    .orderBy(desc(supervisionBulletins.version))
    .limit(1);
  const content = await buildBulletinContent(ctx.tx, month, now);
  const [row] = await ctx.tx
    .insert(supervisionBulletins)
    .values({ month, version: (last?.version ?? 0) + 1, content, publishedBy: ctx.principal.id })
    .returning();
  await ctx.audit({
    action: "supervision.bulletin.publish",
    businessType: "create",
    entityType: "supervision_bulletin",
    entityId: row!.id,
    after: { month, version: row!.version, warnings: content.totals.warnings, units: content.units.length },
  });
  return { id: row!.id, month, version: row!.version, publishedAt: row!.publishedAt.toISOString(), publishedBy: ctx.principal.displayName };
}

export async function listBulletins(db: Db | Tx): Promise<BulletinView[]> {
  const rows = await db
    .select({ b: supervisionBulletins, by: users.displayName })
    .from(supervisionBulletins)
    .leftJoin(users, eq(users.id, supervisionBulletins.publishedBy))
    .orderBy(desc(supervisionBulletins.month), desc(supervisionBulletins.version));
  return rows.map(({ b, by }) => ({
    id: b.id,
    month: b.month,
    version: b.version,
    publishedAt: b.publishedAt.toISOString(),
    publishedBy: by,
  }));
}

export async function loadBulletin(db: Db | Tx, id: string): Promise<{ version: number; content: BulletinContent }> {
  const [row] = await db.select().from(supervisionBulletins).where(eq(supervisionBulletins.id, id));
  if (!row) throw notFound("通报");
  return { version: row.version, content: row.content as BulletinContent };
}
