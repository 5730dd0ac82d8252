import type { CodeGapCount } from "@kaoping/core";
import { Alert, Button, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";

/**
 * 代码表缺口: the codes guides of this source hold that its tables do not know,
 * each with the guides it touches, and a button to add it to its list. These
 * are the office's configuration to complete, not defects of the guides.
 */
export function CodeGapsAlert(props: { source: string; gaps: readonly CodeGapCount[]; onAdd: (gap: CodeGapCount) => void }) {
  const { t } = useTranslation();
  const { source, gaps, onAdd } = props;
  if (gaps.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="code-gaps-none">
        {t("guide.settings.gapsNone", { source })}
      </Typography.Text>
    );
  }
  return (
    <Alert
      type="warning"
      showIcon
      title={t("guide.settings.gapsTitle", { count: gaps.length, source })}
      data-testid="code-gaps"
      description={
        <Flex vertical gap={4}>
          <Typography.Text type="secondary">{t("guide.settings.gapsHint")}</Typography.Text>
          {gaps.map((gap) => (
            <Flex key={`${gap.table}:${gap.code}`} align="center" gap={8} wrap data-testid="code-gap">
              <span>
                {t("guide.settings.gapLine", {
                  list: t(`guide.settings.list.${gap.table}`),
                  code: gap.code,
                  guides: gap.guides,
                  paths: gap.paths.join("、"),
                  examples: gap.examples.join("、"),
                })}
              </span>
              <Button size="small" onClick={() => onAdd(gap)} data-testid={`code-gap-add-${gap.table}-${gap.code}`}>
                {t("guide.settings.gapAdd")}
              </Button>
            </Flex>
          ))}
        </Flex>
      }
    />
  );
}
