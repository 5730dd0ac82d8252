export type {
  CockpitView,
  FindingBrief,
  PublicationSummary,
  PublicationView,
  Scoreboard,
  ScoreboardIndicator,
  ScoreSummary,
  UnitScoreView,
  WhatIfResult,
} from "@kaoping/core";

import type {
  AppealView,
  CockpitView,
  EvidenceView,
  FindingInput,
  FindingStatus,
  FindingView,
  MeasurementView,
  Paged,
  PublicationSummary,
  PublicationView,
  Scoreboard,
  UnitScoreView,
  WhatIfResult,
} from "@kaoping/core";
import { api, download, type Query, upload, uploadForm } from "./client.ts";

/** Filters of 问题台账. */
export interface FindingFilters extends Query {
  unitId?: string;
  indicatorCode?: string;
  status?: FindingStatus;
  q?: string;
}

/** What an Excel import answers: findings `{created, status}`, measurements `{saved}`. */
export interface ReviewImportResult {
  created?: number;
  saved?: number;
  status?: string;
}

/** Lists answer `{ total, rows }`; a few answer a bare array. */
export function rowsOf<T>(value: Paged<T> | T[]): T[] {
  return Array.isArray(value) ? value : value.rows;
}

const campaignPath = (id: string) => `/api/campaigns/${id}`;

/** The files go in one request as field `files`: the server stores all of them or none. */
function uploadFiles(path: string, files: File[]): Promise<EvidenceView[]> {
  const form = new FormData();
  for (const file of files) form.append("files", file, file.name);
  return uploadForm<EvidenceView[]>(path, form);
}

export const reviewApi = {
  findings: (id: string, query: FindingFilters & { page: number; pageSize: number }) =>
    api.get<Paged<FindingView>>(`${campaignPath(id)}/findings`, query),
  createFinding: (id: string, input: FindingInput) => api.post<FindingView>(`${campaignPath(id)}/findings`, input),
  updateFinding: (id: string, findingId: string, input: Partial<FindingInput> & { version: number }) =>
    api.patch<FindingView>(`${campaignPath(id)}/findings/${findingId}`, input),
  confirmFinding: (id: string, findingId: string) => api.post<FindingView>(`${campaignPath(id)}/findings/${findingId}/confirm`),
  withdrawFinding: (id: string, findingId: string, reason: string) =>
    api.post<FindingView>(`${campaignPath(id)}/findings/${findingId}/withdraw`, { reason }),
  uploadFindingEvidence: (id: string, findingId: string, files: File[]) =>
    uploadFiles(`${campaignPath(id)}/findings/${findingId}/evidence`, files),
  findingTemplate: (id: string) => download(`${campaignPath(id)}/findings/import-template`, undefined, "问题台账导入模板.xlsx"),
  /** `confirm`: the imported findings are confirmed at once instead of entering as drafts. */
  importFindings: (id: string, file: File, confirm: boolean) =>
    upload<ReviewImportResult>(`${campaignPath(id)}/findings/import`, file, { confirm: String(confirm) }),

  measurements: async (id: string) => rowsOf(await api.get<Paged<MeasurementView> | MeasurementView[]>(`${campaignPath(id)}/measurements`)),
  saveMeasurement: (id: string, input: { unitId: string; fact: string; value: number | boolean | null; note?: string | null }) =>
    api.put<{ measurement: MeasurementView | null }>(`${campaignPath(id)}/measurements`, input),
  measurementTemplate: (id: string) => download(`${campaignPath(id)}/measurements/import-template`, undefined, "测评数据导入模板.xlsx"),
  importMeasurements: (id: string, file: File) => upload<ReviewImportResult>(`${campaignPath(id)}/measurements/import`, file),

  appeals: async (id: string) => rowsOf(await api.get<Paged<AppealView> | AppealView[]>(`${campaignPath(id)}/appeals`)),
  appeal: (id: string, findingId: string, reason: string) =>
    api.post<AppealView>(`${campaignPath(id)}/findings/${findingId}/appeals`, { reason }),
  decideAppeal: (id: string, appealId: string, decision: "upheld" | "overturned", reason: string) =>
    api.post<AppealView>(`${campaignPath(id)}/appeals/${appealId}/decide`, { decision, reason }),

  scores: (id: string) => api.get<Scoreboard>(`${campaignPath(id)}/scores`),
  unitScore: (id: string, unitId: string) => api.get<UnitScoreView>(`${campaignPath(id)}/units/${unitId}/score`),
  whatIf: (id: string, unitId: string, excludeFindingIds: string[]) =>
    api.post<WhatIfResult>(`${campaignPath(id)}/what-if`, { unitId, excludeFindingIds }),
  exportScores: (id: string) => download(`${campaignPath(id)}/exports/scores.xlsx`, undefined, "成绩.xlsx"),
  bulletinUrl: (id: string) => `${campaignPath(id)}/bulletin.html`,
  evidenceUrl: (evidenceId: string) => `/api/evidence/${evidenceId}/download`,

  publications: async (id: string) =>
    rowsOf(await api.get<Paged<PublicationSummary> | PublicationSummary[]>(`${campaignPath(id)}/publications`)),
  publication: (id: string, version: number) => api.get<PublicationView>(`${campaignPath(id)}/publications/${version}`),

  cockpit: (id: string) => api.get<CockpitView>(`${campaignPath(id)}/cockpit`),
};
