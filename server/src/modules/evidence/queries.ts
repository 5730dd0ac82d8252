import {
  type CatalogueFile,
  type CatalogueIndicator,
  type EvidenceCatalogue,
  type EvidenceOwnerType,
  type EvidenceView,
  indicatorIndex,
} from "@kaoping/core";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { queriesOn } from "../../platform/db/queries-on.ts";
import { evidenceFiles, responsibilities, selfAssessments, users } from "../../platform/db/schema.ts";
import type { QueryContext } from "../../platform/http/command.ts";
import { type CampaignAccess, type CampaignUnitRow, campaignFramework, loadCampaign, loadCampaignUnit } from "../campaigns/policy.ts";
import { type EvidenceRow, presentEvidence } from "./presenter.ts";

interface NamedRow {
  row: EvidenceRow;
  view: EvidenceView;
}

async function evidenceRows(
  db: Db | Tx,
  campaignId: string,
  unitId: string,
  ownerTypes: EvidenceOwnerType[],
  ownerIds?: string[],
): Promise<NamedRow[]> {
  const rows = await db
    .select({ row: evidenceFiles, uploader: users.displayName })
    .from(evidenceFiles)
    .leftJoin(users, eq(users.id, evidenceFiles.uploadedBy))
    .where(
      and(
        eq(evidenceFiles.campaignId, campaignId),
        eq(evidenceFiles.unitId, unitId),
        inArray(evidenceFiles.ownerType, ownerTypes),
        ownerIds ? inArray(evidenceFiles.ownerId, ownerIds) : undefined,
      ),
    )
    .orderBy(asc(evidenceFiles.fileName), desc(evidenceFiles.revision));
  return rows.map(({ row, uploader }) => ({ row, view: presentEvidence(row, uploader) }));
}

/**
 * The evidence of one unit's owners of a type, by owner id: every revision,
 * current ones flagged, by file name and newest revision first. The
 * submission view uses it for its self-assessments.
 */
export async function listEvidenceFor(options: {
  db: Db | Tx;
  campaignId: string;
  unitId: string;
  ownerType: EvidenceOwnerType;
  /** Only these owners (one report saved), instead of all of the unit's. */
  ownerIds?: string[];
}): Promise<Map<string, EvidenceView[]>> {
  const byOwner = new Map<string, EvidenceView[]>();
  for (const { row, view } of await evidenceRows(options.db, options.campaignId, options.unitId, [options.ownerType], options.ownerIds)) {
    byOwner.set(row.ownerId, [...(byOwner.get(row.ownerId) ?? []), view]);
  }
  return byOwner;
}

/** Indicator codes of a unit's self-assessments and responsibilities, by their ids. */
async function indicatorOfOwner(db: Db | Tx, campaignId: string, unitId: string): Promise<Map<string, string>> {
  const [reports, duties] = await queriesOn(db, [
    () =>
      db
        .select({ id: selfAssessments.id, code: selfAssessments.indicatorCode })
        .from(selfAssessments)
        .where(and(eq(selfAssessments.campaignId, campaignId), eq(selfAssessments.unitId, unitId))),
    () =>
      db
        .select({ id: responsibilities.id, code: responsibilities.indicatorCode })
        .from(responsibilities)
        .where(and(eq(responsibilities.campaignId, campaignId), eq(responsibilities.unitId, unitId))),
  ]);
  return new Map([...reports, ...duties].map((r) => [r.id, r.code]));
}

/** Each current file with the revisions it replaced, following `previousId` back. */
function withRevisions(rows: NamedRow[]): { row: EvidenceRow; file: CatalogueFile }[] {
  const byId = new Map(rows.map((r) => [r.row.id, r]));
  return rows
    .filter((r) => r.row.supersededAt === null)
    .map(({ row, view }) => {
      const revisions: EvidenceView[] = [];
      for (let previous = row.previousId; previous && byId.has(previous); previous = byId.get(previous)!.row.previousId) {
        revisions.push(byId.get(previous)!.view);
      }
      return { row, file: { ...view, ownerType: row.ownerType as EvidenceOwnerType, revisions } };
    });
}

/** 佐证材料目录清单: the current files of the unit's self-assessments and responsibilities, per indicator in framework order. */
export async function buildCatalogue(db: Db | Tx, access: CampaignAccess, unit: CampaignUnitRow): Promise<EvidenceCatalogue> {
  const campaignId = access.campaign.id;
  const [rows, indicatorOf] = await queriesOn(db, [
    () => evidenceRows(db, campaignId, unit.unitId, ["self_assessment", "responsibility"]),
    () => indicatorOfOwner(db, campaignId, unit.unitId),
  ]);
  const filesOf = new Map<string, CatalogueFile[]>();
  for (const { row, file } of withRevisions(rows)) {
    const code = indicatorOf.get(row.ownerId);
    if (code) filesOf.set(code, [...(filesOf.get(code) ?? []), file]);
  }
  const indicators: CatalogueIndicator[] = [];
  for (const [code, entry] of indicatorIndex(campaignFramework(access.campaign))) {
    const files = filesOf.get(code);
    if (!files) continue;
    // Reports' own files first, then those of the responsibility (责任分解) behind the indicator.
    const rank = (f: CatalogueFile) => (f.ownerType === "self_assessment" ? 0 : 1);
    files.sort((a, b) => rank(a) - rank(b) || a.fileName.localeCompare(b.fileName, "zh-CN"));
    indicators.push({ indicatorCode: code, indicatorName: entry.indicator.name, path: entry.path, files });
  }
  const all = indicators.flatMap((i) => i.files);
  return {
    campaignId,
    campaignName: access.campaign.name,
    unitId: unit.unitId,
    unitCode: unit.code,
    unitName: unit.name,
    fileCount: all.length,
    totalBytes: all.reduce((sum, f) => sum + f.size, 0),
    indicators,
  };
}

export async function getEvidenceCatalogue(ctx: QueryContext, campaignId: string, unitId: string): Promise<EvidenceCatalogue> {
  const access = await loadCampaign(ctx.db, ctx.principal, campaignId);
  const unit = await loadCampaignUnit(ctx.db, access, unitId);
  return buildCatalogue(ctx.db, access, unit);
}
