import type {
  CodeGapCount,
  CodeTables,
  DifferenceElement,
  GuideChannel,
  GuideDefectStatus,
  GuideDifference,
  GuideElementId,
  GuideFaultReportStatus,
  GuideImportFormat,
  GuideImportReport,
  GuideSettings,
  Paged,
  ServiceGuide,
  Severity,
} from "@kaoping/core";

export type { GuideImportReport };

import { api, buildUrl, download, type Query, uploadForm } from "../../api/client.ts";

/** Filters of the guide list, export included (`unitId` = a department and its subtree). */
export interface GuideFilters extends Query {
  unitId?: string;
  itemType?: string;
  severity?: "error" | "warning" | "clean";
  channel?: GuideChannel;
  q?: string;
}

export type ExportFormat = "json" | "xlsx" | "jsonld";

/** Counts and accuracy (%) of one checked version. */
export interface GuideTally {
  errors: number;
  warnings: number;
  infos: number;
  accuracy: number;
}

export interface GuideItemRow {
  id: string;
  code: string;
  name: string;
  itemType: string | null;
  unitId: string;
  unitName: string;
  lineUnitId: string | null;
  lineUnitName: string | null;
  openDefects: number;
  latest: (GuideTally & { guideId: string; version: number; createdAt: string }) | null;
}

/** A finding explained with its check's words (message, fix hint, seed quotation). */
export interface FindingView {
  checkId: string;
  element: GuideElementId;
  elementLabel: string;
  severity: Severity;
  path: string;
  detail?: string;
  message: string;
  fix: string;
  seed: string;
}

export interface VersionView extends GuideTally {
  id: string;
  itemId: string;
  channel: GuideChannel;
  version: number;
  createdAt: string;
  importedFrom: string | null;
  linksCheckedAt: string | null;
  guide: ServiceGuide;
  findings: FindingView[];
  elements: { id: GuideElementId; label: string; group: string; passes: boolean }[];
}

export interface VersionRow extends GuideTally {
  id: string;
  channel: GuideChannel;
  version: number;
  createdAt: string;
  importedFrom: string | null;
}

export interface ItemDefect extends FindingView {
  id: string;
  ownership: string;
  ownerUnitId: string;
  channel: GuideChannel;
  createdAt: string;
}

export interface GuideItemView {
  item: {
    id: string;
    code: string;
    name: string;
    itemType: string | null;
    unitId: string;
    unitName: string | null;
    lineUnitId: string | null;
    lineUnitName: string | null;
  };
  versions: VersionRow[];
  online: VersionView | null;
  offline: VersionView | null;
  openDefects: ItemDefect[];
}

export interface GuideDiff {
  differences: GuideDifference[];
  byElement: Partial<Record<DifferenceElement, number>>;
}

export interface Consistency extends GuideDiff {
  online: string | null;
  offline: string | null;
  consistent: boolean | null;
}

export interface GuideImportFields {
  format: GuideImportFormat;
  channel: GuideChannel;
  source: string;
  unitId?: string | null;
}

export interface DepartmentRow {
  id: string;
  code: string;
  name: string;
  guides: number;
  accuracy: number;
  openDefects: number;
}

export interface Confirmation {
  id: string;
  unitId?: string;
  unitName?: string;
  note: string;
  closedDefects: number;
  confirmedAt: string;
}

export interface DepartmentView {
  unit: { id: string; code: string; name: string };
  guides: number;
  accuracy: number | null;
  elements: { id: GuideElementId; label: string; group: string; failing: number }[];
  trend: { date: string; accuracy: number; guides: number }[];
  defects: { open: number; closed: number };
  confirmations: Confirmation[];
}

export interface DefectFilters extends Query {
  ownerUnitId?: string;
  status?: GuideDefectStatus;
  element?: GuideElementId;
  itemId?: string;
}

export interface DefectRow extends FindingView {
  id: string;
  itemId: string;
  itemCode: string;
  itemName: string;
  channel: GuideChannel;
  ownership: string;
  ownershipLabel: string;
  ownerUnitId: string;
  ownerUnitName: string;
  status: GuideDefectStatus;
  createdAt: string;
  closedAt: string | null;
  closedVersion: number | null;
}

export interface FaultReportFilters extends Query {
  status?: GuideFaultReportStatus;
}

export interface FaultReportRow {
  id: string;
  itemId: string | null;
  itemCode: string | null;
  itemName: string;
  element: GuideElementId | null;
  description: string;
  contact: string | null;
  status: GuideFaultReportStatus;
  triageNote: string | null;
  createdAt: string;
  triagedAt: string | null;
  defectId: string | null;
}

