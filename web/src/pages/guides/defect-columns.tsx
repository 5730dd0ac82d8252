import { GUIDE_CHANNEL_LABELS, type GuideChannel, guideFieldLabel } from "@kaoping/core";
import { Space, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../components/format.ts";
import type { QueryColumn } from "../../components/query-table.tsx";
import { elementGroup } from "./guide-labels.ts";
import { SeverityTag } from "./guide-tags.tsx";
import type { FindingView } from "./guides-api.ts";

type Defect = FindingView & { createdAt: string; channel: GuideChannel };

/** The columns every defect table shares (an item's 待整改问题, the 整改台账), for the page to order with its own. */
export function useDefectColumns<T extends Defect>(): Record<
  "element" | "group" | "problem" | "path" | "fix" | "channel" | "createdAt",
  QueryColumn<T>
> {
  const { t } = useTranslation();
  return {
    element: { key: "element", dataIndex: "elementLabel", title: t("guide.element") },
    group: { key: "group", title: t("guide.elementGroup"), render: (_, d) => elementGroup(d.element) },
    problem: {
      key: "problem",
      title: t("guide.problem"),
      render: (_, d) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 360 }}>
          <span>
            <SeverityTag severity={d.severity} />
            {d.message}
          </span>
          {d.detail && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: d.detail }}>
              {d.detail}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    path: {
      key: "path",
      dataIndex: "path",
      title: t("guide.path"),
      render: (path: string) => <Typography.Text>{guideFieldLabel(path)}</Typography.Text>,
    },
    fix: {
      key: "fix",
      dataIndex: "fix",
      title: t("guide.fix"),
      render: (fix: string, d) => (
        <Tooltip title={d.seed ? `${t("guide.seed")}：${d.seed}` : undefined}>
          <Typography.Paragraph style={{ marginBottom: 0, maxWidth: 320 }} ellipsis={{ rows: 2, expandable: "collapsible" }}>
            {fix || "—"}
          </Typography.Paragraph>
        </Tooltip>
      ),
    },
    channel: {
      key: "channel",
      dataIndex: "channel",
      title: t("guide.channel"),
      render: (channel: GuideChannel) => GUIDE_CHANNEL_LABELS[channel] ?? channel,
    },
    createdAt: { key: "createdAt", dataIndex: "createdAt", title: t("guide.foundAt"), render: formatDateTime },
  };
}
