import type { FormRule } from "antd";
import type { TFunction } from "i18next";

/** Anything with zod's `safeParse`, e.g. `unitCreateSchema.shape.code` from core. */
interface SafeParser {
  safeParse: (value: unknown) => { success: boolean; error?: { issues: { message: string }[] } };
}

/** Checks a field with core's zod schema, so the form and the server agree (patterns, ranges). */
export function schemaRule(schema: SafeParser): FormRule {
  return {
    validator: async (_, value: unknown) => {
      if (value === undefined || value === null || value === "") return;
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(result.error?.issues[0]?.message ?? "invalid");
    },
  };
}

/** Required + maximum length with translated messages. */
export function textRules(t: TFunction, label: string, max: number, isRequired = true): FormRule[] {
  return [
    ...(isRequired ? [{ required: true, whitespace: true, message: t("common.required", { label }) }] : []),
    { max, message: t("common.maxLength", { max }) },
  ];
}

/** A required choice (select, tree-select). */
export function selectRule(t: TFunction, label: string): FormRule {
  return { required: true, message: t("common.requiredSelect", { label }) };
}
