import { headerOf, type RowProblem, type SourceMapping } from "@kaoping/core";
import type { Database, Tx } from "../db/client.ts";

/** The ingest job a batch belongs to, as a handler needs it. */
export interface IngestJobRef {
  id: string;
  sourceCode: string;
  /** The import's time: later instants in the file are 时间晚于导入时间. */
  now: Date;
}

/** A row the handler's pure step read, or refused with its problems (to quarantine). */
export type PreparedRow<R> = { ok: true; row: R } | { ok: false; problems: RowProblem[]; unitCode: string | null };

/** A row refused at the batch step or before, as quarantine keeps it. */
export interface QuarantinedRow {
  line: number;
  unitCode: string | null;
  unitId: string | null;
  raw: Record<string, string>;
  reasons: RowProblem[];
}

export interface BatchItem<R> {
  line: number;
  raw: Record<string, string>;
  row: R;
}

export interface BatchContext {
  job: IngestJobRef;
  database: Database;
  mapping: SourceMapping;
}

/**
 * What a domain adds to the one ingest path (STYLE.md): its row schema and its writes. The reader,
 * encoding, mapping lookup, quarantine, job, batches, progress and resume are shared. `E` is what
 * the optional batch step makes of the rows before the transaction (R when there is none).
 */
export interface IngestHandler<R, E = R> {
  kind: string;
  /** The source's headers the file lacks (a missing required column refuses the file). */
  missingColumns(headers: string[], mapping: SourceMapping): string[];
  /** Pure: one file row → the domain's row, or its problems. */
  prepare(fields: Record<string, string>, mapping: SourceMapping, job: IngestJobRef): PreparedRow<R>;
  /** The raw row as quarantine may keep it (personal data masked). */
  redact(fields: Record<string, string>, mapping: SourceMapping): Record<string, string>;
  /**
   * Optional: the batch's work that needs only reference data read outside the transaction (units,
   * calendar, registry …) — the CPU-heavy part. It runs while the previous batch commits, so the
   * JS work overlaps the database's; its answer goes to writeBatch.
   */
  enrichBatch?(items: BatchItem<R>[], context: BatchContext): Promise<BatchItem<E>[]>;
  /** Writes one batch in the batch's transaction; answers the rows it refused (unknown unit, duplicate …). */
  writeBatch(tx: Tx, items: BatchItem<E>[], context: BatchContext): Promise<QuarantinedRow[]>;
}

/** A problem in a row's column, named by the source's own header (the batch step's refusals). */
export function rowProblem(mapping: SourceMapping, reason: RowProblem["reason"], column: string, detail: string): RowProblem {
  const header = headerOf(mapping, column);
  return { reason, column: header, message: `${header}：${detail}` };
}
