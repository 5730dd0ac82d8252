import type { IngestJobView } from "@kaoping/core";
import { CASE_INGEST_HANDLERS } from "../../modules/cases/ingest.ts";
import { ratingIngestHandler } from "../../modules/ratings/ingest.ts";
import type { IngestHandler } from "./handler.ts";
import { type IngestFileOptions, ingestFileWith } from "./queue.ts";

/** Every ingest kind's handler. */
export const INGEST_HANDLERS: Record<string, IngestHandler<unknown, unknown>> = {
  ...CASE_INGEST_HANDLERS,
  ratings: ratingIngestHandler as IngestHandler<unknown, unknown>,
};

/**
 * Imports one file through the real path (validation, quarantine, rollups) in this process: the
 * CLI, the bench and the demo call this. Structural errors come back as a failed job with its error.
 */
export function ingestFile(options: IngestFileOptions): Promise<IngestJobView> {
  return ingestFileWith({ ...options, handlers: INGEST_HANDLERS });
}
