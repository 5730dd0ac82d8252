/**
 * Column mapping per ingest source, kept as data (the ingest_sources table): which header of the
 * source's file holds each canonical column, and which of its values mean which code. The built-in
 * `default` source reads the Chinese headers of the templates — case, event and rating files
 * share one source row, so a platform's export is described once. See docs/cases.md.
 */
import { CASE_COLUMNS, CASE_EVENT_COLUMNS, CASE_REQUIRED_COLUMNS, CASE_VALUES } from "../cases/mapping.ts";
import type { IngestKind } from "../contracts/cases.ts";
import { RATING_COLUMNS, RATING_REQUIRED_COLUMNS, RATING_VALUES } from "../ratings/mapping.ts";

/** { columns: { canonical: sourceHeader }, values: { canonical: { sourceValue: code } } }. */
export interface SourceMapping {
  columns: Record<string, string>;
  values: Record<string, Record<string, string>>;
}

/** A row after mapping: canonical column → the cell's text (trimmed, values translated). */
export type MappedRow = Record<string, string | undefined>;

/** Each kind's canonical columns, in template order, with the default source's headers. */
export const COLUMNS_OF: Record<IngestKind, Record<string, string>> = {
  cases: CASE_COLUMNS,
  case_events: CASE_EVENT_COLUMNS,
  ratings: RATING_COLUMNS,
};

/** Columns a file must have (a header missing refuses the whole file). */
export const REQUIRED_COLUMNS: Record<IngestKind, readonly string[]> = { ...CASE_REQUIRED_COLUMNS, ratings: RATING_REQUIRED_COLUMNS };

/** The built-in source: the templates' Chinese headers and the labels of the vocabularies. */
export const DEFAULT_SOURCE_MAPPING: SourceMapping = {
  columns: { ...CASE_COLUMNS, ...CASE_EVENT_COLUMNS, ...RATING_COLUMNS },
  values: { ...CASE_VALUES, ...RATING_VALUES },
};

export const DEFAULT_SOURCE_CODE = "default";

/** The header the source uses for a canonical column (for messages). */
export const headerOf = (mapping: SourceMapping, canonical: string) => mapping.columns[canonical] ?? canonical;

/** Required canonical columns whose header the file lacks, as their headers. */
export function missingColumns(headers: readonly string[], mapping: SourceMapping, kind: IngestKind): string[] {
  const present = new Set(headers.map((h) => h.trim()));
  return REQUIRED_COLUMNS[kind].map((c) => headerOf(mapping, c)).filter((h) => !present.has(h));
}

/**
 * One file row (header → text) as canonical columns: cells trimmed, empty cells absent, and
 * values translated where the source maps them (a value it does not map is kept, to be checked).
 */
export function mapRow(fields: Record<string, string>, mapping: SourceMapping, kind: IngestKind): MappedRow {
  const row: MappedRow = {};
  for (const canonical of Object.keys(COLUMNS_OF[kind])) {
    const raw = fields[headerOf(mapping, canonical)]?.trim();
    if (!raw) continue;
    row[canonical] = mapping.values[canonical]?.[raw] ?? raw;
  }
  return row;
}
