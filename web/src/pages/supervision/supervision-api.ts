import type {
  BulletinView,
  CardThresholds,
  ComplaintFinding,
  ComplaintInput,
  ComplaintKind,
  ComplaintView,
  OrderDetailView,
  OrderStatus,
  OrderView,
  Paged,
  RulePreviewView,
  SigningKeyView,
  SupervisionBoardView,
  WarningListView,
  WarningRule,
  WarningRuleKind,
  WarningRuleSetView,
  WarningSeverity,
} from "@kaoping/core";
import { api, download, type Query } from "../../api/client.ts";

/** The ledger's filters (warningListQuerySchema). */
export interface WarningQuery extends Query {
  unitId?: string;
  from?: string;
  to?: string;
  kind?: WarningRuleKind;
  severity?: WarningSeverity;
  caseNo?: string;
  unsupervised?: "true" | "false";
  /** "false": the unit's own, not its subtree's. */
  subtree?: "true" | "false";
  page: number;
  pageSize: number;
}

export interface OrderQuery extends Query {
  unitId?: string;
  status?: OrderStatus;
  overdue?: "true" | "false";
  from?: string;
  to?: string;
  replyLate?: "true";
  repliedLate?: "true";
  replyMissing?: "true";
  /** Waiting on the unit now (待反馈, 立项调查待纠正). */
  waiting?: "true";
  subtree?: "true" | "false";
  page: number;
  pageSize: number;
}

/** The 投诉曝光登记's filters (complaintListQuerySchema). */
export interface ComplaintQuery extends Query {
  unitId?: string;
  kind?: ComplaintKind;
  finding?: ComplaintFinding;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** A correction or the check's finding (complaintUpdateSchema): the unit stays. */
export type ComplaintUpdate = Partial<Omit<ComplaintInput, "unitId">>;

/** 电子监察's API (core/src/contracts/supervision.ts). */
export const supervisionApi = {
  warnings: (query: WarningQuery) => api.get<WarningListView>("/api/supervision/warnings", query),
  exportWarnings: (query: Partial<WarningQuery>) => download("/api/supervision/warnings/export.xlsx", query, "预警台账.xlsx"),
  bulletins: () => api.get<BulletinView[]>("/api/supervision/bulletins"),
  publishBulletin: (month: string) => api.post<BulletinView>("/api/supervision/bulletins", { month }),
  signingKeys: () => api.get<SigningKeyView[]>("/api/supervision/signing-keys"),
  addSigningKey: (body: { unitId: string; keyId: string; approver: string; validFrom: string; validTo: string | null }) =>
    api.post<SigningKeyView>("/api/supervision/signing-keys", body),
  revokeSigningKey: (id: string) => api.post<SigningKeyView>(`/api/supervision/signing-keys/${id}/revoke`, { reason: "" }),
  board: (query: { from: string; to: string; unitId?: string }) => api.get<SupervisionBoardView>("/api/supervision/board", query),
  rules: () => api.get<WarningRuleSetView>("/api/supervision/rules"),
  previewRule: (rule: WarningRule, month: string) => api.post<RulePreviewView>("/api/supervision/rules/preview", { rule, month }),
  saveRules: (body: { rules: WarningRule[]; cards: CardThresholds; note: string }) =>
    api.put<WarningRuleSetView>("/api/supervision/rules", body),
  orders: (query: OrderQuery) => api.get<Paged<OrderView>>("/api/supervision/orders", query),
  exportOrders: (query: Partial<OrderQuery>) => download("/api/supervision/orders/export.xlsx", query, "督办单.xlsx"),
  order: (id: string) => api.get<OrderDetailView>(`/api/supervision/orders/${id}`),
  issueOrder: (warningId: string, body: { instruction: string; replyDays: number }) =>
    api.post<OrderDetailView>(`/api/supervision/warnings/${warningId}/order`, body),
  reply: (id: string, text: string, attachmentIds: string[] = []) =>
    api.post<OrderDetailView>(`/api/supervision/orders/${id}/reply`, { text, ...(attachmentIds.length ? { attachmentIds } : {}) }),
  attachmentUrl: (orderId: string, attachmentId: string) => `/api/supervision/orders/${orderId}/attachments/${attachmentId}`,
  investigate: (id: string, body: { text: string; correctionDays: number }) =>
    api.post<OrderDetailView>(`/api/supervision/orders/${id}/investigate`, body),
  close: (id: string, text: string) => api.post<OrderDetailView>(`/api/supervision/orders/${id}/close`, { text }),
  complaints: (query: ComplaintQuery) => api.get<Paged<ComplaintView>>("/api/supervision/complaints", query),
  addComplaint: (body: ComplaintInput) => api.post<ComplaintView>("/api/supervision/complaints", body),
  updateComplaint: (id: string, body: ComplaintUpdate) => api.patch<ComplaintView>(`/api/supervision/complaints/${id}`, body),
};
