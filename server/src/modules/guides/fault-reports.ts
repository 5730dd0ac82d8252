import { createHash } from "node:crypto";
import { isIP } from "node:net";
import {
  GUIDE_ELEMENTS,
  GUIDE_FAULT_REPORT_STATUS_LABELS,
  type GuideElementId,
  type GuideFaultReportInput,
  type GuideFaultReportStatus,
  type guideFaultReportListQuerySchema,
  type guideFaultReportTriageSchema,
  type Paged,
  PUBLIC_REPORT_CHECK,
  PUBLIC_REPORT_CHECK_ID,
} from "@kaoping/core";
import { and, asc, count, desc, eq, gt, like, or, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { type Principal, systemPrincipal } from "../../platform/auth/principal.ts";
import type { Db, Tx } from "../../platform/db/client.ts";
import { guideDefects, guideFaultReports, serviceGuides, serviceItems, units, users } from "../../platform/db/schema.ts";
import { AppError, conflict, notFound } from "../../platform/errors.ts";
import type { CommandContext, QueryContext } from "../../platform/http/command.ts";
import { ipv6Groups } from "../../platform/net/links.ts";
import { installationSecret } from "../../platform/secrets/installation-secret.ts";
import { ownerOf } from "./defects.ts";
import { itemScopeWhere, loadVisibleItem, type ServiceItemRow } from "./policy.ts";
import { getGuideSettings } from "./settings.ts";

/**
 * Who a public report is audited as: the system's name for the public, with
 * no permission and no unit in scope — the command must not lean on a
 * principal it does not have.
 */
export const PUBLIC_REPORTER: Principal = {
  ...systemPrincipal("公众（找茬）"),
  username: "public",
  permissions: new Set(),
  scope: { all: false, unitIds: [], pathPrefixes: [], self: false },
};

const SEARCH_LIMIT = 20;
const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** 找茬's item picker: items whose name or code holds the text. Guides are public, so their items are too. */
export async function searchPublicItems(db: Db, q: string) {
  if (!q) return [];
  const text = `%${escapeLike(q)}%`;
  return db
    .select({ id: serviceItems.id, code: serviceItems.code, name: serviceItems.name, unitName: units.name })
    .from(serviceItems)
    .innerJoin(units, eq(units.id, serviceItems.unitId))
    .where(or(like(serviceItems.name, text), like(serviceItems.code, text)))
    .orderBy(asc(serviceItems.name), asc(serviceItems.code))
    .limit(SEARCH_LIMIT);
}

const SALT_KEY = "guides.faultReportSalt";

/** The installation's salt for reporters' IP hashes: the hourly count must see the same hash across restarts. */
const reportSalt = (tx: Tx) => installationSecret(tx, SALT_KEY);

const hashIp = (ip: string, salt: string) => createHash("sha256").update(`${salt}\u0000${ip}`).digest("hex");

/**
 * Who the hourly limit counts as one reporter: an IPv4 address (also when
 * written IPv4-mapped, ::ffff:198.51.100.1), and an IPv6 address's /64 — one
 * subscriber gets a whole /64 and could otherwise send each report from a
 * new address. Anything else (no address at all) as it is.
 */
export function throttleKey(ip: string): string {
  if (isIP(ip) === 4) return ip;
  const groups = ipv6Groups(ip);
  if (!groups) return ip;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}

/** Namespace of the per-IP advisory lock (two-key form, apart from the one-key locks elsewhere). */
const THROTTLE_LOCK = 0x6b70;

/** At most `perHour` reports per reporter (throttleKey) in any rolling hour, counted in the database so every process agrees. */
async function throttle(ctx: CommandContext, ipHash: string): Promise<void> {
  // Parallel reports from one IP take turns, so they cannot all count the same hour and all pass.
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(${THROTTLE_LOCK}, hashtext(${ipHash}))`);
  const hourAgo = new Date(Date.now() - 3600_000);
  const [{ sent } = { sent: 0 }] = await ctx.tx
    .select({ sent: count() })
    .from(guideFaultReports)
    .where(and(eq(guideFaultReports.ipHash, ipHash), gt(guideFaultReports.createdAt, hourAgo)));
  const perHour = ctx.config.faultReportsPerHour;
  if (sent >= perHour) throw new AppError("RATE_LIMITED", `同一网络每小时最多提交 ${perHour} 条反映，请稍后再试`);
}

/**
 * 找茬: stores a report from anyone. An item id the system does not know is
 * dropped, not refused, so the public form cannot be used to probe ids.
 */
export async function submitFaultReport(options: {
  ctx: CommandContext;
  input: GuideFaultReportInput;
  ip: string;
}): Promise<{ id: string }> {
  const { ctx, input } = options;
  // The stored hash is of the throttle key: the /64 of an IPv6 reporter, not its whole address.
  const ipHash = hashIp(throttleKey(options.ip), await reportSalt(ctx.tx));
  await throttle(ctx, ipHash);
  const [item] = input.itemId
    ? await ctx.tx.select({ id: serviceItems.id }).from(serviceItems).where(eq(serviceItems.id, input.itemId))
    : [];
  const [row] = await ctx.tx
    .insert(guideFaultReports)
    .values({
      itemId: item?.id ?? null,
      itemName: input.itemName,
      element: input.element ?? null,
      description: input.description,
      contact: input.contact || null,
      ipHash,
    })
    .returning({ id: guideFaultReports.id });
  await ctx.audit({
    action: "guide.report.create",
    businessType: "create",
    entityType: "guide_fault_report",
    entityId: row!.id,
    // The contact stays in the report, which can be corrected; the append-only log keeps only that there was one.
    after: { itemId: item?.id ?? null, itemName: input.itemName, element: input.element ?? null, hasContact: !!input.contact },
  });
  return row!;
}

/**
 * Reports the principal triages: those on items it sees. Reports linked to
 * no item (and the citizens' contacts in them) only a principal who sees
 * every unit triages: nothing says which unit's they are.
 */
function reportScopeWhere(principal: Principal): SQL | undefined {
  if (principal.scope.all) return undefined;
  // Left-joined: a report without an item has null item columns, which no scope condition matches.
  return itemScopeWhere(principal) ?? sql`false`;
}

function selectReports(db: Db | Tx, where: SQL | undefined) {
  return db
    .select({
      report: guideFaultReports,
      itemCode: serviceItems.code,
      linkedItemName: serviceItems.name,
      unitId: units.id,
      unitName: units.name,
      triagedByName: users.displayName,
    })
    .from(guideFaultReports)
    .leftJoin(serviceItems, eq(serviceItems.id, guideFaultReports.itemId))
    .leftJoin(units, eq(units.id, serviceItems.unitId))
    .leftJoin(users, eq(users.id, guideFaultReports.triagedBy))
    .where(where)
    .orderBy(desc(guideFaultReports.createdAt), desc(guideFaultReports.id));
}

type ReportListRow = Awaited<ReturnType<typeof selectReports>>[number];

/** A report as the office triages it; the IP hash never leaves the server. */
export function presentFaultReport(row: ReportListRow) {
  const { report } = row;
  return {
    id: report.id,
    itemId: report.itemId,
    itemCode: row.itemCode,
    itemName: report.itemName,
    linkedItemName: row.linkedItemName,
    unitId: row.unitId,
    unitName: row.unitName,
    element: report.element,
    elementLabel: report.element ? (GUIDE_ELEMENTS[report.element as GuideElementId]?.label ?? report.element) : null,
    description: report.description,
    contact: report.contact,
    status: report.status,
    statusLabel: GUIDE_FAULT_REPORT_STATUS_LABELS[report.status as GuideFaultReportStatus] ?? report.status,
    triageNote: report.triageNote,
    triagedByName: row.triagedByName,
    triagedAt: report.triagedAt?.toISOString() ?? null,
    defectId: report.defectId,
    createdAt: report.createdAt.toISOString(),
  };
}

export type FaultReportView = ReturnType<typeof presentFaultReport>;

/** The triage queue, newest first. */
export async function listFaultReports(
  q: QueryContext,
  query: z.infer<typeof guideFaultReportListQuerySchema>,
): Promise<Paged<FaultReportView>> {
  const where = and(reportScopeWhere(q.principal), query.status ? eq(guideFaultReports.status, query.status) : undefined);
  const [{ total } = { total: 0 }] = await q.db
    .select({ total: count() })
    .from(guideFaultReports)
    .leftJoin(serviceItems, eq(serviceItems.id, guideFaultReports.itemId))
    .where(where);
  const rows = await selectReports(q.db, where)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { total, rows: rows.map(presentFaultReport) };
}

/** One report the principal triages; NOT_FOUND otherwise. */
export async function getFaultReport(q: QueryContext, id: string): Promise<FaultReportView> {
  const [row] = await selectReports(q.db, and(eq(guideFaultReports.id, id), reportScopeWhere(q.principal)));
  if (!row) throw notFound("群众反映");
  return presentFaultReport(row);
}

async function lockReport(ctx: CommandContext, id: string) {
  const [row] = await ctx.tx.select().from(guideFaultReports).where(eq(guideFaultReports.id, id)).for("update");
  if (!row) throw notFound("群众反映");
  await getFaultReport({ db: ctx.tx, principal: ctx.principal }, id);
  return row;
}

type ReportRow = typeof guideFaultReports.$inferSelect;

/** The guide version a reported defect hangs on: the newest online one, else the newest of any channel. */
async function reportedVersion(tx: Tx, itemId: string) {
  const [guide] = await tx
    .select({ id: serviceGuides.id, channel: serviceGuides.channel })
    .from(serviceGuides)
    .where(eq(serviceGuides.itemId, itemId))
    .orderBy(sql`${serviceGuides.channel} = 'online' desc`, desc(serviceGuides.createdAt), desc(serviceGuides.version))
    .limit(1);
  if (!guide) throw conflict("该事项尚无办事指南版本，无法登记问题：请先导入其办事指南");
  return guide;
}

/** An accepted report becomes a G-PUBLIC-01 defect on the item, routed to the element's owner like any other. */
async function openReportedDefect(ctx: CommandContext, report: ReportRow, item: ServiceItemRow, element: GuideElementId) {
  const guide = await reportedVersion(ctx.tx, item.id);
  const settings = await getGuideSettings(ctx.tx);
  const [defect] = await ctx.tx
    .insert(guideDefects)
    .values({
      itemId: item.id,
      channel: guide.channel,
      guideId: guide.id,
      checkId: PUBLIC_REPORT_CHECK_ID,
      element,
      severity: PUBLIC_REPORT_CHECK.severity,
      path: `public:${report.id}`,
      detail: Array.from(report.description.trim()).slice(0, 200).join(""),
      ...ownerOf(item, element, settings),
    })
    .returning();
  return defect!;
}

/**
 * Triage of a new report: rejected, or accepted — and, when the office names
 * the item (the report's or its own choice) and the element, a defect is
 * opened for the element's owner. A report is triaged once.
 */
export async function triageFaultReport(options: {
  ctx: CommandContext;
  reportId: string;
  input: z.infer<typeof guideFaultReportTriageSchema>;
}): Promise<void> {
  const { ctx, input } = options;
  const report = await lockReport(ctx, options.reportId);
  if (report.status !== "new") {
    throw conflict(
      `该反映已处理（${GUIDE_FAULT_REPORT_STATUS_LABELS[report.status as GuideFaultReportStatus] ?? report.status}），不能再次处理`,
    );
  }
  const accepted = input.status === "accepted";
  const itemId = accepted ? (input.itemId ?? report.itemId) : report.itemId;
  const item = accepted && itemId ? await loadVisibleItem(ctx.tx, ctx.principal, itemId) : null;
  const element = (input.element ?? report.element) as GuideElementId | null;
  const defect = item && element ? await openReportedDefect(ctx, report, item, element) : null;
  await ctx.tx
    .update(guideFaultReports)
    .set({
      status: input.status,
      itemId: item?.id ?? report.itemId,
      triageNote: input.note || null,
      triagedBy: ctx.principal.id,
      triagedAt: new Date(),
      defectId: defect?.id ?? null,
    })
    .where(eq(guideFaultReports.id, report.id));
  await ctx.audit({
    action: "guide.report.triage",
    businessType: "decide",
    entityType: "guide_fault_report",
    entityId: report.id,
    before: { status: report.status, itemId: report.itemId },
    after: {
      status: input.status,
      itemId: item?.id ?? report.itemId,
      defectId: defect?.id ?? null,
      element,
      ownerUnitId: defect?.ownerUnitId ?? null,
    },
    reason: input.note || null,
  });
}
