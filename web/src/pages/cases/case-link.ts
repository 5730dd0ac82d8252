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
