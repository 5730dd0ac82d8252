import {
  CARD,
  CARD_COUNT_LABELS,
  type CardThresholds,
  DEFAULT_CARD_THRESHOLDS,
  PERMISSIONS as P,
  type RulePreviewView,
  type UnitSupervisionCounts,
  WARNING_RULE_KIND,
  type WarningRule,
  type WarningRuleSetView,
} from "@kaoping/core";
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Input,
  InputNumber,
  List,
  Modal,
  Select,
  Space,
  Spin,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiRequestError } from "../../api/client.ts";
import { usePermission } from "../../app/permission.tsx";
import { useShowError } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import {
  PARAM_ADORNMENTS,
  paramLabel,
  problemAt,
  problemText,
  type RuleParamProblem,
  refusedParams,
  ruleParamProblems,
} from "./rule-param-labels.ts";
import { supervisionApi } from "./supervision-api.ts";
import { SEVERITY_COLORS, severityLabel, severityOptions } from "./supervision-labels.ts";

/** A rule's parameters as edited: a number input left empty is null until filled (and refused till then). */
type Params = Record<string, number | boolean | null>;

const problemKey = (ruleId: string, key: string) => `${ruleId}.${key}`;

/**
 * 预警规则: the rule set in force, each rule with its kind, severity, parameters and source text;
 * the office enables and tunes them and saves a new version. A parameter outside its rule kind's
 * schema is marked at its input and neither saved nor tried; should the server still refuse one, the
 * refusal is put back on its input and named by rule and label. Everyone who reads warnings can read
 * the rules behind them.
 */
