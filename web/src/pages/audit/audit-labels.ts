import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, AUDIT_FIELD_LABELS } from "@kaoping/core";
import { AUDIT_ACTION_LABELS_EN, AUDIT_ENTITY_LABELS_EN, AUDIT_FIELD_LABELS_EN } from "../../i18n/audit.en-US.ts";

export interface AuditLabels {
  /** An action's title, or its code for an action this version does not know. */
  action(code: string): string;
  entity(type: string): string;
  /** The labels the diff names fields with. */
  fields: Record<string, string>;
  /** Status values have Chinese names only: other languages show their codes. */
  isChinese: boolean;
  /** Every action and object type, for the query form. */
  actionOptions: { value: string; label: string }[];
  entityOptions: { value: string; label: string }[];
}

const toOptions = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/**
 * The audit log's labels in the UI language. Action codes hold dots, which
 * i18next reads as nesting, so they are looked up here rather than through t().
 */
export function auditLabels(language: string): AuditLabels {
  const isEnglish = language === "en-US";
  const actions: Record<string, string> = isEnglish ? AUDIT_ACTION_LABELS_EN : AUDIT_ACTION_LABELS;
  const entities = isEnglish ? AUDIT_ENTITY_LABELS_EN : AUDIT_ENTITY_LABELS;
  return {
    action: (code) => actions[code] ?? code,
    entity: (type) => entities[type] ?? type,
    fields: isEnglish ? AUDIT_FIELD_LABELS_EN : AUDIT_FIELD_LABELS,
    isChinese: !isEnglish,
    actionOptions: toOptions(actions),
    entityOptions: toOptions(entities),
  };
}
