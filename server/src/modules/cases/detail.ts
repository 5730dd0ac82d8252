import { type CaseDetailView, type CaseEventKind, caseClock, type LimitUnit } from "@kaoping/core";
import { and, asc, eq } from "drizzle-orm";
import { caseEvents, cases, serviceItems, units } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { installationSecret } from "../../platform/secrets/installation-secret.ts";
import { loadWorkCalendar } from "../calendar/load.ts";
import { RATING_CODE_SECRET_KEY, ratingSlipOf } from "../ratings/public.ts";
import type { CaseKey } from "./derived.ts";
import { caseRatings, caseWarnings } from "./linked.ts";
import { caseKeyWhere, caseScopeWhere } from "./policy.ts";
import { listRowOf } from "./presenter.ts";

/**
 * One case with its events and its clock explained day by day. Viewing is audited (case.view):
 * a case is personal-adjacent data, and who looked at it is part of the record.
 */
export async function viewCase({ ctx, key }: { ctx: CommandContext; key: CaseKey }): Promise<CaseDetailView> {
  const [row] = await ctx.tx
    .select({ c: cases, unitName: units.name, itemName: serviceItems.name })
    .from(cases)
    .innerJoin(units, eq(units.id, cases.unitId))
    .leftJoin(serviceItems, eq(serviceItems.id, cases.itemId))
    .where(and(caseKeyWhere(key), caseScopeWhere(ctx.principal)));
  if (!row) throw notFound("办件");
  const { c } = row;
  const events = await ctx.tx
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.regionCode, c.regionCode), eq(caseEvents.sourceCode, c.sourceCode), eq(caseEvents.caseNo, c.caseNo)))
    .orderBy(asc(caseEvents.seq));
  const calendar = await loadWorkCalendar(ctx.tx, c.regionCode);
  const clock = caseClock(
    {
      caseType: c.caseType as CaseDetailView["caseType"],
      acceptedAt: c.acceptedAt,
      completedAt: c.completedAt,
      legalLimit: c.legalLimit,
      legalLimitUnit: c.legalLimitUnit as LimitUnit | null,
      promisedLimit: c.promisedLimit,
      promisedLimitUnit: c.promisedLimitUnit as LimitUnit | null,
    },
    events.map((e) => ({ kind: e.kind as CaseEventKind, at: e.at, endAt: e.endAt })),
    calendar,
  );
  await ctx.audit({
    action: "case.view",
    businessType: "other",
    entityType: "case",
    entityId: `${c.regionCode}/${c.sourceCode}/${c.caseNo}`,
    after: { unitId: c.unitId, unitName: row.unitName },
  });
  const listRow = listRowOf({
    region_code: c.regionCode,
    source_code: c.sourceCode,
    case_no: c.caseNo,
    unit_id: c.unitId,
    unit_name: row.unitName,
    item_code: c.itemCode,
    item_name: row.itemName,
    channel: c.channel,
    case_type: c.caseType,
    accepted_at: c.acceptedAt,
    completed_at: c.completedAt,
    due_at: c.dueAt,
    elapsed_days: c.elapsedDays,
    promised_limit: c.promisedLimit,
    promised_limit_unit: c.promisedLimitUnit,
    result: c.result,
    visits: c.visits,
    quality: c.quality,
  });
  return {
    ...listRow,
    itemVersion: c.itemVersion,
    situation: c.situation,
    applicantType: c.applicantType,
    applicantMasked: c.applicantMasked,
    appliedAt: c.appliedAt?.toISOString() ?? null,
    legalLimit: c.legalLimit,
    legalLimitUnit: c.legalLimitUnit as LimitUnit | null,
    materialsReused: c.materialsReused,
    fee: c.fee,
    uploadedAt: c.uploadedAt?.toISOString() ?? null,
    // The rating slip of a completed case (docs/ratings.md, “The public rating page”).
    ...(c.completedAt ? ratingSlipOf(await installationSecret(ctx.tx, RATING_CODE_SECRET_KEY), c) : { ratingCode: null, ratingLink: null }),
    events: events.map((e) => ({
      seq: e.seq,
      kind: e.kind as CaseEventKind,
      at: e.at.toISOString(),
      endAt: e.endAt?.toISOString() ?? null,
      handler: e.handler,
      signKeyId: e.signKeyId,
    })),
    clock: {
      unit: clock.unit,
      elapsed: clock.elapsed,
      limit: clock.limit,
      dueAt: clock.dueAt?.toISOString() ?? null,
      gapYear: clock.gapYear,
      days: clock.days,
      explanation: clock.explanation,
    },
    warnings: await caseWarnings(ctx, c),
    ratings: await caseRatings(ctx, c),
  };
}