export function RulesPage() {
  const { t } = useTranslation();
  const can = usePermission();
  const { message } = App.useApp();
  const showError = useShowError();
  const [view, setView] = useState<WarningRuleSetView | null>(null);
  const [rules, setRules] = useState<WarningRule[]>([]);
  const [cards, setCards] = useState<CardThresholds>(DEFAULT_CARD_THRESHOLDS);
  const [note, setNote] = useState("");
  const [isSaving, setIsSaving] = useState(false);
  const [previewing, setPreviewing] = useState<WarningRule | null>(null);
  const closePreview = useCallback(() => setPreviewing(null), []);
  /** The parameters the server refused at the last save or trial, each until it is changed. */
  const [refused, setRefused] = useState<RuleParamProblem[]>([]);
  const canEdit = can(P.warningRuleManage);
  const problems = useMemo(() => {
    const byField = new Map<string, RuleParamProblem>();
    for (const item of [...ruleParamProblems(rules), ...refused]) {
      const at = problemKey(item.ruleId, item.key);
      if (!byField.has(at)) byField.set(at, item);
    }
    return byField;
  }, [rules, refused]);
  const problemList = (items: Iterable<RuleParamProblem>) =>
    [...items].map((item) => problemAt(t, rules.find((r) => r.id === item.ruleId) ?? { id: item.ruleId, name: "" }, item)).join("；");
  const ruleProblems = (ruleId: string) => [...problems.values()].filter((item) => item.ruleId === ruleId);

  useEffect(() => {
    supervisionApi
      .rules()
      .then((loaded) => {
        setView(loaded);
        setRules(loaded.rules);
        setCards(loaded.cards);
      })
      .catch(showError);
  }, [showError]);

  const change = (id: string, patch: Partial<WarningRule>) =>
    setRules((current) => current.map((rule) => (rule.id === id ? ({ ...rule, ...patch } as WarningRule) : rule)));
  const changeParam = (rule: WarningRule, key: string, value: number | boolean | null) => {
    setRefused((current) => current.filter((item) => item.ruleId !== rule.id || item.key !== key));
    change(rule.id, { params: { ...(rule.params as Params), [key]: value } } as Partial<WarningRule>);
  };

  /** A refusal: its parameters back on their inputs and named by rule and label; anything else as it came. */
  const showRefusal = useCallback(
    (error: unknown, sent: readonly WarningRule[]) => {
      const items = error instanceof ApiRequestError && error.status === 400 ? refusedParams(error.details, sent) : [];
      if (!items.length) return showError(error);
      setRefused(items);
      const list = items.map((item) => problemAt(t, sent.find((r) => r.id === item.ruleId)!, item)).join("；");
      void message.error(t("supervision.rules.paramsRefused", { problems: list }));
    },
    [message, showError, t],
  );

  function preview(rule: WarningRule) {
    const own = ruleProblems(rule.id);
    if (own.length) void message.error(t("supervision.rules.previewInvalid", { problems: problemList(own) }));
    else setPreviewing(rule);
  }

  async function save() {
    if (problems.size) {
      void message.error(t("supervision.rules.paramsInvalid", { problems: problemList(problems.values()) }));
      return;
    }
    setIsSaving(true);
    try {
      const saved = await supervisionApi.saveRules({ rules, cards, note });
      setView(saved);
      setRules(saved.rules);
      setCards(saved.cards);
      setNote("");
      setRefused([]);
      void message.success(t("supervision.rules.saved", { version: saved.version }));
    } catch (error) {
      showRefusal(error, rules);
    } finally {
      setIsSaving(false);
    }
  }

  const columns: TableColumnsType<WarningRule> = [
    { key: "id", dataIndex: "id", title: "ID", width: 70 },
    {
      key: "name",
      title: t("supervision.field.rule"),
      render: (_, rule) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{rule.name}</Typography.Text>
          <Typography.Text type="secondary">{WARNING_RULE_KIND.labels[rule.kind]}</Typography.Text>
        </Space>
      ),
    },
    {
      key: "enabled",
      title: t("supervision.rules.enabled"),
      render: (_, rule) => (
        <Switch
          checked={rule.enabled}
          disabled={!canEdit}
          onChange={(enabled) => change(rule.id, { enabled })}
          aria-label={`${rule.name} ${t("supervision.rules.enabled")}`}
          data-testid={`rule-enabled-${rule.id}`}
        />
      ),
    },
    {
      key: "severity",
      title: t("supervision.field.severity"),
      render: (_, rule) =>
        canEdit ? (
          <Select
            value={rule.severity}
            options={severityOptions}
            onChange={(severity) => change(rule.id, { severity })}
            style={{ width: 96 }}
            aria-label={`${rule.name} ${t("supervision.field.severity")}`}
          />
        ) : (
          <Tag color={SEVERITY_COLORS[rule.severity]}>{severityLabel(rule.severity)}</Tag>
        ),
    },
    {
      key: "params",
      title: t("supervision.rules.params"),
      render: (_, rule) => (
        <Flex vertical gap={4}>
          {Object.entries(rule.params as Params).map(([key, value]) => {
            const label = paramLabel(t, key);
            const problem = problems.get(problemKey(rule.id, key));
            const errorId = `rule-param-error-${rule.id}-${key}`;
            return (
              <Flex key={key} gap={8} align="center" wrap>
                <Typography.Text type="secondary">{label}</Typography.Text>
                {typeof value === "boolean" ? (
                  <Switch size="small" checked={value} disabled={!canEdit} onChange={(v) => changeParam(rule, key, v)} aria-label={label} />
                ) : (
                  <InputNumber
                    size="small"
                    value={value}
                    disabled={!canEdit}
                    onChange={(v) => changeParam(rule, key, v)}
                    prefix={PARAM_ADORNMENTS[key]?.prefix}
                    suffix={PARAM_ADORNMENTS[key]?.suffix}
                    status={problem ? "error" : undefined}
                    aria-label={label}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={problem ? errorId : undefined}
                    data-testid={`rule-param-${rule.id}-${key}`}
                  />
                )}
                {problem && (
                  <Typography.Text type="danger" id={errorId} data-testid={errorId}>
                    {problemText(t, problem)}
                  </Typography.Text>
                )}
              </Flex>
            );
          })}
        </Flex>
      ),
    },
    {
      key: "source",
      title: t("supervision.rules.source"),
      render: (_, rule) => <Typography.Paragraph style={{ margin: 0, maxWidth: 420 }}>{rule.sourceText}</Typography.Paragraph>,
    },
    ...(canEdit
      ? [
          {
            key: "preview",
            title: t("supervision.rules.preview"),
            render: (_: unknown, rule: WarningRule) => (
              <Button size="small" onClick={() => preview(rule)} data-testid={`rule-preview-${rule.id}`}>
                {t("supervision.rules.previewLastMonth")}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title={t("supervision.menu.rules")}
        extra={
          view && (
            <Typography.Text type="secondary" data-testid="rules-version">
              {view.version ? t("supervision.rules.version", { version: view.version }) : t("supervision.rules.defaults")}
            </Typography.Text>
          )
        }
      >
        <Alert type="info" showIcon title={t("supervision.rules.hint")} style={{ marginBottom: 16 }} />
        <Table
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rules}
          pagination={false}
          loading={!view}
          data-testid="rules-table"
          scroll={{ x: true }}
        />
        <CardThresholdTable value={cards} onChange={setCards} disabled={!canEdit} />
        {canEdit && (
          <Flex gap={8} style={{ marginTop: 16 }}>
            <Input
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={t("supervision.rules.note")}
              aria-label={t("supervision.rules.note")}
              maxLength={200}
            />
            <Button type="primary" loading={isSaving} onClick={save} data-testid="rules-save">
              {t("supervision.rules.save")}
            </Button>
          </Flex>
        )}
      </Card>
      <RulePreviewModal rule={previewing} onClose={closePreview} onRefused={showRefusal} />
      {view && view.versions.length > 0 && (
        <Card title={t("supervision.rules.versions")} size="small">
          <List
            size="small"
            dataSource={view.versions}
            renderItem={(v) => (
              <List.Item>
                {t("supervision.rules.version", { version: v.version })} · {formatDateTime(v.createdAt)} · {v.note || "—"}
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}

/** 黄牌 / 红牌 thresholds: per count, the yellow and the red line (0: not used). */
function CardThresholdTable({
  value,
  onChange,
  disabled,
}: {
  value: CardThresholds;
  onChange: (next: CardThresholds) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const keys = Object.keys(CARD_COUNT_LABELS) as (keyof UnitSupervisionCounts)[];
  const cell = (level: keyof CardThresholds, key: keyof UnitSupervisionCounts) => (
    <InputNumber
      size="small"
      min={0}
      precision={0}
      value={value[level][key]}
      disabled={disabled}
      onChange={(n) => onChange({ ...value, [level]: { ...value[level], [key]: n ?? 0 } })}
      aria-label={`${CARD_COUNT_LABELS[key]} ${CARD.labels[level]}`}
      data-testid={`card-${level}-${key}`}
    />
  );
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t("supervision.rules.cards")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("supervision.rules.cardsHint")}</Typography.Paragraph>
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={keys.map((key) => ({ key }))}
        columns={[
          { key: "count", title: t("supervision.rules.count"), render: (_, row) => CARD_COUNT_LABELS[row.key] },
          { key: "yellow", title: CARD.labels.yellow, render: (_, row) => cell("yellow", row.key) },
          { key: "red", title: CARD.labels.red, render: (_, row) => cell("red", row.key) },
        ]}
        data-testid="card-thresholds"
      />
    </>
  );
}

/** “What would this rule have raised last month”: the rule as edited, over last month's cases, nothing written. */
function RulePreviewModal({
  rule,
  onClose,
  onRefused,
}: {
  rule: WarningRule | null;
  onClose: () => void;
  onRefused: (error: unknown, sent: readonly WarningRule[]) => void;
}) {
  const { t } = useTranslation();
  const [result, setResult] = useState<RulePreviewView | null>(null);
  useEffect(() => {
    setResult(null);
    if (!rule) return;
    supervisionApi
      .previewRule(rule, dayjs().subtract(1, "month").format("YYYY-MM"))
      .then(setResult)
      .catch((error: unknown) => {
        onRefused(error, [rule]);
        onClose();
      });
  }, [rule, onRefused, onClose]);
  return (
    <Modal
      open={rule !== null}
      onCancel={onClose}
      footer={null}
      width={720}
      title={rule ? t("supervision.rules.previewTitle", { name: rule.name }) : ""}
      destroyOnHidden
    >
      {result ? (
        <Space orientation="vertical" style={{ width: "100%" }} data-testid="rule-preview-result">
          <Typography.Paragraph>
            {t("supervision.rules.previewSummary", {
              month: result.month,
              judged: result.judged,
              raised: result.raised,
              inLedger: result.inLedger,
            })}
            {result.capped && t("supervision.rules.previewCapped")}
          </Typography.Paragraph>
          <List
            size="small"
            bordered
            dataSource={result.samples}
            renderItem={(s) => (
              <List.Item>
                <Typography.Text strong>{s.caseNo}</Typography.Text>　{s.unitName}　
                <Typography.Text type="secondary">{s.explanation}</Typography.Text>
              </List.Item>
            )}
          />
        </Space>
      ) : (
        <Spin style={{ display: "block", margin: 24 }} />
      )}
    </Modal>
  );
}
