import {
  type CaseEventRecord,
  type CaseRecord,
  groupBy,
  headerOf,
  mapRow,
  maskApplicant,
  maskIdNo,
  maskName,
  missingColumns,
  QUARANTINE_REASON,
  type RowProblem,
  type SourceMapping,
  validateCaseEventRow,
  validateCaseRow,
  type WorkCalendar,
} from "@kaoping/core";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { rowsOf } from "../../platform/db/rows.ts";
import { caseEvents, cases, serviceItems, units } from "../../platform/db/schema.ts";
import { eachKey, textArray } from "../../platform/db/text-array.ts";
import { bulkUpsert } from "../../platform/ingest/copy.ts";
import { type BatchItem, type IngestHandler, type QuarantinedRow, rowProblem } from "../../platform/ingest/handler.ts";
import { installationSecret } from "../../platform/secrets/installation-secret.ts";
import { keyedHash, PERSONAL_HASH_SECRET_KEY } from "../../platform/secrets/keyed-hash.ts";
import { calendarRevision, loadWorkCalendar } from "../calendar/load.ts";
import {
  addCases,
  applyCases,
  type CaseKey,
  caseKeyString,
  type DerivableCase,
  deriveCase,
  keyFilter,
  loadPauses,
  lockCaseStore,
  withdrawCases,
} from "./derived.ts";

/**
 * The 办件 domain's part of the one ingest path: the case and event rows (schema, checks needing
 * the database, writes) and their rollups. Everything else is platform/ingest.
 */

/** The personal columns: masked in quarantine, never stored in clear. */
function redactApplicant(fields: Record<string, string>, mapping: SourceMapping): Record<string, string> {
  const out = { ...fields };
  const name = headerOf(mapping, "applicantName");
  const idNo = headerOf(mapping, "applicantIdNo");
  if (out[name]) out[name] = maskName(out[name]);
  if (out[idNo]) out[idNo] = maskIdNo(out[idNo]);
  return out;
}

/** HMAC-SHA256 of the applicant's number (else name) with the installation's secret: de-duplication without the identity. */
function applicantHash(secret: string, record: CaseRecord): string | null {
  const identity = record.applicantIdNo?.trim().toUpperCase() || record.applicantName?.trim();
  if (!identity) return null;
  return keyedHash(secret, "cases.applicant", identity);
}

/**
 * A region's calendar, read in the batch's own transaction (a few hundred rows): a calendar change
 * committed while a long import runs reaches the import's next batches.
 */
const calendarFor = (tx: Tx, regionCode: string): Promise<WorkCalendar> => loadWorkCalendar(tx, regionCode);

/** The calendars of the regions named, once each. */
async function calendarsOf(db: Db | Tx, regionCodes: string[]): Promise<Map<string, WorkCalendar>> {
  const calendars = new Map<string, WorkCalendar>();
  for (const region of new Set(regionCodes)) calendars.set(region, await loadWorkCalendar(db, region));
  return calendars;
}

/** Rollups are applied per region: the calendar is a region's. */
async function withRollups(tx: Tx, keys: CaseKey[], write: () => Promise<void>) {
  await withdrawCases(tx, keys);
  await write();
  const byRegion = groupBy(keys, (k) => k.regionCode);
  for (const [region, regionKeys] of byRegion) await applyCases(tx, regionKeys, await calendarFor(tx, region));
}

/**
 * A case row made ready before its batch's transaction: its unit (null: unknown code) and, for a
 * known unit, the row as stored with its clock derived without pauses — a case not yet stored has
 * no events; writeBatch derives again the few already stored with 补正 or 特别程序.
 */
interface ReadyCase {
  record: CaseRecord;
  unitId: string | null;
  stored: CaseRow | null;
  base: DerivableCase | null;
  calendar: WorkCalendar | null;
  /** The calendar's revision the clock was derived with (a change before the commit derives it again). */
  revision: number;
}

