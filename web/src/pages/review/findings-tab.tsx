import { ImportOutlined, PlusOutlined } from "@ant-design/icons";
import { FINDING_STATUSES, type FindingView } from "@kaoping/core";
import { Alert, App, Button, Input, Select, Space, Tag, TreeSelect, Typography } from "antd";
import { type ChangeEvent, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type FindingFilters, type ReviewImportResult, reviewApi } from "../../api/review.ts";
import { ExcelImportModal } from "../../components/excel-import-modal.tsx";
import { useShowError } from "../../components/feedback.ts";
import { type QueryField, QueryForm } from "../../components/query-form.tsx";
import { type QueryColumn, QueryTable } from "../../components/query-table.tsx";
import { usePagedQuery } from "../../components/use-paged-query.ts";
import type { FindingAction } from "./finding-actions.ts";
import { FindingFormModal } from "./finding-form-modal.tsx";
import { FindingRowActions } from "./finding-row-actions.tsx";
import { frameworkOf, indicatorOptions } from "./finding-terms.ts";
import { ReasonModal } from "./reason-modal.tsx";
import type { ReviewTabProps } from "./review-tab.ts";
import { AppealStatusTag, FindingStatusTag, UnitCell } from "./review-tags.tsx";
import { useCampaignUnits } from "./use-campaign-units.ts";

type Dialog =
  | { kind: "form"; finding: FindingView | null }
  | { kind: "withdraw" | "appeal"; finding: FindingView }
  | { kind: "import" }
  | null;

