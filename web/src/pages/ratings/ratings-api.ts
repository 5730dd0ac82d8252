import {
  type AppealKind,
  type Paged,
  type RatingChannel,
  type RatingDashboardView,
  type RatingKind,
  type RatingView,
  REVIEW_TRANSITIONS,
  type ReviewAction,
  type ReviewDetailView,
  type ReviewJudged,
  type ReviewSettingsInput,
  type ReviewSettingsView,
  type ReviewStatus,
  type ReviewView,
} from "@kaoping/core";
import { api, type Query } from "../../api/client.ts";

/** A unit and its subtree, rating dates, optionally a channel (ratingScopeQuerySchema). */
export interface RatingScope extends Query {
  unitId?: string;
  from: string;
  to: string;
  channel?: RatingChannel;
  itemCode?: string;
}

/** The rating list's filters (ratingListQuerySchema); `level` is the level's digit, `isDefault` a query-string flag. */
export interface RatingQuery extends RatingScope {
  level?: string;
  caseNo?: string;
  kind?: RatingKind;
  isDefault?: "true" | "false";
  page: number;
  pageSize: number;
}

/** The bad-review list's filters (reviewListQuerySchema): dates are the review's opening. */
export interface ReviewQuery extends Query {
  unitId?: string;
  from?: string;
  to?: string;
  status?: ReviewStatus;
  judged?: ReviewJudged;
  page: number;
  pageSize: number;
}

/** One step on a review, sent with the version the reader saw (a stale one answers 409). */
export interface ReviewStepBody {
  action: ReviewAction;
  version: number;
  note: string;
  appealKind?: AppealKind;
  attachmentIds?: string[];
}

/** 好差评's API (core/src/contracts/ratings.ts). */
export const ratingsApi = {
  dashboard: (scope: RatingScope) => api.get<RatingDashboardView>("/api/ratings/dashboard", scope),
  list: (query: RatingQuery) => api.get<Paged<RatingView>>("/api/ratings", query),
  reviews: (query: ReviewQuery) => api.get<Paged<ReviewView>>("/api/ratings/reviews", query),
  review: (id: string) => api.get<ReviewDetailView>(`/api/ratings/reviews/${id}`),
  /** The unit's steps go to `respond`, the office's to `decide`. */
  step: (id: string, body: ReviewStepBody) =>
    api.post<ReviewDetailView>(`/api/ratings/reviews/${id}/${REVIEW_TRANSITIONS[body.action].by === "unit" ? "respond" : "decide"}`, body),
  attachmentUrl: (reviewId: string, attachmentId: string) => `/api/ratings/reviews/${reviewId}/attachments/${attachmentId}`,
  /** `regionCode` "": the installation's default. */
  settings: (regionCode: string) => api.get<ReviewSettingsView>("/api/ratings/settings", { regionCode }),
  saveSettings: (regionCode: string, body: ReviewSettingsInput) =>
    api.put<ReviewSettingsView>("/api/ratings/settings", body, { regionCode }),
};
