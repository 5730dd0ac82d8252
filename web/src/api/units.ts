import type { Paged, UnitCreateInput, UnitImportResult, UnitTreeNode, UnitUpdateInput, UnitView } from "@kaoping/core";
import { api, download, type Query, upload } from "./client.ts";

/** Filters of the unit list, export included (`under` = a unit and its subtree). */
export interface UnitFilters extends Query {
  q?: string;
  kind?: string;
  status?: string;
  under?: string;
  isReference?: "true" | "false";
}

export const unitsApi = {
  tree: () => api.get<UnitTreeNode[]>("/api/units/tree"),
  list: (query: UnitFilters & { page: number; pageSize: number }) => api.get<Paged<UnitView>>("/api/units", query),
  get: (id: string) => api.get<UnitView>(`/api/units/${id}`),
  create: (input: UnitCreateInput) => api.post<UnitView>("/api/units", input),
  update: (id: string, input: UnitUpdateInput) => api.patch<UnitView>(`/api/units/${id}`, input),
  exportXlsx: (filters: UnitFilters) => download("/api/units/export", filters, "单位.xlsx"),
  downloadTemplate: () => download("/api/units/import-template", undefined, "单位导入模板.xlsx"),
  importXlsx: (file: File, updateExisting: boolean) =>
    upload<UnitImportResult>("/api/units/import", file, { updateExisting: String(updateExisting) }),
};
