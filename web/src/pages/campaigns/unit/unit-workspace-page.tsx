import type { CampaignView, SelfAssessmentView, SubmissionView } from "@kaoping/core";
import { Alert, App, Card, Col, Divider, Empty, Result, Row, Space, Spin, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { campaignsApi, submissionsApi } from "../../../api/campaigns.ts";
import { isOpenSubmission, isReportEditable, isReportingPhase } from "../campaign-status.ts";
import { useLoaded } from "../use-loaded.ts";
import { EvidenceList } from "./evidence-list.tsx";
import { IndicatorTree } from "./indicator-tree.tsx";
import { isReported } from "./indicator-tree-data.ts";
import { SelfAssessmentForm } from "./self-assessment-form.tsx";
import { WorkspaceHeader } from "./workspace-header.tsx";

/** /assess/campaigns/:id/units/:unitId — a new unit is a new screen. */
export function UnitWorkspacePage() {
  const { id = "", unitId = "" } = useParams();
  return <UnitWorkspace key={`${id}/${unitId}`} campaignId={id} unitId={unitId} />;
}

function UnitWorkspace({ campaignId, unitId }: { campaignId: string; unitId: string }) {
  const { t } = useTranslation();
  const campaign = useLoaded(campaignId, () => campaignsApi.get(campaignId));
  const submission = useLoaded(`${campaignId}/${unitId}`, () => submissionsApi.get(campaignId, unitId));

  if (campaign.isNotFound || submission.isNotFound) return <Result status="404" title={t("common.notFound")} />;
  if (!campaign.data || !submission.data) return <Spin size="large" style={{ display: "block", margin: "20vh auto" }} />;

  function handleChanged(next: SubmissionView) {
    submission.set(next);
    void campaign.reload();
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <WorkspaceHeader campaign={campaign.data} submission={submission.data} onChanged={handleChanged} />
      <StatusAlerts campaign={campaign.data} submission={submission.data} />
      <Workspace campaign={campaign.data} submission={submission.data} onSubmission={submission.set} onReload={submission.reload} />
    </Space>
  );
}

/** Why the reports cannot be edited, or were sent back. */
function StatusAlerts({ campaign, submission }: { campaign: CampaignView; submission: SubmissionView }) {
  const { t } = useTranslation();
  return (
    <>
      {submission.status === "returned" && submission.returnReason && (
        <Alert
          type="error"
          showIcon
          data-testid="return-reason"
          title={t("campaign.returnedAlert")}
          description={submission.returnReason}
        />
      )}
      {campaign.can.submit && isReportingPhase(campaign.status, submission) && !isOpenSubmission(submission.status) && (
        <Alert type="info" showIcon title={t("campaign.lockedAlert")} data-testid="submission-locked" />
      )}
      {campaign.can.submit && !isReportingPhase(campaign.status, submission) && (
        <Alert type="info" showIcon title={t("campaign.readOnlyAlert")} />
      )}
    </>
  );
}

interface WorkspaceProps {
  campaign: CampaignView;
  submission: SubmissionView;
  onSubmission: (submission: SubmissionView) => void;
  onReload: () => Promise<void>;
}

/** The indicator tree at the left; the chosen indicator's self-assessment and evidence at the right. */
function Workspace({ campaign, submission, onSubmission, onReload }: WorkspaceProps) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [selectedCode, setSelectedCode] = useState<string | null>(submission.items[0]?.indicatorCode ?? null);
  const [isDirty, setIsDirty] = useState(false);
  const selected = submission.items.find((item) => item.indicatorCode === selectedCode) ?? null;
  const isEditable = campaign.can.submit && isReportEditable(campaign.status, submission);
  const reported = submission.items.filter(isReported).length;

  function handleSelect(code: string) {
    if (code === selectedCode) return;
    if (!isDirty) {
      setSelectedCode(code);
      return;
    }
    modal.confirm({
      title: t("campaign.unsaved"),
      content: t("campaign.discardEdits"),
      onOk: () => {
        setIsDirty(false);
        setSelectedCode(code);
      },
    });
  }

  function handleSaved(item: SelfAssessmentView) {
    onSubmission({ ...submission, items: submission.items.map((other) => (other.indicatorCode === item.indicatorCode ? item : other)) });
  }

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="0 0 34%" style={{ minWidth: 280 }}>
        <Card
          size="small"
          title={t("campaign.indicators")}
          extra={
            <Typography.Text type="secondary">{t("campaign.reportedCount", { reported, total: submission.items.length })}</Typography.Text>
          }
        >
          <IndicatorTree items={submission.items} selectedCode={selectedCode} onSelect={handleSelect} />
        </Card>
      </Col>
      <Col flex="1 1 0" style={{ minWidth: 0 }}>
        <Card size="small">
          {selected ? (
            <>
              <SelfAssessmentForm
                key={selected.indicatorCode}
                campaignId={campaign.id}
                unitId={submission.unitId}
                item={selected}
                isEditable={isEditable}
                onSaved={handleSaved}
                onReload={onReload}
                onDirtyChange={setIsDirty}
              />
              <Divider />
              <EvidenceList
                campaignId={campaign.id}
                unitId={submission.unitId}
                indicatorCode={selected.indicatorCode}
                evidence={selected.evidence}
                isEditable={isEditable}
                onChanged={onReload}
              />
            </>
          ) : (
            <Empty description={t("campaign.pickIndicator")} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
