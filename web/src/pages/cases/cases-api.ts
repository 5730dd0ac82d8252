import type {
  CaseDetailView,
  CaseListPage,
  CaseListRow,
  CaseMetricKey,
  CaseMetricsView,
  CaseQualityView,
  IngestJobListView,
  IngestJobView,
  IngestKind,
  Paged,
  Period,
  QuarantineRowView,
} from "@kaoping/core";
import { api, download, type Query, uploadForm } from "../../api/client.ts";

/** Which cases: a unit and its subtree, acceptance dates, optional item / channel / type (caseScopeQuerySchema). */
export interface CaseScope extends Query {
  unitId?: string;
  from: string;
  to: string;
  itemCode?: string;
  channel?: string;
  caseType?: string;
}

/** The case list's query (caseListQuerySchema): a scope, optionally the cases behind one metric. */
export interface CaseListQuery extends CaseScope {
  metric?: CaseMetricKey;
  part?: "numerator" | "denominator";
  caseNo?: string;
  page: number;
  pageSize: number;
}

/** The key of a case: region, source and case number (idempotent by source + case number). */
export type CaseKey = Pick<CaseListRow, "regionCode" | "sourceCode" | "caseNo">;

const casePath = (key: CaseKey) =>
  `/api/cases/${[key.regionCode, key.sourceCode, key.caseNo].map((part) => encodeURIComponent(part)).join("/")}`;

/** The 办件 API (core/src/contracts/cases.ts). */
export const casesApi = {
  /** Starts an import job; the server answers at once and the job runs in the background. */
  importFile: (file: File, kind: IngestKind, source: string) => {
    const form = new FormData();
    // Text fields first: the server reads them before the file stream.
    form.append("kind", kind);
    form.append("source", source);
    form.append("file", file, file.name);
    return uploadForm<IngestJobView>("/api/cases/imports", form);
  },
  imports: (query: { page: number; pageSize: number }) => api.get<IngestJobListView>("/api/cases/imports", query),
  importJob: (id: string) => api.get<IngestJobView>(`/api/cases/imports/${id}`),
  cancelImport: (id: string) => api.post<IngestJobView>(`/api/cases/imports/${id}/cancel`),
  quarantine: (id: string, query: { page: number; pageSize: number }) =>
    api.get<Paged<QuarantineRowView>>(`/api/cases/imports/${id}/quarantine`, query),
  exportQuarantine: (id: string) => download(`/api/cases/imports/${id}/quarantine.xlsx`, undefined, "隔离数据.xlsx"),
  downloadTemplate: (kind: IngestKind) => download("/api/cases/import-template", { kind, format: "xlsx" }, `${kind}-template.xlsx`),
  metrics: (scope: CaseScope & { groupBy?: "period" | "unit" | "channel" | "item" | "caseType"; period?: Period }) =>
    api.get<CaseMetricsView>("/api/cases/metrics", scope),
  /** `from` and `to` are required by the server; the pages always send them. */
  list: (query: Partial<CaseListQuery> & { page: number; pageSize: number }) => api.get<CaseListPage>("/api/cases", query),
  exportXlsx: (query: Partial<CaseListQuery>) => download("/api/cases/export.xlsx", query, "办件.xlsx"),
  detail: (key: CaseKey) => api.get<CaseDetailView>(casePath(key)),
  /** The data-quality report: core's CaseQualityView, as the server's getCaseQuality answers it. */
  quality: (range: { from: string; to: string }) => api.get<CaseQualityView>("/api/cases/quality", range),
};
