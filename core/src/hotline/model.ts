/**
 * 咨询电话接通率抽查: the office (district, city or province) rings the consultation and supervision
 * phones its guides publish, and records how each call went. The outcome codes follow the sampling
 * sheets in use (seen, Fujian): connected — answered correctly, answered beside the question, not
 * this department, hung up — or not connected — no answer, busy, dead number. docs/ratings.md
 * (“Spot checks”).
 */
import { labelled } from "../labelled.ts";

export const CHECK_LEVEL = labelled({ district: "区级", city: "市级", province: "省级" });
export type CheckLevel = keyof typeof CHECK_LEVEL.labels;

export const PHONE_KIND = labelled({ consultation: "咨询电话", supervision: "监督电话" });
export type PhoneKind = keyof typeof PHONE_KIND.labels;

export const CALL_OUTCOME = labelled({
  answered_correct: "接通且答复准确",
  answered_wrong: "接通但答非所问",
  wrong_department: "非本部门",
  hung_up: "接通后挂断",
  no_answer: "无人接听",
  busy: "忙音",
  dead_number: "空号",
});
export type CallOutcome = keyof typeof CALL_OUTCOME.labels;

/** Outcomes where someone picked up: 接通率's numerator. */
export const CONNECTED_OUTCOMES: readonly CallOutcome[] = ["answered_correct", "answered_wrong", "wrong_department", "hung_up"];
export const isConnected = (outcome: CallOutcome) => CONNECTED_OUTCOMES.includes(outcome);

/** The checker's key for each outcome on the call sheet (1–7, in CALL_OUTCOME's order). */
export const OUTCOME_KEYS: Record<string, CallOutcome> = Object.fromEntries(CALL_OUTCOME.values.map((o, i) => [String(i + 1), o]));

/** The national hotline standard's answer time (GB/T 33358: within 15 s); slower answers are flagged. */
export const ANSWER_SECONDS_TARGET = 15;

export const ROUND_STATUS = labelled({ running: "抽查中", closed: "已结束" });
export type RoundStatus = keyof typeof ROUND_STATUS.labels;
