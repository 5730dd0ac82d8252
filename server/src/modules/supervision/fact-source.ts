import { cstStart, isBulletinFactKey, isSupervisionFactKey, nextDate, type SupervisionFactKey, supervisionFactLink } from "@kaoping/core";
import { type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { rowsOf } from "../../platform/db/rows.ts";
import { supervisionBulletins, supervisionComplaints, supervisionOrders, units, warnings } from "../../platform/db/schema.ts";
import { textArray } from "../../platform/db/text-array.ts";
import type { CampaignFactSource, UnitSourcedFacts } from "../scores/fact-sources.ts";

interface Counts {
  unit_id: string;
  warnings: number;
  not_supervised: number;
  unhandled: number;
  replies_late: number;
  not_corrected: number;
  key_violations: number;
}

/**
 * 电子监察台账 for campaigns: per assessed unit and its subtree, the warnings that arose in the
 * campaign's period and their 督办单 as they stand at the period's end (or now, if sooner):
 * - warnings_not_supervised: no 督办单 issued by then;
 * - warnings_unhandled: those, and orders waiting on the unit past their deadline never urged
 *   (“未进行有效催办、督查”; the system urges every passed deadline, so it is rare);
 * - replies_late: orders answered after their first deadline, or unanswered past it;
 * - investigations_not_corrected: orders under 立项调查 past their correction deadline;
 * - key_violations: 签章异常 warnings (a decision signed with an expired or revoked key);
 * - bulletin_red_cards / bulletin_yellow_cards: the cards the published 月份运行情况通报 of the
 *   period's months gave the unit and its subtree, each month's latest version (frozen: what was
 *   published is what counts, whatever the ledger says since);
 * - complaints_exposures: the 效能投诉 / 媒体曝光 register's records of the period found 属实.
 */
export const supervisionFactSource: CampaignFactSource = {
  origin: "supervision",
  answers: isSupervisionFactKey,
  async load(db, scope) {
    const from = cstStart(scope.from);
    const periodEnd = cstStart(nextDate(scope.to));
    const end = new Date(Math.min(periodEnd.getTime(), Date.now())).toISOString();
    const issued = sql`(o.id is not null and o.issued_at < ${end}::timestamptz)`;
    const rootIds = sql`(${textArray(scope.units.map((u) => u.unitId))})::uuid[]`;
    const result = await db.execute(sql`
      select root.id as unit_id,
        count(w.id)::int as warnings,
        count(w.id) filter (where not ${issued})::int as not_supervised,
        count(w.id) filter (where not ${issued} or (o.status in ('issued', 'investigating') and o.urge_count = 0
          and o.due_at < ${end}::timestamptz))::int as unhandled,
        count(w.id) filter (where ${issued} and (o.replied_at > o.first_due_at
          or (o.replied_at is null and o.first_due_at < ${end}::timestamptz)))::int as replies_late,
        count(w.id) filter (where ${issued} and o.status = 'investigating' and o.due_at < ${end}::timestamptz)::int as not_corrected,
        count(w.id) filter (where w.rule_kind = 'signature_anomaly')::int as key_violations
      from ${units} root
        join ${units} u on u.path like root.path || '%'
        join ${warnings} w on w.unit_id = u.id and w.at >= ${from.toISOString()}::timestamptz and w.at < ${periodEnd.toISOString()}::timestamptz
        left join ${supervisionOrders} o on o.warning_id = w.id
      where root.id = any(${rootIds})
      group by root.id`);
    const byRoot = new Map(rowsOf<Counts>(result).map((r) => [r.unit_id, r]));
    const cards = scope.keys.some(isBulletinFactKey) ? await bulletinCards(db, rootIds, scope) : new Map<string, CardCounts>();
    const complaints = scope.keys.includes("supervision.complaints_exposures")
      ? await substantiatedComplaints(db, rootIds, scope)
      : new Map<string, number>();
    const byUnit = new Map<string, UnitSourcedFacts>();
    for (const { unitId } of scope.units) {
      const counts = byRoot.get(unitId);
      const value: Record<SupervisionFactKey, number> = {
        "supervision.warnings": Number(counts?.warnings ?? 0),
        "supervision.warnings_not_supervised": Number(counts?.not_supervised ?? 0),
        "supervision.warnings_unhandled": Number(counts?.unhandled ?? 0),
        "supervision.replies_late": Number(counts?.replies_late ?? 0),
        "supervision.investigations_not_corrected": Number(counts?.not_corrected ?? 0),
        "supervision.key_violations": Number(counts?.key_violations ?? 0),
        "supervision.bulletin_red_cards": cards.get(unitId)?.red ?? 0,
        "supervision.bulletin_yellow_cards": cards.get(unitId)?.yellow ?? 0,
        "supervision.complaints_exposures": complaints.get(unitId) ?? 0,
      };
      const keys = scope.keys.filter(isSupervisionFactKey);
      byUnit.set(unitId, {
        facts: Object.fromEntries(keys.map((key) => [key, value[key]])),
        links: Object.fromEntries(keys.map((key) => [key, supervisionFactLink(key, { unitId, from: scope.from, to: scope.to })])),
      });
    }
    return byUnit;
  },
};

interface CardCounts {
  red: number;
  yellow: number;
}

/** Per assessed unit (its subtree), the red and yellow cards of the period's published bulletins. */
async function bulletinCards(db: Db | Tx, rootIds: SQL, scope: { from: string; to: string }): Promise<Map<string, CardCounts>> {
  const result = await db.execute(sql`
    with latest as (
      select distinct on (month) month, content from ${supervisionBulletins}
      where month >= ${scope.from.slice(0, 7)} and month <= ${scope.to.slice(0, 7)}
      order by month, version desc)
    select root.id as unit_id,
      count(*) filter (where line->>'card' = 'red')::int as red,
      count(*) filter (where line->>'card' = 'yellow')::int as yellow
    from latest cross join lateral jsonb_array_elements(latest.content->'units') line
      join ${units} u on u.id = (line->>'unitId')::uuid
      join ${units} root on u.path like root.path || '%'
    where root.id = any(${rootIds})
    group by root.id`);
  return new Map(
    rowsOf<CardCounts & { unit_id: string }>(result).map((r) => [r.unit_id, { red: Number(r.red), yellow: Number(r.yellow) }]),
  );
}

/** Per assessed unit (its subtree), the register's substantiated complaints and exposures dated in the period. */
async function substantiatedComplaints(db: Db | Tx, rootIds: SQL, scope: { from: string; to: string }): Promise<Map<string, number>> {
  const result = await db.execute(sql`
    select root.id as unit_id, count(*)::int as n
    from ${supervisionComplaints} c
      join ${units} u on u.id = c.unit_id
      join ${units} root on u.path like root.path || '%'
    where root.id = any(${rootIds}) and c.finding = 'substantiated' and c.occurred_on between ${scope.from} and ${scope.to}
    group by root.id`);
  return new Map(rowsOf<{ unit_id: string; n: number }>(result).map((r) => [r.unit_id, Number(r.n)]));
}
