/**
 * 月份运行情况通报 (seed 004: “形成月份运行情况通报，综合统计通报结果作为年终考核重要依据”): a
 * month's figures from the case store's rollups and the warning ledger — cases handled and on
 * time, warnings by unit and rule, supervision orders and their replies, cards, a ranking, the
 * month-on-month change and the worst cases — built as content (BulletinContent), then rendered as
 * a print page (PDF by the Chromium renderer) and as a workbook. A published version keeps the
 * content it was built with.
 */
import { type BulletinContent, type BulletinUnitLine, cstStart, nextDate, unitCard } from "@kaoping/core";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { rowsOf } from "../../platform/db/rows.ts";
import { supervisionOrders, units, warnings } from "../../platform/db/schema.ts";
import { sumCaseRollupsBy } from "../cases/rollup-query.ts";
import { loadWarningRuleSet } from "./rule-sets.ts";

/** The month's first and last days. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, "0")}` };
}

export function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

const percent = (part: number, whole: number) => (whole ? Math.round((part * 1000) / whole) / 10 : null);

interface LedgerRow {
  unit_id: string;
  rule_name: string;
  warnings: number;
  red: number;
  issued: number;
  on_time: number;
  late: number;
  missing: number;
}

export async function buildBulletinContent(db: Db | Tx, month: string, now: Date = new Date()): Promise<BulletinContent> {
  const { from, to } = monthRange(month);
  const start = cstStart(from).toISOString();
  const end = cstStart(nextDate(to)).toISOString();
  // Replies are judged at the month's end, or now for the current month.
  const judged = new Date(Math.min(cstStart(nextDate(to)).getTime(), now.getTime())).toISOString();
  const allUnits = await db.select({ id: units.id, name: units.name, path: units.path }).from(units);
  const name = new Map(allUnits.map((u) => [u.id, u.name]));
  const cases = new Map(
    (await sumCaseRollupsBy(db, { unitIds: allUnits.map((u) => u.id), from, to, subtree: false }, "unit")).map((g) => [g.key, g.counters]),
  );
  const ledger = rowsOf<LedgerRow>(
    await db.execute(sql`
      select w.unit_id, w.rule_name, count(*)::int as warnings, count(*) filter (where w.severity = 'red')::int as red,
        count(o.id)::int as issued,
        count(*) filter (where o.replied_at <= o.first_due_at)::int as on_time,
        count(*) filter (where o.replied_at > o.first_due_at)::int as late,
        count(*) filter (where o.id is not null and o.replied_at is null and o.first_due_at < ${judged}::timestamptz)::int as missing
      from ${warnings} w left join ${supervisionOrders} o on o.warning_id = w.id
      where w.at >= ${start}::timestamptz and w.at < ${end}::timestamptz
      group by w.unit_id, w.rule_name`),
  );
  const { rules, cards } = await loadWarningRuleSet(db);
  const unitIds = new Set([...cases.keys(), ...ledger.map((r) => r.unit_id)]);
  const lines = [...unitIds].map((unitId): BulletinUnitLine => {
    const own = ledger.filter((r) => r.unit_id === unitId);
    const sum = (key: keyof LedgerRow) => own.reduce((n, r) => n + Number(r[key]), 0);
    const counters = cases.get(unitId);
    const accepted = counters?.accepted ?? 0;
    const warningsCount = sum("warnings");
    const unsupervised = warningsCount - sum("issued");
    const repliedLate = sum("late");
    const replyMissing = sum("missing");
    const card = unitCard(
      { warnings: warningsCount, redWarnings: sum("red"), unsupervised, repliesLate: repliedLate + replyMissing },
      cards,
    );
    return {
      unitId,
      unitName: name.get(unitId) ?? unitId,
      accepted,
      completed: counters?.completed ?? 0,
      onTimeRate: percent(counters?.completedOnTime ?? 0, counters?.completed ?? 0),
      warnings: warningsCount,
      redWarnings: sum("red"),
      byRule: Object.fromEntries(own.map((r) => [r.rule_name, Number(r.warnings)])),
      ordersIssued: sum("issued"),
      repliedOnTime: sum("on_time"),
      repliedLate,
      replyMissing,
      card: card.card,
      cardReasons: card.reasons,
      rank: null,
      warningRate: accepted ? Math.round((warningsCount * 1000) / accepted) / 10 : null,
    };
  });
  rankUnits(lines);
  const previous = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from ${warnings} w
      where w.at >= ${cstStart(monthRange(previousMonth(month)).from).toISOString()}::timestamptz and w.at < ${start}::timestamptz`),
  )[0];
  const worst = rowsOf<{ case_no: string; unit_id: string; rule_name: string; days_late: number; explanation: string }>(
    await db.execute(sql`select w.case_no, w.unit_id, w.rule_name, (w.facts->>'daysLate')::int as days_late, w.explanation
      from ${warnings} w where w.at >= ${start}::timestamptz and w.at < ${end}::timestamptz and w.rule_kind = 'overdue'
      order by (w.facts->>'daysLate')::int desc nulls last, w.case_no limit 10`),
  );
  const total = (key: keyof BulletinUnitLine) => lines.reduce((n, l) => n + Number(l[key] ?? 0), 0);
  const completed = total("completed");
  const onTime = [...cases.values()].reduce((n, c) => n + c.completedOnTime, 0);
  return {
    month,
    from,
    to,
    generatedAt: now.toISOString(),
    totals: {
      accepted: total("accepted"),
      completed,
      onTimeRate: percent(onTime, completed),
      warnings: total("warnings"),
      redWarnings: total("redWarnings"),
      ordersIssued: total("ordersIssued"),
      repliedOnTime: total("repliedOnTime"),
      repliedLate: total("repliedLate"),
      replyMissing: total("replyMissing"),
      redCards: lines.filter((l) => l.card === "red").length,
      yellowCards: lines.filter((l) => l.card === "yellow").length,
    },
    previousWarnings: previous && Number(previous.n) > 0 ? Number(previous.n) : null,
    rules: rules.map((r) => r.name),
    units: lines,
    worstCases: worst.map((w) => ({
      caseNo: w.case_no,
      unitName: name.get(w.unit_id) ?? w.unit_id,
      ruleName: w.rule_name,
      daysLate: Number(w.days_late ?? 0),
      explanation: w.explanation,
    })),
  };
}

/** Ranks the units with cases by warnings per 100 cases (fewest first), then red warnings, then name; the rest unranked, last. */
export function rankUnits(lines: BulletinUnitLine[]): void {
  lines.sort(
    (a, b) =>
      (a.warningRate ?? Number.POSITIVE_INFINITY) - (b.warningRate ?? Number.POSITIVE_INFINITY) ||
      a.redWarnings - b.redWarnings ||
      a.unitName.localeCompare(b.unitName, "zh-CN"),
  );
  let rank = 0;
  for (const line of lines) line.rank = line.warningRate === null ? null : ++rank;
}
