import { ExperimentOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { reviewApi, type WhatIfResult } from "../../api/review.ts";
import { useShowError } from "../../components/feedback.ts";

interface WhatIfBarProps {
  campaignId: string;
  unitId: string;
  /** The findings ticked in the trace. */
  selected: string[];
  onClear: () => void;
}

/** 模拟去除: the unit's total and rank now and without the ticked findings; nothing is changed. */
export function WhatIfBar({ campaignId, unitId, selected, onClear }: WhatIfBarProps) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [result, setResult] = useState<WhatIfResult | null>(null);
  const [isRunning, setIsRunning] = useState(false);
  const rank = (value: number | null) => (value === null ? t("review.unranked") : String(value));

  async function handleRun() {
    setIsRunning(true);
    try {
      setResult(await reviewApi.whatIf(campaignId, unitId, selected));
    } catch (error) {
      showError(error);
    } finally {
      setIsRunning(false);
    }
  }

  return (
    <Flex vertical gap={8}>
      <Flex gap={8} align="center" wrap>
        <Button
          icon={<ExperimentOutlined />}
          type="primary"
          ghost
          disabled={!selected.length}
          loading={isRunning}
          onClick={handleRun}
          data-testid="what-if-run"
        >
          {t("review.whatIfRun")}
        </Button>
        <Typography.Text type="secondary">
          {selected.length ? t("review.whatIfSelected", { count: selected.length }) : t("review.whatIfHint")}
        </Typography.Text>
        {selected.length > 0 && (
          <Button type="link" size="small" onClick={onClear}>
            {t("review.whatIfClear")}
          </Button>
        )}
      </Flex>
      {result && (
        <Alert
          type="info"
          showIcon
          data-testid="what-if-result"
          title={t("review.whatIfResult", {
            count: result.excluded.length,
            before: result.current.total,
            after: result.whatIf.total,
            rankBefore: rank(result.current.rank),
            rankAfter: rank(result.whatIf.rank),
          })}
          closable={{ onClose: () => setResult(null) }}
        />
      )}
    </Flex>
  );
}
