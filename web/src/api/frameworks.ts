import type {
  AssessedUnit,
  Framework,
  FrameworkStatus,
  FrameworkSummary,
  FrameworkTemplate,
  FrameworkView,
  Paged,
  ScoreResult,
  UnitFacts,
  ValidationReport,
} from "@kaoping/core";
import { api, download, type Query, request, upload } from "./client.ts";

/** Filters of the framework list (指标体系). */
export interface FrameworkFilters extends Query {
  q?: string;
  status?: FrameworkStatus;
  year?: number;
  code?: string;
}

/** What an Excel import answers: the version written and the rule texts that became manual rules. */
export interface FrameworkImportResult {
  framework: FrameworkSummary;
  warnings: string[];
}

/** The live preview's input: a (possibly unsaved) definition, a few units and their facts. */
export interface PreviewInput {
  definition: Framework;
  units: AssessedUnit[];
  facts: Record<string, UnitFacts>;
}

const base = "/api/frameworks";

export const frameworksApi = {
  list: (query: FrameworkFilters & { page: number; pageSize: number }) => api.get<Paged<FrameworkSummary>>(base, query),
  templates: () => api.get<FrameworkTemplate[]>(`${base}/templates`),
  get: (id: string) => api.get<FrameworkView>(`${base}/${id}`),
  create: (definition: Framework) => api.post<FrameworkSummary>(base, { definition }),
  fromTemplate: (templateCode: string) => api.post<FrameworkSummary>(`${base}/from-template`, { templateCode }),
  update: (id: string, definition: Framework) => api.put<FrameworkSummary>(`${base}/${id}`, { definition }),
  /** 新版本 (no year) or 复制到新年度 (with the year): a draft copy. */
  newVersion: (id: string, year?: number) => api.post<FrameworkSummary>(`${base}/${id}/versions`, year === undefined ? {} : { year }),
  remove: (id: string) => api.delete<void>(`${base}/${id}`),
  publish: (id: string) => api.post<FrameworkSummary>(`${base}/${id}/publish`),
  archive: (id: string) => api.post<FrameworkSummary>(`${base}/${id}/archive`),
  validate: (definition: Framework, signal?: AbortSignal) =>
    request<ValidationReport>("POST", `${base}/validate`, { body: { definition }, ...(signal ? { signal } : {}) }),
  preview: (input: PreviewInput) => api.post<ScoreResult>(`${base}/preview`, input),
  exportXlsx: (framework: FrameworkSummary) =>
    download(`${base}/${framework.id}/export`, undefined, `${framework.name}-v${framework.version}.xlsx`),
  downloadTemplate: () => download(`${base}/import-template`, undefined, "指标体系导入模板.xlsx"),
  importXlsx: (file: File, asNewVersion: boolean) =>
    upload<FrameworkImportResult>(`${base}/import`, file, { asNewVersion: String(asNewVersion) }),
};