/** 问题台账: reviewers record, confirm, withdraw and import findings; units read theirs and appeal. */
export function FindingsTab({ campaign, onChanged }: ReviewTabProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { options: unitOptions } = useCampaignUnits(campaign.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const evidenceFor = useRef<FindingView | null>(null);
  const query = usePagedQuery<FindingView, FindingFilters>((q) => reviewApi.findings(campaign.id, q));
  const treeData = useMemo(() => indicatorOptions(frameworkOf(campaign).indicators), [campaign]);
  const close = () => setDialog(null);

  function refresh() {
    query.reload();
    onChanged?.();
  }

  async function handleAction(action: FindingAction, finding: FindingView) {
    if (action === "edit") setDialog({ kind: "form", finding });
    if (action === "withdraw" || action === "appeal") setDialog({ kind: action, finding });
    if (action === "evidence") {
      evidenceFor.current = finding;
      fileInput.current?.click();
    }
    if (action === "confirm") {
      try {
        await reviewApi.confirmFinding(campaign.id, finding.id);
        void message.success(t("review.findingConfirmed"));
        refresh();
      } catch (error) {
        showError(error);
      }
    }
  }

  async function handleFiles(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])];
    event.target.value = "";
    const finding = evidenceFor.current;
    if (!finding || !files.length) return;
    try {
      await reviewApi.uploadFindingEvidence(campaign.id, finding.id, files);
      void message.success(t("review.evidenceUploaded", { count: files.length }));
      query.reload();
    } catch (error) {
      showError(error);
    }
  }

  const fields: QueryField[] = [
    {
      name: "unitId",
      label: t("review.unit"),
      control: <Select allowClear showSearch={{ optionFilterProp: "label" }} options={unitOptions} placeholder={t("common.all")} />,
    },
    {
      name: "indicatorCode",
      label: t("review.indicator"),
      control: <TreeSelect allowClear treeData={treeData} showSearch={{ treeNodeFilterProp: "title" }} placeholder={t("common.all")} />,
    },
    {
      name: "status",
      label: t("review.status"),
      control: (
        <Select
          allowClear
          placeholder={t("common.all")}
          options={FINDING_STATUSES.map((status) => ({ value: status, label: t(`review.findingStatus.${status}`) }))}
        />
      ),
    },
    { name: "q", label: t("review.keyword"), control: <Input allowClear placeholder={t("review.findingKeywordPlaceholder")} /> },
  ];

  // Sized for 1440 px screens (a 1 150 px content area): related fields share a cell, long texts end in an
  // ellipsis with the whole text as tooltip, and what must be read whole (points, notice number, status) never wraps.
  const columns: QueryColumn<FindingView>[] = [
    { key: "unit", title: t("review.unit"), width: 130, render: (_, f) => <UnitCell code={f.unitCode} name={f.unitName} /> },
    {
      key: "indicator",
      title: t("review.indicatorAndRule"),
      width: 190,
      render: (_, f) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 180 }}>
          <Typography.Text
            ellipsis={{ tooltip: `${f.indicatorCode} ${f.indicatorName}` }}
          >{`${f.indicatorCode} ${f.indicatorName}`}</Typography.Text>
          <Typography.Text type="secondary" ellipsis={{ tooltip: f.ruleText }} style={{ fontSize: 12 }}>
            {f.ruleText}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: "amount",
      title: t("review.countOrPoints"),
      align: "right",
      width: 88,
      render: (_, f) => (
        <Space orientation="vertical" size={0} style={{ whiteSpace: "nowrap" }}>
          <span>{f.points !== null ? t("review.pointsN", { points: f.points }) : t("review.countN", { count: f.count })}</span>
          {f.sourceLevel && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`enum.sourceLevel.${f.sourceLevel}`, { defaultValue: f.sourceLevel })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: "noticeNo",
      title: t("review.noticeNo"),
      render: (_, f) => (
        <Space orientation="vertical" size={0} style={{ whiteSpace: "nowrap" }} data-testid="finding-notice">
          <span>{f.noticeNo ?? "—"}</span>
          {f.foundOn && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("review.foundOnDate", { date: f.foundOn })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: "description",
      dataIndex: "description",
      title: t("review.description"),
      // The subject (同一宣传内容) leads: findings on one content are told apart from the others at a glance.
      render: (text: string, f) => {
        const shown = f.subject ? `【${f.subject}】${text}` : text;
        return (
          <Typography.Paragraph
            ellipsis={{ rows: 2, tooltip: shown }}
            style={{ margin: 0, minWidth: 150, maxWidth: 220 }}
            data-testid="finding-description-cell"
          >
            {shown}
          </Typography.Paragraph>
        );
      },
    },
    {
      key: "status",
      title: t("review.status"),
      width: 96,
      render: (_, f) => (
        <Space orientation="vertical" size={2} data-testid="finding-status">
          <FindingStatusTag status={f.status} />
          {f.appealStatus && <AppealStatusTag status={f.appealStatus} />}
          {f.evidenceCount > 0 && <Tag color="blue">{t("review.evidenceN", { count: f.evidenceCount })}</Tag>}
        </Space>
      ),
    },
    {
      key: "actions",
      title: t("common.actions"),
      fixed: "right",
      render: (_, finding) => <FindingRowActions campaign={campaign} finding={finding} onAction={handleAction} />,
    },
  ];

  const toolbar = campaign.can.review && (
    <>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => setDialog({ kind: "form", finding: null })}
        data-testid="finding-create"
      >
        {t("review.findingCreate")}
      </Button>
      <Button icon={<ImportOutlined />} onClick={() => setDialog({ kind: "import" })} data-testid="finding-import">
        {t("review.batchImport")}
      </Button>
    </>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="findings-tab">
      {campaign.can.appeal && campaign.status === "appeal" && (
        <Alert
          type={campaign.appealWindow.open ? "info" : "warning"}
          showIcon
          title={campaign.appealWindow.message}
          data-testid="appeal-window"
        />
      )}
      <QueryForm<FindingFilters> fields={fields} onSearch={query.search} />
      <QueryTable query={query} columns={columns} rowKey="id" toolbar={toolbar} data-testid="findings-table" />
      <input ref={fileInput} type="file" multiple hidden onChange={handleFiles} data-testid="finding-evidence-input" />
      <FindingFormModal
        campaign={campaign}
        finding={dialog?.kind === "form" ? dialog.finding : null}
        open={dialog?.kind === "form"}
        unitOptions={unitOptions}
        onClose={close}
        onSaved={refresh}
      />
      <ReasonModal<{ reason: string }>
        title={t("review.withdrawTitle")}
        label={t("review.withdrawReason")}
        open={dialog?.kind === "withdraw"}
        onClose={close}
        onSubmit={({ reason }) =>
          dialog?.kind === "withdraw" ? reviewApi.withdrawFinding(campaign.id, dialog.finding.id, reason) : Promise.resolve()
        }
        onSaved={refresh}
        successText={t("review.findingWithdrawn")}
        submitTestId="finding-withdraw-submit"
      />
      <ReasonModal<{ reason: string }>
        title={t("review.appealTitle")}
        label={t("review.appealReason")}
        open={dialog?.kind === "appeal"}
        onClose={close}
        onSubmit={({ reason }) =>
          dialog?.kind === "appeal" ? reviewApi.appeal(campaign.id, dialog.finding.id, reason) : Promise.resolve()
        }
        onSaved={refresh}
        successText={t("review.appealSubmitted")}
        submitTestId="appeal-submit"
      />
      <ExcelImportModal<ReviewImportResult>
        title={t("review.findingImportTitle")}
        open={dialog?.kind === "import"}
        onClose={close}
        upload={(file, confirm) => reviewApi.importFindings(campaign.id, file, confirm)}
        downloadTemplate={() => reviewApi.findingTemplate(campaign.id)}
        onImported={refresh}
        updateExistingLabel={t("review.importConfirm")}
        updateExistingHint={t("review.importConfirmHint")}
        describeResult={(result) => t("review.imported", { count: result.created ?? 0 })}
      />
    </Space>
  );
}
