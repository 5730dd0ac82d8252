import {
  headerOf,
  isBadLevel,
  mapRow,
  maskName,
  maskPhone,
  missingColumns,
  QUARANTINE_REASON,
  type RatingRecord,
  type SourceMapping,
  validateRatingRow,
} from "@kaoping/core";
import { sql } from "drizzle-orm";
import { selectRows } from "../../platform/db/rows.ts";
import { cases, ratings, units } from "../../platform/db/schema.ts";
import { eachKey, textArray } from "../../platform/db/text-array.ts";
import { bulkUpsert } from "../../platform/ingest/copy.ts";
import { type BatchItem, type IngestHandler, type QuarantinedRow, rowProblem } from "../../platform/ingest/handler.ts";
import { installationSecret } from "../../platform/secrets/installation-secret.ts";
import { keyedHash, PERSONAL_HASH_SECRET_KEY } from "../../platform/secrets/keyed-hash.ts";
import { applyFollowUps, countRatings, lockRatingStore, openReviews } from "./store.ts";

/**
 * The 好差评 domain's part of the one ingest path: a ratings file (the provincial system's export)
 * into the rating store and its rollups, each new 差评 opening its review and each 追评 closing one.
 * The reader, mapping, quarantine, job, batches and resume are platform/ingest's.
 */

type RatingRow = typeof ratings.$inferInsert;
type WrittenRating = { id: string; kind: string; level: number; is_default: boolean };

/** A rating made ready before its batch's transaction: its unit (null: unknown code) and the row as stored. */
interface ReadyRating {
  record: RatingRecord;
  stored: Required<Omit<RatingRow, "id" | "createdAt">> | null;
}

/** The rater as quarantine may keep the row: masked. */
function redactRater(fields: Record<string, string>, mapping: SourceMapping): Record<string, string> {
  const out = { ...fields };
  const name = headerOf(mapping, "raterName");
  const phone = headerOf(mapping, "raterPhone");
  if (out[name]) out[name] = maskName(out[name]);
  if (out[phone]) out[phone] = maskPhone(out[phone]);
  return out;
}

/** The rater's phone (else name) as a keyed hash: one rater recognised across ratings, never identified. */
export function raterHash(secret: string, phone: string | null | undefined, name: string | null | undefined): string | null {
  const identity = phone?.replace(/\s/g, "") || name?.trim();
  return identity ? keyedHash(secret, "ratings.rater", identity) : null;
}

export const raterMask = (phone: string | null | undefined, name: string | null | undefined) =>
  [name ? maskName(name) : null, phone ? maskPhone(phone) : null].filter(Boolean).join(" ") || null;

