import { BulbOutlined } from "@ant-design/icons";
import { guideFieldLabel } from "@kaoping/core";
import { Flex, Popover, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { SeverityTag } from "./guide-tags.tsx";
import type { FindingView } from "./guides-api.ts";

/** 修改建议 with the seed's words it rests on, behind a link. */
export function FixHint({ finding }: { finding: Pick<FindingView, "fix" | "seed"> }) {
  const { t } = useTranslation();
  if (!finding.fix && !finding.seed) return null;
  const content = (
    <Space orientation="vertical" size={4} style={{ maxWidth: 420 }}>
      {finding.fix && <Typography.Text>{finding.fix}</Typography.Text>}
      {finding.seed && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("guide.seed")}：{finding.seed}
        </Typography.Text>
      )}
    </Space>
  );
  return (
    <Popover content={content} title={t("guide.fix")}>
      <Typography.Link style={{ whiteSpace: "nowrap" }}>
        <BulbOutlined /> {t("guide.fix")}
      </Typography.Link>
    </Popover>
  );
}

/** One finding: severity, the check's message, where, the offending value, and how to fix it. */
export function FindingLine({ finding }: { finding: FindingView }) {
  return (
    <Flex gap={6} align="baseline" wrap data-testid="guide-finding" data-check={finding.checkId}>
      <SeverityTag severity={finding.severity} />
      <Typography.Text>{finding.message}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {guideFieldLabel(finding.path)}
      </Typography.Text>
      {finding.detail && (
        <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 480 }} ellipsis={{ tooltip: finding.detail }}>
          {finding.detail}
        </Typography.Text>
      )}
      <FixHint finding={finding} />
    </Flex>
  );
}
