import { z } from "zod";
import { codeParam } from "../../platform/http/schemas.ts";

/** A case's key in the path: region code, source code, case number (办件编号). */
export const caseKeyParams = z.object({
  /** 12-digit area code (or the source's own region code). */
  region: codeParam(32),
  /** The ingest source the case came from. */
  source: codeParam(64),
  /** 办件编号. */
  caseNo: codeParam(64),
});
