import type { OrderStatus, WarningRuleKind, WarningSeverity, WarningView } from "@kaoping/core";
import { isoOf } from "../../platform/db/rows.ts";
import { type CaseRefDbRow, caseRefOf } from "../cases/presenter.ts";

/** A ledger row as the database answers it (snake case, timestamps as Date or text). */
export interface WarningRow extends CaseRefDbRow {
  id: string;
  rule_id: string;
  rule_kind: WarningRuleKind;
  rule_name: string;
  severity: WarningSeverity;
  rule_version: number;
  at: Date | string;
  raised_at: Date | string;
  explanation: string;
  facts: WarningView["facts"];
  /** The warning's 督办单, when the query joins it. */
  order_id?: string | null;
  order_no?: string | null;
  order_status?: OrderStatus | null;
}

export function presentWarning(row: WarningRow): WarningView {
  return {
    ...caseRefOf(row),
    id: row.id,
    ruleId: row.rule_id,
    ruleKind: row.rule_kind,
    ruleName: row.rule_name,
    severity: row.severity,
    ruleVersion: Number(row.rule_version),
    at: isoOf(row.at),
    raisedAt: isoOf(row.raised_at),
    explanation: row.explanation,
    facts: row.facts,
    order: row.order_id && row.order_no && row.order_status ? { id: row.order_id, orderNo: row.order_no, status: row.order_status } : null,
  };
}
