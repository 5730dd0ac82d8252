import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, EyeOutlined, PlusOutlined } from "@ant-design/icons";
import { type FactDef, type Framework, flatRules, type Indicator, type Rule } from "@kaoping/core";
import { Button, Card, Empty, Flex, Popconfirm, Tag, Tooltip, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { flattenWithPaths } from "./indicator-tree-ops.ts";
import { describeRule, withFactLabels } from "./rule-describe.ts";
import { RuleFormModal } from "./rule-form-modal.tsx";
import { newRuleValues, type RuleFormValues, ruleToValues } from "./rule-form-values.ts";

interface RuleListProps {
  indicator: Indicator;
  framework: Framework;
  isReadOnly: boolean;
  onChange: (rules: Rule[]) => void;
}

type Editing = { values: RuleFormValues; index: number | null } | null;

/** A fresh rule id: the indicator's code and a number not used anywhere in the framework. */
function freshId(code: string, taken: Set<string>): string {
  for (let n = 1; ; n++) if (!taken.has(`${code}-${n}`)) return `${code}-${n}`;
}

/** 评分规则 of the selected indicator: each with what it computes and its original text, always shown. */
export function RuleList({ indicator, framework, isReadOnly, onChange }: RuleListProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Editing>(null);
  const rules = indicator.rules ?? [];
  const takenIds = useMemo(
    () => new Set(flattenWithPaths(framework.indicators).flatMap((entry) => flatRules(entry.node.rules ?? []).map((rule) => rule.id))),
    [framework],
  );
  const isParent = Boolean(indicator.children?.length);

  function handleSubmit(rule: Rule) {
    const index = editing?.index ?? null;
    onChange(index === null ? [...rules, rule] : rules.map((r, i) => (i === index ? rule : r)));
  }

  function handleMove(index: number, delta: -1 | 1) {
    const next = [...rules];
    const target = index + delta;
    if (target < 0 || target >= next.length) return;
    [next[index], next[target]] = [next[target]!, next[index]!];
    onChange(next);
  }

  const addButton = !isReadOnly && !isParent && (
    <Button
      type="primary"
      size="small"
      icon={<PlusOutlined />}
      onClick={() => setEditing({ values: newRuleValues(freshId(indicator.code, takenIds)), index: null })}
      data-testid="rule-add"
    >
      {t("framework.addRule")}
    </Button>
  );

  return (
    <Card size="small" title={t("framework.rulesTitle", { count: rules.length })} extra={addButton} data-testid="rule-list">
      {isParent && rules.length === 0 && <Typography.Text type="secondary">{t("framework.rulesOnLeaves")}</Typography.Text>}
      {!isParent && rules.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("framework.noRules")} />}
      <Flex vertical gap={12}>
        {rules.map((rule, index) => (
          <div key={rule.id} data-testid={`rule-item-${rule.id}`} style={{ border: "1px solid #f0f0f0", borderRadius: 6, padding: 10 }}>
            <Flex justify="space-between" align="start" gap={8}>
              <RuleHeading rule={rule} facts={framework.facts} />
              <Flex gap={0}>
                <Tooltip title={isReadOnly ? t("framework.view") : t("common.edit")}>
                  <Button
                    type="text"
                    size="small"
                    icon={isReadOnly ? <EyeOutlined /> : <EditOutlined />}
                    onClick={() => setEditing({ values: ruleToValues(rule), index })}
                    data-testid="rule-edit"
                  />
                </Tooltip>
                {!isReadOnly && (
                  <>
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowUpOutlined />}
                      disabled={index === 0}
                      onClick={() => handleMove(index, -1)}
                      aria-label={t("framework.moveUp")}
                    />
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowDownOutlined />}
                      disabled={index === rules.length - 1}
                      onClick={() => handleMove(index, 1)}
                      aria-label={t("framework.moveDown")}
                    />
                    <Popconfirm
                      title={t("framework.deleteRuleConfirm", { id: rule.id })}
                      onConfirm={() => onChange(rules.filter((_, i) => i !== index))}
                    >
                      <Button
                        type="text"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t("common.delete")}
                        data-testid="rule-delete"
                      />
                    </Popconfirm>
                  </>
                )}
              </Flex>
            </Flex>
            <RuleBody rule={rule} facts={framework.facts} />
          </div>
        ))}
      </Flex>
      <RuleFormModal
        initial={editing?.values ?? null}
        originalId={editing && editing.index !== null ? (rules[editing.index]?.id ?? null) : null}
        framework={framework}
        takenIds={takenIds}
        isReadOnly={isReadOnly}
        onClose={() => setEditing(null)}
        onSubmit={handleSubmit}
      />
    </Card>
  );
}

function RuleHeading({ rule, facts }: { rule: Rule; facts: readonly FactDef[] }) {
  const { t } = useTranslation();
  return (
    <Flex gap={6} align="center" wrap>
      <Tag color="geekblue">{t(`enum.ruleKind.${rule.kind}`)}</Tag>
      <Typography.Text code>{rule.id}</Typography.Text>
      <Typography.Text strong>{describeRule(rule, t, facts)}</Typography.Text>
    </Flex>
  );
}

/** The original text (verbatim), the reading note, and for 取最高分 the inner rules. */
function RuleBody({ rule, facts }: { rule: Rule; facts: readonly FactDef[] }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph className="kp-rule-text" data-testid="rule-original-text">
        {rule.text}
      </Typography.Paragraph>
      {rule.note && (
        <Typography.Paragraph type="secondary" style={{ margin: "4px 0 0" }}>
          {t("framework.ruleNotePrefix")}
          {withFactLabels(rule.note, facts, t)}
        </Typography.Paragraph>
      )}
      {rule.kind === "max_of" && (
        <Flex vertical gap={6} style={{ marginTop: 8, paddingLeft: 16 }}>
          {rule.rules.map((inner) => (
            <div key={inner.id}>
              <RuleHeading rule={inner} facts={facts} />
              <RuleBody rule={inner} facts={facts} />
            </div>
          ))}
        </Flex>
      )}
    </>
  );
}