export const caseIngestHandler: IngestHandler<CaseRecord, ReadyCase> = {
  kind: "cases",
  missingColumns: (headers, mapping) => missingColumns(headers, mapping, "cases"),
  prepare(fields, mapping, job) {
    const row = mapRow(fields, mapping, "cases");
    const result = validateCaseRow(row, { mapping, now: job.now });
    return result.ok ? { ok: true, row: result.record } : { ok: false, problems: result.problems, unitCode: row.unitCode ?? null };
  },
  redact: redactApplicant,
  async enrichBatch(items, { job, database }) {
    const db = database.db;
    const codes = [...new Set(items.map((i) => i.row.unitCode))];
    const unitIds = new Map(
      rowsOf<{ id: string; code: string }>(await db.execute(sql`select id, code from ${units} where code = any(${textArray(codes)})`)).map(
        (u) => [u.code, u.id],
      ),
    );
    const itemIds = await registeredItems(db, items);
    const revision = await calendarRevision(db); // read before the calendar: a change in between only re-derives
    const calendars = await calendarsOf(
      db,
      items.map((i) => i.row.regionCode),
    );
    const secret = await installationSecret(db, PERSONAL_HASH_SECRET_KEY);
    const now = new Date();
    return items.map(({ line, raw, row }) => {
      const unitId = unitIds.get(row.unitCode) ?? null;
      if (!unitId) return { line, raw, row: { record: row, unitId, stored: null, base: null, calendar: null, revision } };
      const calendar = calendars.get(row.regionCode)!;
      const base: DerivableCase = {
        caseType: row.caseType,
        acceptedAt: row.acceptedAt,
        completedAt: row.completedAt ?? null,
        uploadedAt: row.uploadedAt ?? null,
        legalLimit: row.legalLimit ?? null,
        legalLimitUnit: row.legalLimitUnit ?? null,
        promisedLimit: row.promisedLimit ?? null,
        promisedLimitUnit: row.promisedLimitUnit ?? null,
        result: row.result ?? null,
        visits: row.visits ?? null,
        itemId: itemIds.get(row.itemCode) ?? null,
      };
      // Every column named (Required): a column left out would silently store null. The spreads
      // come last: on Node 20 an object literal that opens with a spread and goes on for many
      // properties cost ~40 µs to build (most of the cases file's JavaScript), this order ~1 µs.
      const stored: Required<CaseRow> = {
        regionCode: row.regionCode,
        sourceCode: job.sourceCode,
        caseNo: row.caseNo,
        unitId,
        itemCode: row.itemCode,
        itemVersion: row.itemVersion ?? null,
        situation: row.situation ?? null,
        applicantType: row.applicantType ?? null,
        applicantHash: applicantHash(secret, row),
        applicantMasked: maskApplicant(row.applicantName, row.applicantIdNo),
        channel: row.channel,
        appliedAt: row.appliedAt ?? null,
        materialsReused: row.materialsReused ?? null,
        fee: row.fee ?? null,
        jobId: job.id,
        updatedAt: now,
        ...base,
        ...deriveCase(base, [], calendar, now),
      };
      return { line, raw, row: { record: row, unitId, stored, base, calendar, revision } };
    });
  },
  async writeBatch(tx, items, { job, database, mapping: map }) {
    if (!items.length) return [];
    await lockCaseStore(tx);
    const refused: QuarantinedRow[] = [];
    const refuse = (item: BatchItem<ReadyCase>, unitId: string | null, reason: RowProblem) =>
      refused.push({ line: item.line, unitCode: item.row.record.unitCode, unitId, raw: item.raw, reasons: [reason] });
    // The batch's cases already stored: those this job wrote in an earlier batch are duplicates in the file.
    const existing = new Map(
      rowsOf<{ k: string; same_job: boolean }>(
        await tx.execute(
          eachKey(
            items.map((i) => i.row.record.caseNo),
            (caseNo) => sql`select c.region_code || chr(1) || c.case_no as k, c.job_id is not distinct from ${job.id}::uuid as same_job
              from ${cases} c where c.source_code = ${job.sourceCode} and c.case_no = ${caseNo}`,
          ),
        ),
      ).map((r) => [r.k, r.same_job]),
    );
    const seen = new Set<string>();
    const accepted: ReadyCase[] = [];
    for (const item of items) {
      const { record, unitId } = item.row;
      const key = `${record.regionCode}\u0001${record.caseNo}`;
      if (!unitId)
        refuse(item, null, rowProblem(map, "unknown_unit", "unitCode", `“${record.unitCode}”${QUARANTINE_REASON.labels.unknown_unit}`));
      else if (seen.has(key) || existing.get(key))
        refuse(
          item,
          unitId,
          rowProblem(map, "duplicate_in_file", "caseNo", `“${record.caseNo}”${QUARANTINE_REASON.labels.duplicate_in_file}`),
        );
      else {
        seen.add(key);
        accepted.push(item.row);
      }
    }
    if (!accepted.length) return refused;
    const keys = accepted.map(({ record }) => ({ regionCode: record.regionCode, sourceCode: job.sourceCode, caseNo: record.caseNo }));
    const stored = keys.filter((k) => existing.has(`${k.regionCode}\u0001${k.caseNo}`));
    // A case sent again may have events from earlier files: its pauses move its clock.
    const pauses = await loadPauses(tx, stored);
    // The calendar changed since the batch was enriched: its clocks are derived again with the new one.
    const fresh =
      accepted[0]!.revision === (await calendarRevision(tx))
        ? null
        : await calendarsOf(
            tx,
            accepted.map((r) => r.record.regionCode),
          );
    const now = new Date();
    const rows = accepted.map((ready, i) => {
      const paused = pauses.get(caseKeyString(keys[i]!));
      if (!paused && !fresh) return ready.stored!;
      const calendar = fresh?.get(ready.record.regionCode) ?? ready.calendar!;
      return { ...ready.stored!, ...deriveCase(ready.base!, paused ?? [], calendar, now) };
    });
    // The rollups: withdraw what the stored cases counted, write the cases with their clock, count them again.
    await withdrawCases(tx, stored);
    const { stage } = await bulkUpsert(tx, database.kind, cases, rows, {
      conflict: ["region_code", "source_code", "case_no"],
      stamp: "updated_at",
    });
    await addCases(tx, keys, stage);
    return refused;
  },
};

