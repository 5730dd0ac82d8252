import {
  ArrowLeftOutlined,
  FileExcelOutlined,
  FilePdfOutlined,
  FileTextOutlined,
  PrinterOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
} from "@ant-design/icons";
import type { CampaignView, SubmissionView } from "@kaoping/core";
import { App, Button, Card, Descriptions, Flex, Popconfirm, Space, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { submissionsApi, unitReportUrls } from "../../../api/campaigns.ts";
import { download } from "../../../api/client.ts";
import { evidenceApi } from "../../../api/evidence.ts";
import { useAcknowledge } from "../../../components/acknowledge-dialog.tsx";
import { type Acknowledgement, runAcknowledged } from "../../../components/acknowledgement.ts";
import { testId, useShowError } from "../../../components/feedback.ts";
import { formatDateTime } from "../../../components/format.ts";
import { campaignPath, hasResults, isReportEditable, isReportingPhase, shortSeal } from "../campaign-status.ts";
import { SubmissionStatusTag } from "../status-tags.tsx";
import { isReported } from "./indicator-tree-data.ts";

interface WorkspaceHeaderProps {
  campaign: CampaignView;
  submission: SubmissionView;
  onChanged: (submission: SubmissionView) => void;
}

/** The unit, its submission status, deadline, 迟报/漏报 and seal; 提交, 确认并盖章, the catalogue and the reports. */
export function WorkspaceHeader({ campaign, submission, onChanged }: WorkspaceHeaderProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const acknowledge = useAcknowledge();
  const { unitId } = submission;
  const canSubmit = campaign.can.submit && isReportEditable(campaign.status, submission);
  const canConfirm = campaign.can.confirm && submission.status === "submitted" && isReportingPhase(campaign.status, submission);
  const reports = unitReportUrls(campaign.id, unitId);

  // 未填 indicators: one dialog naming them, acknowledged with the submit. They are read from the
  // items (which saves keep current) by the rule the progress shows; a list that differs on the
  // server (another editor) comes back as its 409 and is asked about again.
  const unfilled = submission.items.filter((item) => !isReported(item));
  async function submit(acknowledged: boolean) {
    try {
      const ask = (acknowledgement: Acknowledgement) => askUnfilled(acknowledgement, acknowledgement.items.length);
      const next = await runAcknowledged((confirmEmpty) => submissionsApi.submit(campaign.id, unitId, confirmEmpty), ask, acknowledged);
      if (!next) return;
      onChanged(next);
      void message.success(t("campaign.submitted"));
    } catch (error) {
      showError(error);
    }
  }

  function askUnfilled(acknowledgement: Acknowledgement, count: number) {
    return acknowledge({
      ...acknowledgement,
      title: t("campaign.unfilledTitle", { count }),
      okText: t("campaign.unfilledOk"),
      cancelText: t("campaign.unfilledCancel"),
      okTestId: "submit-unfilled-ok",
    });
  }

  async function handleSubmitUnfilled() {
    const items = unfilled.map((item) => `${item.indicatorCode} ${item.indicatorName}`);
    if (await askUnfilled({ message: t("campaign.unfilledText"), items }, items.length)) await submit(true);
  }

  function handleConfirm() {
    modal.confirm({
      title: t("campaign.confirmSealTitle"),
      content: t("campaign.confirmSealText"),
      okText: t("campaign.confirmSeal"),
      okButtonProps: testId("confirm-submission-ok"),
      width: 520,
      onOk: async () => {
        try {
          onChanged(await submissionsApi.confirm(campaign.id, unitId));
          void message.success(t("campaign.confirmed"));
        } catch (error) {
          showError(error);
        }
      },
    });
  }

  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(campaignPath(campaign.id))} aria-label={campaign.name} />
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="workspace-unit">
            {submission.unitName}
          </Typography.Title>
          <Tag>{submission.unitCode}</Tag>
          <Typography.Text type="secondary">{campaign.name}</Typography.Text>
          <SubmissionStatusTag status={submission.status} testId="submission-status" />
          {submission.late && (
            <Tag color="error" data-testid="submission-late">
              {t("campaign.late")}
            </Tag>
          )}
          {submission.missing && (
            <Tag color="error" data-testid="submission-missing">
              {t("campaign.missing")}
            </Tag>
          )}
        </Space>
        <Space wrap>
          {canSubmit && unfilled.length > 0 && (
            <Button type="primary" icon={<SendOutlined />} onClick={handleSubmitUnfilled} data-testid="submit-submission">
              {t("campaign.submit")}
            </Button>
          )}
          {canSubmit && unfilled.length === 0 && (
            <Popconfirm title={t("campaign.submitConfirm")} onConfirm={() => submit(false)} okButtonProps={testId("submit-submission-ok")}>
              <Button type="primary" icon={<SendOutlined />} data-testid="submit-submission">
                {t("campaign.submit")}
              </Button>
            </Popconfirm>
          )}
          {canConfirm && (
            <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={handleConfirm} data-testid="confirm-submission">
              {t("campaign.confirmSeal")}
            </Button>
          )}
          <Button
            icon={<FileExcelOutlined />}
            onClick={() => evidenceApi.downloadCatalogue(campaign.id, unitId, submission.unitName).catch(showError)}
            data-testid="export-catalogue"
          >
            {t("campaign.exportCatalogue")}
          </Button>
          <Button
            icon={<PrinterOutlined />}
            href={evidenceApi.catalogueHtmlUrl(campaign.id, unitId)}
            target="_blank"
            data-testid="print-catalogue"
          >
            {t("campaign.printCatalogue")}
          </Button>
          {hasResults(campaign.status) && (
            <>
              <Button icon={<FileTextOutlined />} href={reports.html} target="_blank" data-testid="unit-report">
                {t("campaign.analysisReport")}
              </Button>
              <Button
                icon={<FilePdfOutlined />}
                onClick={() => download(reports.pdf, undefined, `${submission.unitName}-分析报告.pdf`).catch(showError)}
                data-testid="unit-report-pdf"
              >
                {t("campaign.downloadPdf")}
              </Button>
            </>
          )}
        </Space>
      </Flex>
      <Descriptions size="small" style={{ marginTop: 12 }} column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={t("campaign.deadline")}>{`${campaign.phases.reportingCloses} 24:00`}</Descriptions.Item>
        {submission.submittedAt && (
          <Descriptions.Item label={t("campaign.submit")}>
            {t("campaign.submittedBy", { by: submission.submittedBy ?? "—", at: formatDateTime(submission.submittedAt) })}
          </Descriptions.Item>
        )}
        {submission.seal && (
          <Descriptions.Item label={t("campaign.seal")}>
            <Space size={4} wrap>
              <Tooltip title={submission.seal}>
                <Typography.Text code copyable={{ text: submission.seal }} data-testid="submission-seal">
                  {shortSeal(submission.seal)}
                </Typography.Text>
              </Tooltip>
              {submission.confirmedAt && (
                <Typography.Text type="secondary">
                  {t("campaign.sealBy", { by: submission.confirmedBy ?? "—", at: formatDateTime(submission.confirmedAt) })}
                </Typography.Text>
              )}
            </Space>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
