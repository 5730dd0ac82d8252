import type { FindingView, findingListQuerySchema, Paged } from "@kaoping/core";
import { and, asc, count, desc, eq, ilike, inArray, isNull, ne, or, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "../../platform/db/client.ts";
import { queriesOn } from "../../platform/db/queries-on.ts";
import { campaigns, evidenceFiles, findings, users } from "../../platform/db/schema.ts";
import type { QueryContext } from "../../platform/http/command.ts";
import { appealStatusesOf, refusalFor } from "../appeals/policy.ts";
import { campaignColumns, withDefinition } from "../campaigns/definitions.ts";
import { assertCan, type CampaignAccess, type CampaignRow, loadCampaign, visibleUnitIdsWhere } from "../campaigns/policy.ts";
import { type FindingLookups, type FindingRow, presentFinding } from "./presenter.ts";
import { loadFindingScope } from "./validation.ts";

const escapeLike = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A campaign the caller reviews (templates, and a check before an upload is read). */
export async function loadForReview(q: QueryContext, id: string): Promise<CampaignAccess> {
  const access = await loadCampaign(q.db, q.principal, id);
  assertCan(access, "review", "无权评审该考核");
  return access;
}

/** Names of the given users (creators, deciders), by id. */
export async function userNames(db: Db | Tx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Views of findings of one campaign: names from its frozen framework and units,
 * evidence counts, the latest appeal, and whether the caller (`mayAppeal`: their
 * appeal ability) may appeal each now.
 */
export async function presentFindings(db: Db | Tx, campaign: CampaignRow, rows: FindingRow[], mayAppeal: boolean): Promise<FindingView[]> {
  const ids = rows.map((r) => r.id);
  const scope = await loadFindingScope(db, campaign);
  const [names, evidence, appealStatuses] = await queriesOn(db, [
    () =>
      userNames(
        db,
        rows.map((r) => r.createdBy),
      ),
    async () =>
      ids.length
        ? db
            .select({ id: evidenceFiles.ownerId, n: count() })
            .from(evidenceFiles)
            .where(and(eq(evidenceFiles.ownerType, "finding"), inArray(evidenceFiles.ownerId, ids), isNull(evidenceFiles.supersededAt)))
            .groupBy(evidenceFiles.ownerId)
        : [],
    () => appealStatusesOf(db, ids),
  ]);
  const now = Date.now();
  const lookups: FindingLookups = {
    ...scope,
    userNames: names,
    evidenceCounts: new Map(evidence.map((e) => [e.id, e.n])),
    // Oldest first, so the last appeal of a finding is its status.
    appealStatus: new Map([...appealStatuses].map(([id, statuses]) => [id, statuses.at(-1)!])),
    isAppealable: (row) => mayAppeal && refusalFor(campaign, row, appealStatuses.get(row.id) ?? [], now) === null,
  };
  return rows.map((row) => presentFinding(row, lookups));
}

/** One finding's view, after a command changed it (`mayAppeal`: the caller's appeal ability). */
export async function presentFindingById(db: Db | Tx, row: FindingRow, mayAppeal: boolean): Promise<FindingView> {
  const [campaign] = await db.select(campaignColumns).from(campaigns).where(eq(campaigns.id, row.campaignId));
  const [view] = await presentFindings(db, await withDefinition(db, campaign!), [row], mayAppeal);
  return view!;
}

/**
 * 问题台账 of a campaign: the units the caller may see; drafts only for those
 * who review (a unit sees what has been confirmed against it).
 */
export async function listFindings(
  db: Db | Tx,
  access: CampaignAccess,
  query: z.infer<typeof findingListQuerySchema>,
): Promise<Paged<FindingView>> {
  const parts: (SQL | undefined)[] = [eq(findings.campaignId, access.campaign.id), visibleUnitIdsWhere(access, findings.unitId)];
  if (!access.can.review) parts.push(ne(findings.status, "draft"));
  if (query.unitId) parts.push(eq(findings.unitId, query.unitId));
  if (query.indicatorCode) parts.push(eq(findings.indicatorCode, query.indicatorCode));
  if (query.status) parts.push(eq(findings.status, query.status));
  if (query.q) parts.push(or(ilike(findings.description, escapeLike(query.q)), ilike(findings.noticeNo, escapeLike(query.q))));
  const where = and(...parts);
  const [total] = await db.select({ n: count() }).from(findings).where(where);
  const rows = await db
    .select()
    .from(findings)
    .where(where)
    .orderBy(desc(findings.createdAt), asc(findings.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { total: total?.n ?? 0, rows: await presentFindings(db, access.campaign, rows, access.can.appeal) };
}