type CaseRow = typeof cases.$inferInsert;

/** The guide registry's items with the batch's item codes (an unknown one is a quality issue, not a refusal). */
async function registeredItems(db: Db | Tx, items: BatchItem<CaseRecord>[]): Promise<Map<string, string>> {
  const codes = [...new Set(items.map((i) => i.row.itemCode))];
  const found = rowsOf<{ id: string; code: string }>(
    await db.execute(sql`select id, code from ${serviceItems} where code = any(${textArray(codes)})`),
  );
  return new Map(found.map((item) => [item.code, item.id]));
}

type EventRow = CaseEventRecord & { regionCode: string | null };

export const caseEventIngestHandler: IngestHandler<EventRow> = {
  kind: "case_events",
  missingColumns: (headers, mapping) => missingColumns(headers, mapping, "case_events"),
  prepare(fields, mapping, job) {
    const result = validateCaseEventRow(mapRow(fields, mapping, "case_events"), { mapping, now: job.now });
    return result.ok ? { ok: true, row: result.record } : { ok: false, problems: result.problems, unitCode: null };
  },
  redact: (fields) => fields,
  async writeBatch(tx, items, { job, database, mapping: map }) {
    await lockCaseStore(tx);
    const found = items.length
      ? rowsOf<{ region_code: string; case_no: string }>(
          await tx.execute(
            eachKey(
              items.map((i) => i.row.caseNo),
              (caseNo) =>
                sql`select c.region_code, c.case_no from ${cases} c where c.source_code = ${job.sourceCode} and c.case_no = ${caseNo}`,
            ),
          ),
        )
      : [];
    const byCaseNo = groupBy(found, (r) => r.case_no);
    const refused: QuarantinedRow[] = [];
    const events: (typeof caseEvents.$inferInsert)[] = [];
    const keys = new Map<string, CaseKey>();
    for (const item of items) {
      const candidates = (byCaseNo.get(item.row.caseNo) ?? []).filter((c) => !item.row.regionCode || c.region_code === item.row.regionCode);
      if (candidates.length !== 1) {
        const detail =
          candidates.length > 1
            ? `“${item.row.caseNo}”在多个区划中存在，请在文件中给出区划编码`
            : `“${item.row.caseNo}”${QUARANTINE_REASON.labels.unknown_case}`;
        refused.push({
          line: item.line,
          unitCode: null,
          unitId: null,
          raw: item.raw,
          reasons: [rowProblem(map, "unknown_case", "caseNo", detail)],
        });
        continue;
      }
      const target = candidates[0]!;
      keys.set(`${target.region_code}\u0000${item.row.caseNo}`, {
        regionCode: target.region_code,
        sourceCode: job.sourceCode,
        caseNo: item.row.caseNo,
      });
      events.push({
        regionCode: target.region_code,
        sourceCode: job.sourceCode,
        caseNo: item.row.caseNo,
        // The file's line orders a case's events and keeps a rerun's rows on the same keys.
        seq: item.line,
        kind: item.row.kind,
        at: item.row.at,
        endAt: item.row.endAt ?? null,
        handler: item.row.handler ?? null,
        signKeyId: item.row.signKeyId ?? null,
        jobId: job.id,
      });
    }
    const caseKeys = [...keys.values()];
    if (!caseKeys.length) return refused;
    // Events change a case's clock and its 补正 count only through its pauses (补正, 特别程序): the
    // rollups move for the cases whose pauses this batch adds or removes, and only for them.
    const paused = await tx.execute(sql`select distinct e.region_code, e.source_code, e.case_no from ${caseEvents} e
      where ${keyFilter("e", caseKeys)} and e.job_id is distinct from ${job.id}::uuid and e.kind in ('correction', 'special')`);
    const touched = new Map(
      rowsOf<{ region_code: string; source_code: string; case_no: string }>(paused).map((r) => {
        const key = { regionCode: r.region_code, sourceCode: r.source_code, caseNo: r.case_no };
        return [caseKeyString(key), key];
      }),
    );
    for (const event of events)
      if (event.kind === "correction" || event.kind === "special") {
        const key = { regionCode: event.regionCode, sourceCode: event.sourceCode, caseNo: event.caseNo };
        touched.set(caseKeyString(key), key);
      }
    await withRollups(tx, [...touched.values()], async () => {
      // A job's events replace the case's events from any other job; its own earlier batches stay.
      await tx.execute(sql`delete from ${caseEvents} e where ${keyFilter("e", caseKeys)} and e.job_id is distinct from ${job.id}::uuid`);
      // Fresh keys: the other jobs' events of these cases are gone, and this job's earlier batches hold other lines.
      await bulkUpsert(tx, database.kind, caseEvents, events, { conflict: ["region_code", "source_code", "case_no", "seq"], fresh: true });
    });
    return refused;
  },
};

/** The handlers of the 办件 domain, by ingest kind. */
export const CASE_INGEST_HANDLERS = { cases: caseIngestHandler, case_events: caseEventIngestHandler } as Record<
  string,
  IngestHandler<unknown, unknown>
>;
