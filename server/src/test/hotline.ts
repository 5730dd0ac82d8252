/** 接通率抽查 factories for tests: a round of one level with planned calls, written as createRound writes them. */
import type { CheckLevel } from "@kaoping/core";
import type { Db } from "../platform/db/client.ts";
import { hotlineCalls, hotlineRounds } from "../platform/db/schema.ts";

let seq = 0;

/** A running round (its first day `from`) with one pending call per entry; answers the call ids in order. */
export async function hotlineRound(
  db: Db,
  options: { level?: CheckLevel; from?: string; calls: { unitId: string; checkerId: string; phone?: string }[] },
): Promise<{ roundId: string; callIds: string[] }> {
  const from = options.from ?? new Date().toISOString().slice(0, 10);
  const [round] = await db
    .insert(hotlineRounds)
    .values({ name: `抽查${++seq}`, level: options.level ?? "district", fromDate: from, toDate: from, rule: {} })
    .returning({ id: hotlineRounds.id });
  const calls = await db
    .insert(hotlineCalls)
    .values(
      options.calls.map((c, i) => ({
        roundId: round!.id,
        unitId: c.unitId,
        itemCode: `ITEM-${seq}-${i}`,
        phone: c.phone ?? `0571-8800${String(i).padStart(4, "0")}`,
        kind: "consultation",
        plannedAt: new Date(`${from}T02:00:00Z`),
        checkerId: c.checkerId,
      })),
    )
    .returning({ id: hotlineCalls.id });
  return { roundId: round!.id, callIds: calls.map((c) => c.id) };
}
