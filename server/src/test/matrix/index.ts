import { CALENDAR_ROWS } from "./calendar.ts";
import { CAMPAIGN_ROWS } from "./campaigns.ts";
import { CASE_ROWS } from "./cases.ts";
import { EVIDENCE_ROWS } from "./evidence.ts";
import { FINDING_ROWS } from "./findings.ts";
import { GUIDE_CORRECTION_ROWS } from "./guide-corrections.ts";
import { GUIDE_ROWS } from "./guides.ts";
import { HOTLINE_ROWS } from "./hotline.ts";
import { PLATFORM_ROWS } from "./platform.ts";
import { PUBLIC_RATING_ROWS } from "./public-ratings.ts";
import { RATING_ROWS } from "./ratings.ts";
import { REPORT_ROWS } from "./reports.ts";
import { SUPERVISION_ROWS } from "./supervision.ts";
import type { MatrixRows } from "./types.ts";

/** Every domain's rows; a key present twice is a mistake the spread would hide, so it throws. */
function merge(...parts: MatrixRows[]): MatrixRows {
  const all: MatrixRows = {};
  for (const part of parts) {
    for (const [key, row] of Object.entries(part)) {
      if (all[key]) throw new Error(`matrix row ${key} defined twice`);
      all[key] = row;
    }
  }
  return all;
}

export const MATRIX_ROWS = merge(
  PLATFORM_ROWS,
  CAMPAIGN_ROWS,
  FINDING_ROWS,
  REPORT_ROWS,
  EVIDENCE_ROWS,
  GUIDE_ROWS,
  GUIDE_CORRECTION_ROWS,
  CALENDAR_ROWS,
  CASE_ROWS,
  SUPERVISION_ROWS,
  RATING_ROWS,
  PUBLIC_RATING_ROWS,
  HOTLINE_ROWS,
);
