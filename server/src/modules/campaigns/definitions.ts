import type { Framework } from "@kaoping/core";
import { getTableColumns, inArray } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { campaigns } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";

/** A campaign row without its frozen definition (~80 KB of JSON): what lists and access checks read. */
const { definition: _definition, ...columns } = getTableColumns(campaigns);
export const campaignColumns = columns;
export type CampaignSummaryRow = Omit<typeof campaigns.$inferSelect, "definition">;

/**
 * Frozen framework definitions, kept per process. A campaign's definition is
 * copied from a published framework version — immutable — when the campaign
 * is created and again when it opens, and never written after; keyed by the
 * campaign and its opening, an entry can never go stale. Entries are deeply
 * frozen: the same object serves every request, so a caller that tried to
 * change it would throw instead of corrupting the next request's scores.
 */
const cache = new Map<string, Framework>();
const CACHE_LIMIT = 64;

const keyOf = (campaign: Pick<CampaignSummaryRow, "id" | "openedAt">) => `${campaign.id}:${campaign.openedAt?.getTime() ?? "draft"}`;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function remember(key: string, definition: Framework): Framework {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, deepFreeze(definition));
  return definition;
}

/** The frozen definitions of these campaigns by id, read from the database only for those not yet cached. */
export async function campaignDefinitions(
  db: Db | Tx,
  list: Pick<CampaignSummaryRow, "id" | "openedAt">[],
): Promise<Map<string, Framework>> {
  const found = new Map<string, Framework>();
  const missing: typeof list = [];
  for (const campaign of list) {
    const hit = cache.get(keyOf(campaign));
    if (hit) found.set(campaign.id, hit);
    else missing.push(campaign);
  }
  if (missing.length) {
    const rows = await db
      .select({ id: campaigns.id, openedAt: campaigns.openedAt, definition: campaigns.definition })
      .from(campaigns)
      .where(
        inArray(
          campaigns.id,
          missing.map((c) => c.id),
        ),
      );
    for (const row of rows) found.set(row.id, remember(keyOf(row), row.definition as Framework));
  }
  return found;
}

/** A campaign row with its frozen definition, from a row read without it. */
export async function withDefinition<T extends CampaignSummaryRow>(db: Db | Tx, row: T): Promise<T & { definition: unknown }> {
  const definition = (await campaignDefinitions(db, [row])).get(row.id);
  // Gone between the two reads (a draft deleted meanwhile): as absent as if the first had missed it.
  if (!definition) throw notFound("考核");
  return { ...row, definition };
}
