import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Messages } from "../i18n/zh-CN.ts";

type EnumName = keyof Messages["enum"];

/** Select options for one of core's enums, labelled in the UI language: `useEnumOptions("unitKind", UNIT_KINDS)`. */
export function useEnumOptions<V extends string>(name: EnumName, values: readonly V[]): { value: V; label: string }[] {
  const { t } = useTranslation();
  return useMemo(() => values.map((value) => ({ value, label: t(`enum.${name}.${value}`) })), [name, values, t]);
}
