import type {
  CallOutcome,
  CallView,
  CheckLevel,
  HotlineResultsView,
  Paged,
  RoundCreateInput,
  RoundDetailView,
  RoundView,
} from "@kaoping/core";
import { api, type Query } from "../../api/client.ts";

/** The round list's filters (roundListQuerySchema). */
export interface RoundQuery extends Query {
  level?: CheckLevel;
  page: number;
  pageSize: number;
}

/** The call sheet's filters (callListQuerySchema); `state` absent: recorded and pending alike. */
export interface CallQuery extends Query {
  roundId?: string;
  unitId?: string;
  mine?: "true" | "false";
  state?: "pending" | "recorded";
  outcome?: CallOutcome;
  page: number;
  pageSize: number;
}

/** What 抽查结果 asks for (hotlineResultsQuerySchema): a period, optionally a level and a unit with its subtree. */
export interface ResultsQuery extends Query {
  unitId?: string;
  level?: CheckLevel;
  from: string;
  to: string;
}

/** One call's record, sent with the version the checker saw (a stale one answers 409). */
export interface CallRecordBody {
  outcome: CallOutcome;
  secondsToAnswer: number | null;
  note: string | null;
  version: number;
}

/** 接通率抽查's API (core/src/contracts/hotline.ts). */
export const hotlineApi = {
  rounds: (query: RoundQuery) => api.get<Paged<RoundView>>("/api/hotline/rounds", query),
  round: (id: string) => api.get<RoundDetailView>(`/api/hotline/rounds/${id}`),
  createRound: (input: RoundCreateInput) => api.post<RoundDetailView>("/api/hotline/rounds", input),
  closeRound: (id: string) => api.post<RoundDetailView>(`/api/hotline/rounds/${id}/close`),
  calls: (query: CallQuery) => api.get<Paged<CallView>>("/api/hotline/calls", query),
  record: (id: string, body: CallRecordBody) => api.post<CallView>(`/api/hotline/calls/${id}/record`, body),
  results: (query: ResultsQuery) => api.get<HotlineResultsView>("/api/hotline/results", query),
};