export const ratingIngestHandler: IngestHandler<RatingRecord, ReadyRating> = {
  kind: "ratings",
  missingColumns: (headers, mapping) => missingColumns(headers, mapping, "ratings"),
  prepare(fields, mapping, job) {
    const row = mapRow(fields, mapping, "ratings");
    const result = validateRatingRow(row, { mapping, now: job.now });
    return result.ok ? { ok: true, row: result.record } : { ok: false, problems: result.problems, unitCode: row.ratedUnitCode ?? null };
  },
  redact: redactRater,
  async enrichBatch(items, { job, database }) {
    const db = database.db;
    const unitIds = new Map(
      (
        await selectRows<{ id: string; code: string }>(
          db,
          sql`select id, code from ${units} where code = any(${textArray([...new Set(items.map((i) => i.row.unitCode))])})`,
        )
      ).map((u) => [u.code, u.id]),
    );
    const caseNos = [...new Set(items.flatMap((i) => (i.row.caseNo ? [i.row.caseNo] : [])))];
    const known = new Set(
      caseNos.length
        ? (
            await selectRows<{ k: string }>(
              db,
              eachKey(
                caseNos,
                (caseNo) => sql`select c.region_code || chr(1) || c.case_no as k from ${cases} c where c.case_no = ${caseNo}`,
              ),
            )
          ).map((r) => r.k)
        : [],
    );
    const secret = await installationSecret(db, PERSONAL_HASH_SECRET_KEY);
    return items.map(({ line, raw, row }) => {
      const unitId = unitIds.get(row.unitCode);
      if (!unitId) return { line, raw, row: { record: row, stored: null } };
      const stored = {
        sourceCode: job.sourceCode,
        ratingNo: row.ratingNo,
        origin: "import",
        kind: row.kind,
        regionCode: row.regionCode,
        unitId,
        itemCode: row.itemCode ?? null,
        caseNo: row.caseNo ?? null,
        caseKnown: row.caseNo ? known.has(`${row.regionCode}\u0001${row.caseNo}`) : false,
        channel: row.channel,
        level: row.level,
        tags: row.tags,
        content: row.content ?? null,
        ratedAt: row.ratedAt,
        isDefault: row.isDefault,
        raterHash: raterHash(secret, row.raterPhone, row.raterName),
        raterMasked: raterMask(row.raterPhone, row.raterName),
        jobId: job.id,
      };
      return { line, raw, row: { record: row, stored } };
    });
  },
  async writeBatch(tx, items, { job, database, mapping }) {
    if (!items.length) return [];
    await lockRatingStore(tx);
    const refused: QuarantinedRow[] = [];
    const refuse = (item: BatchItem<ReadyRating>, unitId: string | null, reason: ReturnType<typeof rowProblem>) =>
      refused.push({ line: item.line, unitCode: item.row.record.unitCode, unitId, raw: item.raw, reasons: [reason] });
    const numbers = items.map((i) => i.row.record.ratingNo);
    // Stored already: by this job (an earlier batch: a repeat in the file), or by another (sent again: overwritten).
    const existing = new Map(
      (
        await selectRows<{ rating_no: string; same_job: boolean }>(
          tx,
          eachKey(
            numbers,
            (ratingNo) => sql`select r.rating_no, r.job_id is not distinct from ${job.id}::uuid as same_job from ${ratings} r
              where r.source_code = ${job.sourceCode} and r.rating_no = ${ratingNo}`,
          ),
        )
      ).map((r) => [r.rating_no, r.same_job]),
    );
    const seen = new Set<string>();
    const accepted: NonNullable<ReadyRating["stored"]>[] = [];
    for (const item of items) {
      const { record, stored } = item.row;
      if (!stored)
        refuse(
          item,
          null,
          rowProblem(mapping, "unknown_unit", "ratedUnitCode", `“${record.unitCode}”${QUARANTINE_REASON.labels.unknown_unit}`),
        );
      else if (seen.has(record.ratingNo) || existing.get(record.ratingNo))
        refuse(
          item,
          stored.unitId,
          rowProblem(mapping, "duplicate_rating", "ratingNo", `“${record.ratingNo}”${QUARANTINE_REASON.labels.duplicate_rating}`),
        );
      else {
        seen.add(record.ratingNo);
        accepted.push(stored);
      }
    }
    if (!accepted.length) return refused;
    const acceptedNos = textArray(accepted.map((r) => r.ratingNo));
    const ofBatch = sql`r.source_code = ${job.sourceCode} and r.rating_no = any(${acceptedNos})`;
    if (accepted.some((r) => existing.has(r.ratingNo))) await countRatings(tx, ofBatch, -1);
    const { stage, written } = await bulkUpsert(tx, database.kind, ratings, accepted, {
      conflict: ["source_code", "rating_no"],
      returning: ["id", "kind", "level", "is_default"],
    });
    await countRatings(tx, stage ? sql`true` : ofBatch, 1, stage ?? undefined);
    const ids = (pick: (r: WrittenRating) => boolean) => (written as WrittenRating[]).filter(pick).map((r) => r.id);
    // Only a bad first rating can open a review (openReviews checks it again): the rest need no look-up.
    await openReviews(
      tx,
      ids((r) => r.kind === "first" && !r.is_default && isBadLevel(r.level)),
    );
    await applyFollowUps(
      tx,
      ids((r) => r.kind === "follow_up"),
    );
    return refused;
  },
};
