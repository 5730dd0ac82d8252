import type { FrameworkStatus } from "@kaoping/core";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";

const COLORS: Record<FrameworkStatus, string> = { draft: "processing", published: "success", archived: "default" };

/** 草稿 / 已发布 / 已归档 as a blue, green or grey tag. */
export function FrameworkStatusTag({ status }: { status: FrameworkStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid="framework-status">
      {t(`enum.frameworkStatus.${status}`)}
    </Tag>
  );
}
