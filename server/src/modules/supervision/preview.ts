import { cstStart, nextDate, type RulePreviewView, type WarningRule } from "@kaoping/core";
import { inArray, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/client.ts";
import { selectRows } from "../../platform/db/rows.ts";
import { cases, units, warnings } from "../../platform/db/schema.ts";
import { monthRange } from "./bulletin.ts";
import { type CaseRow, contextFor, judgeRows, readCases, WARNING_BATCH } from "./evaluate.ts";

/** The most cases a preview judges (a city's month is hundreds of thousands: the answer stays quick). */
export const PREVIEW_CAP = 20_000;

/**
 * “What would this rule have raised last month”: the rule as edited (enabled for the trial) over the
 * cases accepted in the month, judged at the month's end (or now), writing nothing. Beside it, on the
 * same basis, what the ledger holds: the rule's warnings on those same cases (joined by region, source
 * and case number), so an unchanged rule's two figures agree and a new threshold compares with the old.
 *
 * Both figures count only warnings whose condition arose (`at`) by the moment the trial judges at (the
 * month's end, or now). Counting every warning on the month's cases would add those that arose later —
 * a case accepted on the 28th falling 超期 next month — and a caveat in the sentence would leave the
 * office to guess how many those were. The trial reads each case as it is now, so a case completed late
 * next month is judged 超期办结 with its due instant next month: the same cut leaves it out on this side
 * too. Cut at the same moment, the two figures differ only where the rule as edited does (and for
 * 即将超期, dated when a run judged it: a case that crossed the line on the last evening may be dated
 * the next morning's run in the ledger).
 */
export async function previewRule(options: { db: Db; rule: WarningRule; month: string; cap?: number }): Promise<RulePreviewView> {
  const { db, month } = options;
  const rule = { ...options.rule, enabled: true };
  const cap = options.cap ?? PREVIEW_CAP;
  const { from, to } = monthRange(month);
  const start = cstStart(from).toISOString();
  const end = cstStart(nextDate(to)).toISOString();
  const asOf = new Date(Math.min(Date.parse(end) - 1, Date.now()));
  // The last case judged: when the trial stops at the cap, the ledger figure stops there too.
  let after: [string, string, string] | null = null;
  let judged = 0;
  const raised: { row: CaseRow; explanation: string }[] = [];
  while (judged < cap) {
    const keyAfter: [string, string, string] | null = after;
    const rows = await readCases(
      db,
      sql`c.accepted_at >= ${start}::timestamptz and c.accepted_at < ${end}::timestamptz
        ${keyAfter ? sql`and (c.region_code, c.source_code, c.case_no) > (${keyAfter[0]}, ${keyAfter[1]}, ${keyAfter[2]})` : sql``}`,
      sql`c.region_code, c.source_code, c.case_no`,
    );
    const batch = rows.slice(0, cap - judged);
    if (!batch.length) break;
    judged += batch.length;
    for (const { row, warning } of judgeRows(batch, await contextFor(db, batch, db), [rule], asOf))
      if (warning.at <= asOf) raised.push({ row, explanation: warning.explanation });
    const last = batch[batch.length - 1]!;
    after = [last.region_code, last.source_code, last.case_no];
    if (rows.length < WARNING_BATCH) break;
  }
  const samples = raised.slice(0, 20);
  const names = new Map(
    samples.length
      ? (
          await db
            .select({ id: units.id, name: units.name })
            .from(units)
            .where(inArray(units.id, [...new Set(samples.map((s) => s.row.unit_id))]))
        ).map((u) => [u.id, u.name])
      : [],
  );
  const capped = judged >= cap;
  const [ledger] = await selectRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${warnings} w
      join ${cases} c on c.region_code = w.region_code and c.source_code = w.source_code and c.case_no = w.case_no
      where w.rule_id = ${rule.id} and w.at <= ${asOf.toISOString()}::timestamptz
        and c.accepted_at >= ${start}::timestamptz and c.accepted_at < ${end}::timestamptz
        ${capped && after ? sql`and (c.region_code, c.source_code, c.case_no) <= (${after[0]}, ${after[1]}, ${after[2]})` : sql``}`,
  );
  return {
    month,
    judged,
    capped,
    raised: raised.length,
    inLedger: Number(ledger?.n ?? 0),
    samples: samples.map((s) => ({ caseNo: s.row.case_no, unitName: names.get(s.row.unit_id) ?? "", explanation: s.explanation })),
  };
}
