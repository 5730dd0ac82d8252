import type { Framework, Indicator, Rule } from "@kaoping/core";
import { Empty, Flex } from "antd";
import { useTranslation } from "react-i18next";
import { IndicatorForm } from "./indicator-form.tsx";
import { applyFormValues } from "./indicator-form-values.ts";
import { getAt, type IndicatorPath, pathKey, updateAt } from "./indicator-tree-ops.ts";
import { RuleList } from "./rule-list.tsx";
import type { ResponsibleOptions } from "./use-responsible-options.ts";

interface IndicatorPanelProps {
  definition: Framework;
  selected: IndicatorPath | null;
  isReadOnly: boolean;
  responsibleOptions: ResponsibleOptions;
  onChange: (update: (definition: Framework) => Framework) => void;
}

/** The right-hand side of the editor: the selected indicator's form, and its rules under it. */
export function IndicatorPanel({ definition, selected, isReadOnly, responsibleOptions, onChange }: IndicatorPanelProps) {
  const { t } = useTranslation();
  const indicator = selected ? getAt(definition.indicators, selected) : undefined;
  if (!selected || !indicator) return <Empty description={t("framework.selectIndicator")} />;

  const update = (change: (node: Indicator) => Indicator) =>
    onChange((current) => ({ ...current, indicators: updateAt(current.indicators, selected, change) }));

  return (
    <Flex vertical gap={16}>
      <IndicatorForm
        key={pathKey(selected)}
        indicator={indicator}
        categories={definition.categories ?? []}
        responsibleOptions={responsibleOptions}
        isReadOnly={isReadOnly}
        onChange={(values) => update((node) => applyFormValues(node, values))}
      />
      <RuleList
        indicator={indicator}
        framework={definition}
        isReadOnly={isReadOnly}
        onChange={(rules: Rule[]) => update((node) => withRules(node, rules))}
      />
    </Flex>
  );
}

/** The indicator with its rules; an empty list is left out. */
function withRules(node: Indicator, rules: Rule[]): Indicator {
  if (rules.length) return { ...node, rules };
  const { rules: _rules, ...rest } = node;
  return rest;
}
