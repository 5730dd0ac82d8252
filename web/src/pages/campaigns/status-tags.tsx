import type { CampaignStatus, Completion, SubmissionStatus } from "@kaoping/core";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";

const CAMPAIGN_COLORS: Record<CampaignStatus, string> = {
  draft: "default",
  reporting: "processing",
  reviewing: "purple",
  appeal: "warning",
  published: "success",
  archived: "default",
};

const SUBMISSION_COLORS: Record<SubmissionStatus, string> = {
  open: "default",
  submitted: "processing",
  confirmed: "success",
  returned: "error",
};

export const COMPLETION_COLORS: Record<Completion, string> = {
  done: "success",
  partial: "warning",
  not_done: "error",
  not_applicable: "default",
};

/** 草稿 / 自查填报 / 评审 / 申诉 / 已发布 / 已归档. */
export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={CAMPAIGN_COLORS[status]} data-testid="campaign-status">
      {t(`campaign.enum.status.${status}`)}
    </Tag>
  );
}

/** 填报中 / 已提交待确认 / 已确认（已盖章） / 退回补正. */
export function SubmissionStatusTag({ status, testId }: { status: SubmissionStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={SUBMISSION_COLORS[status]} data-testid={testId} data-status={status}>
      {t(`campaign.enum.submissionStatus.${status}`)}
    </Tag>
  );
}
