import { pointsText } from "@kaoping/core";
import type { TFunction } from "i18next";
import { schemaRule } from "../../../components/form-rules.ts";
import { type ConditionDraft, draftToCondition } from "./condition-draft.ts";

/** Shared by the rule kinds' field sets. */
export const pointsRule = schemaRule(pointsText);
export const third = { xs: 24, md: 8 };

/** Select / radio options labelled from `framework.<group>.<value>`. */
export function options(t: TFunction, group: string, values: readonly string[]) {
  return values.map((value) => ({ value, label: t(`framework.${group}.${value}`) }));
}

/** A condition builder's field: complete, and valid when given as JSON. */
export function conditionRule(t: TFunction) {
  return {
    validator: async (_: unknown, value: ConditionDraft | undefined) => {
      if (!value) throw new Error(t("framework.conditionIncomplete"));
      const result = draftToCondition(value);
      if ("error" in result) throw new Error(result.error === "incomplete" ? t("framework.conditionIncomplete") : result.error);
    },
  };
}
