/** 电子监察's API: the warning ledger and the rule set (docs/supervision.md). */
import { z } from "zod";
import { WARNING_RULE_KIND, WARNING_SEVERITY, type WarningRule, type WarningRuleKind, type WarningSeverity } from "../supervision/rules.ts";
import type { CaseRef } from "./cases.ts";
import { idSchema, pageQuerySchema } from "./common.ts";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD");

/** The ledger's filters: a unit and its subtree, the day the condition arose, rule kind, severity, a case. */
export const warningListQuerySchema = pageQuerySchema.extend({
  unitId: idSchema.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  kind: z.enum(WARNING_RULE_KIND.values).optional(),
  severity: z.enum(WARNING_SEVERITY.values).optional(),
  caseNo: z.string().trim().max(64).optional(),
});
export type WarningListQuery = z.infer<typeof warningListQuerySchema>;

export interface WarningView extends CaseRef {
  id: string;
  ruleId: string;
  ruleKind: WarningRuleKind;
  ruleName: string;
  severity: WarningSeverity;
  ruleVersion: number;
  at: string;
  raisedAt: string;
  explanation: string;
  facts: Record<string, string | number | boolean | null>;
}

/** Per severity, over the same filters (the list's header). */
export interface WarningListView {
  total: number;
  rows: WarningView[];
  bySeverity: Record<WarningSeverity, number>;
}

export interface WarningRuleSetView {
  /** 0: the built-in defaults. */
  version: number;
  note: string;
  createdAt: string | null;
  rules: WarningRule[];
  /** Saved versions, newest first. */
  versions: { version: number; note: string; createdAt: string }[];
}
