/**
 * PLACEHOLDER written by the ingest helper so the ingest can run: the case-store helper owns
 * this file and its real version (the clock, quality and every rollup counter) replaces this one.
 * Here only `accepted`, `online_accepted`, `instant` and `completed` are kept, with the same
 * signatures and the same contract: withdraw before the ingest overwrites, apply after.
 */
import type { WorkCalendar } from "@kaoping/core";
import { sql } from "drizzle-orm";
import type { Tx } from "../../platform/db/client.ts";
import { textArray } from "../../platform/db/text-array.ts";

export type CaseKey = { regionCode: string; sourceCode: string; caseNo: string };

const keyFilter = (keys: CaseKey[]) => sql`(c.region_code, c.source_code, c.case_no) in (
  select * from unnest(${textArray(keys.map((k) => k.regionCode))}, ${textArray(keys.map((k) => k.sourceCode))}, ${textArray(keys.map((k) => k.caseNo))}))`;

const contributions = (keys: CaseKey[]) => sql`
  select c.region_code, c.unit_id, c.item_code, c.channel, c.case_type,
         (c.accepted_at at time zone 'Asia/Shanghai')::date as day,
         count(*)::int as accepted,
         count(*) filter (where c.channel in ('online', 'mobile'))::int as online_accepted,
         count(*) filter (where c.case_type = 'instant')::int as instant,
         count(c.completed_at)::int as completed
  from cases c where ${keyFilter(keys)}
  group by 1, 2, 3, 4, 5, 6`;

/** Subtracts the stored cases' contributions from case_rollups (call before overwriting them). */
export async function withdrawCases(tx: Tx, keys: CaseKey[]): Promise<void> {
  if (!keys.length) return;
  await tx.execute(sql`
    update case_rollups r set accepted = r.accepted - x.accepted, online_accepted = r.online_accepted - x.online_accepted,
      instant = r.instant - x.instant, completed = r.completed - x.completed
    from (${contributions(keys)}) x
    where r.region_code = x.region_code and r.unit_id = x.unit_id and r.item_code = x.item_code
      and r.channel = x.channel and r.case_type = x.case_type and r.day = x.day`);
}

/** Adds the stored cases' contributions to case_rollups (call after writing them). */
export async function applyCases(tx: Tx, keys: CaseKey[], _calendar: WorkCalendar): Promise<void> {
  if (!keys.length) return;
  await tx.execute(sql`
    insert into case_rollups (region_code, unit_id, item_code, channel, case_type, day, accepted, online_accepted, instant, completed)
    ${contributions(keys)}
    on conflict (region_code, unit_id, item_code, channel, case_type, day) do update set
      accepted = case_rollups.accepted + excluded.accepted, online_accepted = case_rollups.online_accepted + excluded.online_accepted,
      instant = case_rollups.instant + excluded.instant, completed = case_rollups.completed + excluded.completed`);
}
