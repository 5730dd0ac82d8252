/** 接通率抽查's API: rounds with their sample, the checker's call sheet, and results per unit (docs/ratings.md, “Spot checks”). */
import { z } from "zod";
import {
  CALL_OUTCOME,
  type CallOutcome,
  CHECK_LEVEL,
  type CheckLevel,
  isConnected,
  PHONE_KIND,
  type PhoneKind,
  type RoundStatus,
} from "../hotline/model.ts";
import { idSchema, isoDateSchema, LIMITS, pageQuerySchema } from "./common.ts";

export const roundCreateSchema = z
  .strictObject({
    name: z.string().trim().min(1, "请填写抽查名称").max(LIMITS.nameMax),
    level: z.enum(CHECK_LEVEL.values),
    /** The days the calls are made (yyyy-mm-dd, inclusive; the working days among them). */
    from: isoDateSchema,
    to: isoDateSchema,
    /** The units rung (each with its subtree's numbers); empty: every unit with a published phone. */
    unitIds: z.array(idSchema).max(2000).default([]),
    checkerIds: z.array(idSchema).min(1, "至少指定一名抽查人员").max(100),
    numbersPerUnit: z.number().int().min(1).max(50).default(3),
    callsPerNumber: z.number().int().min(1).max(10).default(2),
    kinds: z.array(z.enum(PHONE_KIND.values)).min(1).default(["consultation", "supervision"]),
  })
  .refine((r) => r.from <= r.to, { path: ["to"], message: "结束日期不能早于开始日期" });
export type RoundCreateInput = z.infer<typeof roundCreateSchema>;

export const roundListQuerySchema = pageQuerySchema.extend({ level: z.enum(CHECK_LEVEL.values).optional() });

export interface RoundView {
  id: string;
  name: string;
  level: CheckLevel;
  from: string;
  to: string;
  status: RoundStatus;
  calls: number;
  recorded: number;
  /** The round's 接通率 over every recorded call (percent); null before any. */
  rate: number | null;
  createdAt: string;
}

export interface UnitHotlineResult {
  unitId: string;
  unitName: string;
  calls: number;
  connected: number;
  correct: number;
  rate: number | null;
  accuracy: number | null;
  /** Calls answered after more than ANSWER_SECONDS_TARGET seconds. */
  slow: number;
}

export interface RoundDetailView extends RoundView {
  checkers: { userId: string; name: string; calls: number; recorded: number }[];
  units: UnitHotlineResult[];
}

export const callListQuerySchema = pageQuerySchema.extend({
  roundId: idSchema.optional(),
  unitId: idSchema.optional(),
  /** Only the caller's own calls (the checker's sheet). */
  mine: z.enum(["true", "false"]).optional(),
  state: z.enum(["pending", "recorded"]).optional(),
  outcome: z.enum(CALL_OUTCOME.values).optional(),
  /** Rounds of this level held within from–to (a campaign fact's link). */
  level: z.enum(CHECK_LEVEL.values).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type CallListQuery = z.infer<typeof callListQuerySchema>;

export interface CallView {
  id: string;
  roundId: string;
  roundName: string;
  level: CheckLevel;
  unitId: string;
  unitName: string;
  itemCode: string;
  phone: string;
  kind: PhoneKind;
  plannedAt: string;
  checkerId: string;
  checkerName: string;
  outcome: CallOutcome | null;
  secondsToAnswer: number | null;
  note: string | null;
  calledAt: string | null;
  version: number;
  /** A dead number was filed as a guide defect (电话准确性). */
  defectId: string | null;
}

export const callRecordSchema = z
  .strictObject({
    outcome: z.enum(CALL_OUTCOME.values),
    /** Seconds from the first ring to an answer: for connected calls only (else the results would count an unanswered call as a slow answer). */
    secondsToAnswer: z.number().int().min(0).max(600).nullable().default(null),
    note: z.string().trim().max(LIMITS.reasonMax).nullable().default(null),
    /** When the call was made; default now. Within the round's days (checked by the command). */
    calledAt: z.iso.datetime({ offset: true }).optional(),
    version: z.number().int().min(0),
  })
  .superRefine((record, ctx) => {
    if (record.secondsToAnswer !== null && !isConnected(record.outcome))
      ctx.addIssue({
        code: "custom",
        path: ["secondsToAnswer"],
        message: `“${CALL_OUTCOME.labels[record.outcome]}”未接通，不填接听秒数`,
      });
  });
export type CallRecordInput = z.infer<typeof callRecordSchema>;

export const hotlineResultsQuerySchema = z.object({
  unitId: idSchema.optional(),
  level: z.enum(CHECK_LEVEL.values).optional(),
  from: isoDateSchema,
  to: isoDateSchema,
});
export type HotlineResultsQuery = z.infer<typeof hotlineResultsQuerySchema>;

export interface HotlineResultsView {
  /** Per round of the period (of the level asked), each unit's results. */
  rounds: (RoundView & { units: UnitHotlineResult[] })[];
}
