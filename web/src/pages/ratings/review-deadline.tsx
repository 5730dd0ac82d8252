import { Space, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../components/format.ts";
import type { ReviewDeadline } from "./review-steps.ts";

/**
 * A step's deadline: the instant, or 时限无法计算 when the calendar lacks the year; 超期 in red while
 * the step is past it; with `showDone`, when the step was done (逾期完成 when after it).
 */
export function DeadlineText({ deadline, showDone = false }: { deadline: ReviewDeadline | null; showDone?: boolean }) {
  const { t } = useTranslation();
  if (!deadline) return <>—</>;
  return (
    <Space size={4} wrap data-testid="review-deadline" data-overdue={deadline.isOverdue}>
      {deadline.dueAt ? (
        <Typography.Text type={deadline.isOverdue ? "danger" : undefined}>{formatDateTime(deadline.dueAt)}</Typography.Text>
      ) : (
        <Tooltip title={t("ratings.review.deadlineUnknownHint")}>
          <Typography.Text type="warning" data-testid="deadline-unknown">
            {t("ratings.review.deadlineUnknown")}
          </Typography.Text>
        </Tooltip>
      )}
      {deadline.isOverdue && (
        <Tag color="error" data-testid="review-overdue">
          {t("ratings.review.overdue")}
        </Tag>
      )}
      {showDone && deadline.doneAt && (
        <Typography.Text type="secondary">{t("ratings.review.doneAt", { at: formatDateTime(deadline.doneAt) })}</Typography.Text>
      )}
      {showDone && deadline.isLate && <Tag color="warning">{t("ratings.review.lateDone")}</Tag>}
    </Space>
  );
}
