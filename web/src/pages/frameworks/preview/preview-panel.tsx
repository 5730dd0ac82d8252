import { CalculatorOutlined } from "@ant-design/icons";
import type { Framework, ScoreResult } from "@kaoping/core";
import { Alert, Button, Empty, Flex, Space, Typography } from "antd";
import { useEffect, useEffectEvent, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { frameworksApi } from "../../../api/frameworks.ts";
import { errorText } from "../../../components/feedback.ts";
import { getAt, type IndicatorPath } from "../editor/indicator-tree-ops.ts";
import { PreviewFactTable } from "./preview-fact-table.tsx";
import { type PreviewState, previewFields, previewRequest } from "./preview-inputs.ts";
import { PreviewResult } from "./preview-result.tsx";

interface PreviewPanelProps {
  definition: Framework;
  selected: IndicatorPath | null;
  /** Kept by the editor, so the values survive switching tabs and indicators. */
  state: PreviewState;
  onStateChange: (state: PreviewState) => void;
}

const AUTO_RUN_DELAY_MS = 500;

/**
 * 试算: facts for a few trial units → POST /preview with the current, unsaved
 * definition → the indicator's points, the unit's totals and the trace. After the
 * first run it runs again by itself whenever the facts or the definition change.
 */
export function PreviewPanel({ definition, selected, state, onStateChange }: PreviewPanelProps) {
  const { t } = useTranslation();
  const indicator = selected ? getAt(definition.indicators, selected) : undefined;
  const fields = useMemo(() => (selected ? previewFields(definition, selected) : null), [definition, selected]);
  const [result, setResult] = useState<ScoreResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isRunning, setIsRunning] = useState(false);
  const [isLive, setIsLive] = useState(false);
  const runId = useRef(0);

  async function run(current: Framework, input: PreviewState) {
    const id = ++runId.current;
    setIsRunning(true);
    try {
      const answer = await frameworksApi.preview(previewRequest(current, input));
      if (id !== runId.current) return;
      setResult(answer);
      setError(null);
    } catch (failure) {
      if (id === runId.current) setError(errorText(failure));
    } finally {
      if (id === runId.current) setIsRunning(false);
    }
  }
  const runLater = useEffectEvent((current: Framework, input: PreviewState) => void run(current, input));

  useEffect(() => {
    if (!isLive) return;
    const timer = setTimeout(() => runLater(definition, state), AUTO_RUN_DELAY_MS);
    return () => clearTimeout(timer);
  }, [isLive, definition, state]);

  if (!indicator || !fields) return <Empty description={t("framework.selectIndicator")} />;

  return (
    <Flex vertical gap={12} data-testid="preview-panel">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{t("framework.previewFor", { code: indicator.code, name: indicator.name })}</Typography.Text>
          <Typography.Text type="secondary">{t("framework.previewHint")}</Typography.Text>
        </Space>
        <Button
          type="primary"
          icon={<CalculatorOutlined />}
          loading={isRunning}
          onClick={() => {
            setIsLive(true);
            void run(definition, state);
          }}
          data-testid="preview-run"
        >
          {t("framework.previewRun")}
        </Button>
      </Flex>
      <PreviewFactTable fields={fields} state={state} onChange={onStateChange} categories={definition.categories ?? []} />
      {error && <Alert type="error" showIcon title={t("framework.previewFailed")} description={error} data-testid="preview-error" />}
      {result && (
        <PreviewResult
          result={result}
          manualIds={new Set(fields.manual.map((rule) => rule.id))}
          code={indicator.code}
          codes={fields.codes}
        />
      )}
    </Flex>
  );
}