export interface TriageInput {
  status: "accepted" | "rejected";
  note: string;
  itemId?: string;
  element?: GuideElementId;
}

export interface PublicItem {
  id: string;
  code: string;
  name: string;
  unitName: string;
}

export interface PublicReportInput {
  itemId?: string;
  itemName: string;
  element?: GuideElementId;
  description: string;
  contact?: string;
}

/** A source's code tables: the office's own (`database`) or the ones shipped with the system (`builtin`). */
export interface CodeMapsView {
  source: string;
  origin: "builtin" | "database";
  tables: CodeTables;
}

type PageQuery = { page: number; pageSize: number };

/** The export's address for the list's filters (pagination left out). */
export function exportUrl(format: ExportFormat, filters: GuideFilters): string {
  const { page: _page, pageSize: _pageSize, ...rest } = filters as GuideFilters & Partial<PageQuery>;
  return buildUrl("/api/guides/export", { ...rest, format });
}

/** The multipart body of an import: text fields first (the server reads them before the file). */
export function importForm(file: File, fields: GuideImportFields): FormData {
  const form = new FormData();
  form.append("format", fields.format);
  form.append("channel", fields.channel);
  form.append("source", fields.source.trim() || "gx");
  if (fields.unitId) form.append("unitId", fields.unitId);
  form.append("file", file, file.name);
  return form;
}

const EXPORT_NAMES: Record<ExportFormat, string> = { json: "办事指南.json", xlsx: "办事指南.xlsx", jsonld: "办事指南.jsonld" };

export const guidesApi = {
  list: (query: GuideFilters & PageQuery) => api.get<Paged<GuideItemRow>>("/api/guides/items", query),
  get: (id: string) => api.get<GuideItemView>(`/api/guides/items/${id}`),
  setLineUnit: (id: string, lineUnitId: string | null) => api.patch<GuideItemView>(`/api/guides/items/${id}`, { lineUnitId }),
  checkLinks: (id: string) => api.post<{ links: number; deadLinks?: number }>(`/api/guides/items/${id}/check-links`),
  diff: (id: string, from: string, to: string) => api.get<GuideDiff>(`/api/guides/items/${id}/diff`, { from, to }),
  consistency: (id: string) => api.get<Consistency>(`/api/guides/items/${id}/consistency`),
  importFile: (file: File, fields: GuideImportFields) => uploadForm<GuideImportReport>("/api/guides/import", importForm(file, fields)),
  downloadTemplate: () => download("/api/guides/import-template", undefined, "办事指南导入模板.xlsx"),
  exportFile: (format: ExportFormat, filters: GuideFilters) => download(exportUrl(format, filters), undefined, EXPORT_NAMES[format]),
  departments: () => api.get<DepartmentRow[]>("/api/guides/departments"),
  department: (id: string) => api.get<DepartmentView>(`/api/guides/departments/${id}`),
  defects: (query: DefectFilters & PageQuery) => api.get<Paged<DefectRow>>("/api/guides/defects", query),
  exportDefects: (filters: DefectFilters) => download("/api/guides/defects/export", filters, "修改建议汇总表.xlsx"),
  closeDefect: (id: string, note: string) => api.post<unknown>(`/api/guides/defects/${id}/close`, { note }),
  confirm: (unitId: string, note: string) => api.post<Confirmation>("/api/guides/confirmations", { unitId, note }),
  confirmationDocumentUrl: (id: string) => `/api/guides/confirmations/${id}/document`,
  faultReports: (query: FaultReportFilters & PageQuery) => api.get<Paged<FaultReportRow>>("/api/guides/fault-reports", query),
  triage: (id: string, input: TriageInput) => api.post<unknown>(`/api/guides/fault-reports/${id}/triage`, input),
  settings: () => api.get<GuideSettings>("/api/guides/settings"),
  saveSettings: (settings: GuideSettings) => api.put<GuideSettings>("/api/guides/settings", settings),
  codeMaps: (source: string) => api.get<CodeMapsView>(`/api/guides/code-maps/${encodeURIComponent(source)}`),
  saveCodeMaps: (source: string, tables: CodeTables) =>
    api.put<CodeMapsView>(`/api/guides/code-maps/${encodeURIComponent(source)}`, tables),
  codeGaps: (source: string) => api.get<CodeGapCount[]>("/api/guides/code-gaps", { source }),
};

/** The public 找茬 page's calls: no session needed. */
export const publicGuidesApi = {
  items: (q: string) => api.get<PublicItem[]>("/api/public/guide-items", { q }),
  report: (input: PublicReportInput) => api.post<{ id: string; message: string }>("/api/public/guide-reports", input),
};
