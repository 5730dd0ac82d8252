import { ANSWER_SECONDS_TARGET, CHECK_LEVEL, type CheckLevel, type RoundView } from "@kaoping/core";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { rangeQuery } from "../cases/case-labels.ts";
import type { ResultsQuery } from "./hotline-api.ts";

/**
 * 接通率 below this is what the frameworks deduct for (seed 001, 拱墅 2.5.2: “接通率不足90%的，每低1个百分点扣…”):
 * the screens colour it red. The deduction itself is the framework's, not this page's.
 */
export const RATE_ALERT_BELOW = 90;

/** A rate the API answers in percent (62.5, 66.67) as `62.50%`, or `—` when nothing was recorded. */
export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : `${value.toFixed(2)}%`;
}

/** The colour of a rate: red below the alert line, green at 100 %, none otherwise or without a value. */
export function rateTone(value: number | null | undefined): "error" | "success" | undefined {
  if (value === null || value === undefined) return undefined;
  if (value < RATE_ALERT_BELOW) return "error";
  return value >= 100 ? "success" : undefined;
}

/** A round's progress: recorded of planned calls, as `3 / 8`, and the whole percent for a bar. */
export function progressOf(round: Pick<RoundView, "calls" | "recorded">): { text: string; percent: number } {
  const percent = round.calls === 0 ? 0 : Math.floor((round.recorded / round.calls) * 100);
  return { text: `${round.recorded} / ${round.calls}`, percent };
}

/** Answered later than the national standard's 15 s (GB/T 33358). */
export const isSlow = (seconds: number | null | undefined) => seconds !== null && seconds !== undefined && seconds > ANSWER_SECONDS_TARGET;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isLevel = (value: string | null): value is CheckLevel => value !== null && (CHECK_LEVEL.values as readonly string[]).includes(value);

/** The default period of 抽查结果: this year up to today. */
export function defaultPeriod(today: Dayjs = dayjs()): { from: string; to: string } {
  return rangeQuery([today.startOf("year"), today]);
}

/**
 * 抽查结果's query from its address (a campaign fact's link: ?unitId=&level=&from=&to=): a valid period
 * (both ends, from ≤ to) or this year, the unit, a level only when it is one.
 */
export function resultsQueryOf(params: URLSearchParams, today: Dayjs = dayjs()): ResultsQuery {
  const from = params.get("from");
  const to = params.get("to");
  const query: ResultsQuery = from && to && DATE.test(from) && DATE.test(to) && from <= to ? { from, to } : defaultPeriod(today);
  const unitId = params.get("unitId");
  if (unitId) query.unitId = unitId;
  const level = params.get("level");
  if (isLevel(level)) query.level = level;
  return query;
}

/** A query as address parameters (what resultsQueryOf reads back), empty values left out. */
export function resultsParams(query: ResultsQuery): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== ""),
  );
}

/** Whether an address carries any of 抽查结果's filters (it came from a link). */
export const hasResultsFilters = (params: URLSearchParams) => ["unitId", "level", "from", "to"].some((key) => params.get(key));

export interface LevelSummary {
  level: CheckLevel;
  rounds: number;
  /** The lowest rate among the level's rounds that recorded a call (what a campaign counts); null: none. */
  lowest: number | null;
  /** The round of that lowest rate. */
  lowestRoundId: string | null;
}

/**
 * The rounds of a period by level, in 区级 / 市级 / 省级 order: how many and the lowest 接通率 — the one
 * a campaign counts where a level checked more than once (core/src/hotline/facts.ts, lowestRate).
 */
export function levelSummaries(rounds: readonly Pick<RoundView, "id" | "level" | "rate">[]): LevelSummary[] {
  return CHECK_LEVEL.values.flatMap((level) => {
    const ofLevel = rounds.filter((r) => r.level === level);
    if (!ofLevel.length) return [];
    let lowest: (typeof ofLevel)[number] | null = null;
    for (const round of ofLevel) if (round.rate !== null && (lowest === null || round.rate < lowest.rate!)) lowest = round;
    return [{ level, rounds: ofLevel.length, lowest: lowest?.rate ?? null, lowestRoundId: lowest?.id ?? null }];
  });
}

/** The call sheet's filters as its address holds them; `state` "all" is both pending and recorded. */
export interface CallSheetFilters {
  roundId?: string;
  mine: "true" | "false";
  state: "pending" | "recorded" | "all";
}

export const CALL_STATES = ["pending", "recorded", "all"] as const;

/**
 * The call sheet's filters from its address: by default the checker's own calls still to ring
 * (mine=true, state=pending); a round's link asks for every call of the round (?roundId=&mine=false&state=all).
 */
export function callFiltersOf(params: URLSearchParams): CallSheetFilters {
  const state = params.get("state");
  const filters: CallSheetFilters = {
    mine: params.get("mine") === "false" ? "false" : "true",
    state: (CALL_STATES as readonly string[]).includes(state ?? "") ? (state as CallSheetFilters["state"]) : "pending",
  };
  const roundId = params.get("roundId");
  if (roundId) filters.roundId = roundId;
  return filters;
}

/** The filters as the API's query: "all" sends no state. */
export function callQueryOf(filters: CallSheetFilters): Omit<CallSheetFilters, "state"> & { state?: "pending" | "recorded" } {
  const { state, ...rest } = filters;
  return state === "all" ? rest : { ...rest, state };
}
