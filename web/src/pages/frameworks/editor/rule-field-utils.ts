import { pointsText } from "@kaoping/core";
import type { TFunction } from "i18next";
import { schemaRule } from "../../../components/form-rules.ts";

/** Shared by the rule kinds' field sets. */
export const pointsRule = schemaRule(pointsText);
export const third = { xs: 24, md: 8 };

/** Select / radio options labelled from `framework.<group>.<value>`. */
export function options(t: TFunction, group: string, values: readonly string[]) {
  return values.map((value) => ({ value, label: t(`framework.${group}.${value}`) }));
}
