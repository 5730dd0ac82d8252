import type { IngestJobView, IngestKind } from "@kaoping/core";
import { CASE_INGEST_HANDLERS } from "../../modules/cases/ingest.ts";
import type { Database } from "../db/client.ts";
import { ingestFileWith } from "./queue.ts";

/** Every ingest kind's handler (ratings and calls join here). */
export const INGEST_HANDLERS = { ...CASE_INGEST_HANDLERS };

/**
 * Imports one file through the real path (validation, quarantine, rollups) in this process: the
 * CLI, the bench and the demo call this. Structural errors come back as a failed job with its error.
 */
export function ingestFile(options: {
  database: Database;
  kind: IngestKind;
  sourceCode: string;
  filePath: string;
  createdBy?: string | null;
  batchRows?: number;
  onProgress?: (view: IngestJobView) => void;
}): Promise<IngestJobView> {
  return ingestFileWith({ ...options, handlers: INGEST_HANDLERS });
}
