import type {
  CampaignCreate,
  CampaignStatus,
  CampaignSummary,
  CampaignUnitView,
  CampaignView,
  Completion,
  Paged,
  ReminderResult,
  ResponsibilityStatus,
  ResponsibilityView,
  SelfAssessmentView,
  SubmissionView,
} from "@kaoping/core";
import { api, download, type Query, upload } from "./client.ts";

/** Filters of the campaign list (考核管理). */
export interface CampaignFilters extends Query {
  q?: string;
  status?: CampaignStatus;
  year?: number;
}

export interface ResponsibilityFilters extends Query {
  unitId?: string;
  overdueOnly?: "true" | "false";
}

export type CampaignUpdate = Partial<Omit<CampaignCreate, "frameworkId">> & { version: number };

/** Moves `POST …/transition` accepts; publication has its own route. */
export type TransitionTarget = "reporting" | "reviewing" | "appeal" | "archived";

const base = "/api/campaigns";
const unitBase = (campaignId: string, unitId: string) => `${base}/${campaignId}/units/${unitId}`;

export const campaignsApi = {
  list: (query: CampaignFilters & { page: number; pageSize: number }) => api.get<Paged<CampaignSummary>>(base, query),
  get: (id: string) => api.get<CampaignView>(`${base}/${id}`),
  create: (input: CampaignCreate) => api.post<CampaignView>(base, input),
  update: (id: string, input: CampaignUpdate) => api.patch<CampaignView>(`${base}/${id}`, input),
  remove: (id: string) => api.delete<void>(`${base}/${id}`),
  /** `confirmOutsideWindow` acknowledges opening the appeal phase outside its dates (CampaignView.appealOpening). */
  transition: (id: string, to: TransitionTarget, reason?: string, confirmOutsideWindow = false) =>
    api.post<CampaignView>(`${base}/${id}/transition`, {
      to,
      ...(reason ? { reason } : {}),
      ...(confirmOutsideWindow ? { confirmOutsideWindow } : {}),
    }),
  /** `confirmPending`: publish a 暂定 result (the server refuses one without it, naming what is missing). */
  publish: (id: string, reason?: string, confirmPending?: boolean) =>
    api.post<unknown>(`${base}/${id}/publish`, { ...(reason ? { reason } : {}), ...(confirmPending ? { confirmPending } : {}) }),
  /** The office's choice of a unit's indicators (null: all its category allows). */
  setUnitIndicators: (id: string, unitId: string, indicatorCodes: string[] | null) =>
    api.put<{ unitId: string; indicatorCodes: string[] | null }>(`${base}/${id}/units/${unitId}/indicators`, { indicatorCodes }),
  unitIndicatorTemplate: (id: string) => download(`${base}/${id}/unit-indicators/template`, undefined, "适用指标.xlsx"),
  importUnitIndicators: (id: string, file: File) => upload<{ saved: number }>(`${base}/${id}/unit-indicators/import`, file),
  units: (id: string) => api.get<Paged<CampaignUnitView>>(`${base}/${id}/units`),
  remind: (id: string, input: { unitIds?: string[]; overdueOnly?: boolean; message: string }) =>
    api.post<ReminderResult>(`${base}/${id}/reminders`, input),
  /** Active users holding the reviewer role, the candidates for 评审人员. */
};

export const submissionsApi = {
  get: (campaignId: string, unitId: string) => api.get<SubmissionView>(`${unitBase(campaignId, unitId)}/submission`),
  saveSelfAssessment: (
    campaignId: string,
    unitId: string,
    indicatorCode: string,
    input: { completion: Completion | null; narrative: string; version: number },
  ) => api.put<SelfAssessmentView>(`${unitBase(campaignId, unitId)}/self-assessments/${encodeURIComponent(indicatorCode)}`, input),
  /** `confirmEmpty` acknowledges the indicators left empty (SubmissionView.unfilled). */
  submit: (campaignId: string, unitId: string, confirmEmpty = false) =>
    api.post<SubmissionView>(`${unitBase(campaignId, unitId)}/submission/submit`, confirmEmpty ? { confirmEmpty } : {}),
  confirm: (campaignId: string, unitId: string) => api.post<SubmissionView>(`${unitBase(campaignId, unitId)}/submission/confirm`),
  returnForCorrection: (campaignId: string, unitId: string, reason: string) =>
    api.post<SubmissionView>(`${unitBase(campaignId, unitId)}/submission/return`, { reason }),
};

export const responsibilitiesApi = {
  list: (campaignId: string, query: ResponsibilityFilters & { page: number; pageSize: number }) =>
    api.get<Paged<ResponsibilityView>>(`${base}/${campaignId}/responsibilities`, query),
  update: (campaignId: string, id: string, input: { status: ResponsibilityStatus; note: string; version: number }) =>
    api.put<ResponsibilityView>(`${base}/${campaignId}/responsibilities/${id}`, input),
};

/** Pages opened in a new tab (printable HTML) or saved (PDF) for one unit. */
export const unitReportUrls = (campaignId: string, unitId: string) => ({
  html: `${unitBase(campaignId, unitId)}/report.html`,
  pdf: `${unitBase(campaignId, unitId)}/report.pdf`,
});
