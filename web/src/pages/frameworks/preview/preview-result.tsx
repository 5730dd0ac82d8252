import type { IndicatorScore, ScoreResult, TraceStep, UnitScore } from "@kaoping/core";
import { Alert, Descriptions, Flex, Segmented, Table, type TableColumnsType, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

interface PreviewResultProps {
  result: ScoreResult;
  /** The manual rules of the selected indicator (their pending state is named; the others are counted). */
  manualIds: Set<string>;
  /** The selected indicator's code, and its subtree's codes (whose traces are listed). */
  code: string;
  codes: Set<string>;
}

type TraceRow = TraceStep & { key: string; indicator: string };

const signed = (delta: string) => (delta.startsWith("-") || delta === "0" ? delta : delta.startsWith("+") ? delta : `+${delta}`);

/** The preview's answer: the indicator's points and the unit's totals, then every step of the trace. */
export function PreviewResult({ result, manualIds, code, codes }: PreviewResultProps) {
  const [unitCode, setUnitCode] = useState<string | null>(null);
  const unit = result.units.find((u) => u.unitCode === unitCode) ?? result.units[0];
  if (!unit) return null;
  const score = unit.indicators.find((i) => i.code === code);

  return (
    <Flex vertical gap={12}>
      {result.units.length > 1 && (
        <Segmented
          value={unit.unitCode}
          onChange={(value) => setUnitCode(String(value))}
          options={result.units.map((u) => ({ value: u.unitCode, label: u.unitName || u.unitCode }))}
          data-testid="preview-unit-switch"
        />
      )}
      <UnitSummary unit={unit} score={score} />
      <PendingNote pending={unit.pending} manualIds={manualIds} />
      <TraceTable unit={unit} codes={codes} />
    </Flex>
  );
}

/** Manual rules without a score: this indicator's by id, the rest of the framework as a count (the total is provisional). */
function PendingNote({ pending, manualIds }: { pending: string[]; manualIds: Set<string> }) {
  const { t } = useTranslation();
  const own = pending.filter((id) => manualIds.has(id));
  const others = pending.length - own.length;
  if (pending.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={own.length ? t("framework.previewPending", { rules: own.join("、") }) : undefined}
      description={others ? t("framework.previewPendingOthers", { count: others }) : undefined}
    />
  );
}

function UnitSummary({ unit, score }: { unit: UnitScore; score: IndicatorScore | undefined }) {
  const { t } = useTranslation();
  const points =
    score?.points === null || score === undefined
      ? t("framework.previewNotApplicable")
      : `${score.points}${score.max !== null ? ` / ${score.max}` : ""}`;
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 2, lg: 4 }}
      items={[
        { key: "points", label: t("framework.previewIndicatorPoints"), children: <strong data-testid="preview-points">{points}</strong> },
        { key: "total", label: t("framework.previewTotal"), children: <strong data-testid="preview-total">{unit.total}</strong> },
        { key: "base", label: t("framework.previewBase"), children: unit.base },
        { key: "bonus", label: t("framework.previewBonus"), children: unit.bonus },
        {
          key: "rank",
          label: t("framework.previewRank"),
          children: unit.isReference ? t("framework.previewReference") : (unit.rank ?? "—"),
        },
        { key: "stars", label: t("framework.previewStars"), children: unit.stars ? "★".repeat(unit.stars) : "—" },
        ...(unit.annual !== null ? [{ key: "annual", label: t("framework.previewAnnual"), children: unit.annual }] : []),
      ]}
    />
  );
}

function TraceTable({ unit, codes }: { unit: UnitScore; codes: Set<string> }) {
  const { t } = useTranslation();
  const rows: TraceRow[] = unit.indicators
    .filter((indicator) => codes.has(indicator.code))
    .flatMap((indicator) =>
      indicator.trace.map((step, index) => ({ ...step, indicator: indicator.code, key: `${indicator.code}#${index}` })),
    );
  const columns: TableColumnsType<TraceRow> = [
    { key: "indicator", dataIndex: "indicator", title: t("framework.traceIndicator"), width: 64 },
    {
      key: "rule",
      title: t("framework.traceRule"),
      width: 120,
      render: (_, step) => (
        <Flex vertical>
          <Typography.Text code>{step.ruleId}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {step.kind === "bound" ? t("framework.traceBound") : t(`enum.ruleKind.${step.kind}`, { defaultValue: step.kind })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: "text",
      dataIndex: "text",
      title: t("framework.traceText"),
      width: 200,
      render: (text: string) => <span style={{ whiteSpace: "pre-wrap" }}>{text}</span>,
    },
    {
      key: "facts",
      dataIndex: "facts",
      title: t("framework.traceFacts"),
      width: 150,
      render: (facts: TraceStep["facts"]) =>
        Object.entries(facts).map(([key, value]) => (
          <Tag key={key} style={{ marginBottom: 2 }}>
            {key} = {String(value)}
          </Tag>
        )),
    },
    { key: "arithmetic", dataIndex: "arithmetic", title: t("framework.traceArithmetic"), width: 160 },
    {
      key: "delta",
      title: t("framework.traceDelta"),
      width: 90,
      align: "right",
      render: (_, step) => (
        <Flex vertical align="end">
          <Typography.Text strong type={step.delta.startsWith("-") ? "danger" : step.delta === "0" ? "secondary" : "success"}>
            {signed(step.delta)}
          </Typography.Text>
          {step.outcome && <Tag color="orange">{t(`framework.traceOutcome.${step.outcome}`)}</Tag>}
        </Flex>
      ),
    },
  ];
  return (
    <Table<TraceRow>
      data-testid="preview-trace"
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 960 }}
      locale={{ emptyText: t("framework.traceEmpty") }}
    />
  );
}
