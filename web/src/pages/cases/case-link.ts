import { CASE_METRIC_LABELS, type CaseMetricKey } from "@kaoping/core";

/** What a link to 办件查询 asks for (a case fact's link in a score trace: caseFactLink). */
export interface CaseLink {
  unitId?: string;
  from: string;
  to: string;
  metric?: CaseMetricKey;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The filters a link to /cases/list carries: a period (both ends, yyyy-mm-dd), and optionally the
 * unit and the metric. Null when the address holds no (valid) period: the page's own defaults apply.
 */
export function caseLinkOf(params: URLSearchParams): CaseLink | null {
  const from = params.get("from");
  const to = params.get("to");
  if (!from || !to || !DATE.test(from) || !DATE.test(to) || from > to) return null;
  const link: CaseLink = { from, to };
  const unitId = params.get("unitId");
  if (unitId) link.unitId = unitId;
  const metric = params.get("metric");
  if (metric && metric in CASE_METRIC_LABELS) link.metric = metric as CaseMetricKey;
  return link;
}

/** The printable 好差评 slip of a completed case (rating-slip-page.tsx): the case's key in the address. */
export function ratingSlipPath(key: { regionCode: string; sourceCode: string; caseNo: string }): string {
  const query = new URLSearchParams({ regionCode: key.regionCode, sourceCode: key.sourceCode, caseNo: key.caseNo });
  return `/cases/rating-slip?${query}`;
}

/** The case a slip's address names, or null when a part of its key is missing. */
export function ratingSlipKeyOf(params: URLSearchParams): { regionCode: string; sourceCode: string; caseNo: string } | null {
  const regionCode = params.get("regionCode");
  const sourceCode = params.get("sourceCode");
  const caseNo = params.get("caseNo");
  return regionCode && sourceCode && caseNo ? { regionCode, sourceCode, caseNo } : null;
}
