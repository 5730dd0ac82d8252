import { SaveOutlined } from "@ant-design/icons";
import { COMPLETIONS, type Completion, type SelfAssessmentView } from "@kaoping/core";
import { Alert, App, Button, Descriptions, Flex, Input, Radio, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { submissionsApi } from "../../../api/campaigns.ts";
import { ApiRequestError } from "../../../api/client.ts";
import { useShowError } from "../../../components/feedback.ts";
import { formatDateTime } from "../../../components/format.ts";

interface SelfAssessmentFormProps {
  campaignId: string;
  unitId: string;
  item: SelfAssessmentView;
  isEditable: boolean;
  onSaved: (item: SelfAssessmentView) => void;
  /** Re-reads the submission (after a conflict, or when the reports were locked meanwhile). */
  onReload: () => Promise<void>;
  onDirtyChange: (isDirty: boolean) => void;
}

type Refusal = { kind: "stale" | "locked"; message: string } | null;

/**
 * One indicator's self-assessment: completion and narrative, saved with the
 * version it was loaded at. A save over someone else's newer version is
 * refused (409) and never retried silently: the user reloads on purpose.
 */
export function SelfAssessmentForm({ campaignId, unitId, item, isEditable, onSaved, onReload, onDirtyChange }: SelfAssessmentFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [completion, setCompletion] = useState<Completion | null>(item.completion);
  const [narrative, setNarrative] = useState(item.narrative);
  const [baseVersion, setBaseVersion] = useState(item.version);
  const [isDirty, setIsDirty] = useState(false);
  const [isSaving, setIsSaving] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>(null);

  // A newer copy from the server (after an upload or a reload) replaces the form unless the user has edits in it.
  const [shown, setShown] = useState(item);
  if (item !== shown) {
    setShown(item);
    if (!isDirty) {
      setCompletion(item.completion);
      setNarrative(item.narrative);
      setBaseVersion(item.version);
    }
  }

  function markDirty(next: boolean) {
    setIsDirty(next);
    onDirtyChange(next);
  }

  async function handleSave() {
    setIsSaving(true);
    setRefusal(null);
    try {
      const saved = await submissionsApi.saveSelfAssessment(campaignId, unitId, item.indicatorCode, {
        completion,
        narrative,
        version: baseVersion,
      });
      setBaseVersion(saved.version);
      markDirty(false);
      onSaved(saved);
      void message.success(t("common.saved"));
    } catch (error) {
      if (error instanceof ApiRequestError && (error.status === 409 || error.status === 423)) {
        setRefusal({ kind: error.status === 409 ? "stale" : "locked", message: error.message });
        if (error.status === 423) void onReload();
      } else {
        showError(error);
      }
    } finally {
      setIsSaving(false);
    }
  }

  async function handleReload() {
    markDirty(false);
    setRefusal(null);
    await onReload();
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="self-assessment-form">
      <div>
        <Typography.Text type="secondary">{item.path.join(" / ")}</Typography.Text>
        <Typography.Title level={5} style={{ margin: "4px 0 0" }} data-testid="self-assessment-title">
          {item.indicatorCode} {item.indicatorName}
        </Typography.Title>
      </div>
      {(item.points || item.assessmentPoint) && (
        <Descriptions size="small" column={1} bordered>
          {item.points && <Descriptions.Item label={t("campaign.points")}>{item.points}</Descriptions.Item>}
          {item.assessmentPoint && (
            <Descriptions.Item label={t("campaign.assessmentPoint")}>
              <span style={{ whiteSpace: "pre-wrap" }}>{item.assessmentPoint}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      {refusal?.kind === "stale" && (
        <Alert
          type="error"
          showIcon
          data-testid="self-assessment-stale"
          title={t("campaign.staleTitle")}
          description={`${t("campaign.staleText")}（${refusal.message}）`}
          action={
            <Button size="small" onClick={handleReload} data-testid="self-assessment-reload">
              {t("campaign.reload")}
            </Button>
          }
        />
      )}
      {refusal?.kind === "locked" && (
        <Alert
          type="warning"
          showIcon
          data-testid="self-assessment-locked"
          title={t("campaign.lockedTitle")}
          description={refusal.message}
        />
      )}
      <div>
        <Typography.Text strong>{t("campaign.completion")}</Typography.Text>
        <div style={{ marginTop: 8 }}>
          <Radio.Group
            value={completion}
            disabled={!isEditable}
            onChange={(event) => {
              setCompletion(event.target.value as Completion);
              markDirty(true);
            }}
          >
            {COMPLETIONS.map((value) => (
              <Radio key={value} value={value}>
                <span data-testid={`completion-${value}`}>{t(`campaign.enum.completion.${value}`)}</span>
              </Radio>
            ))}
          </Radio.Group>
        </div>
      </div>
      <div>
        <Typography.Text strong>{t("campaign.narrative")}</Typography.Text>
        <Input.TextArea
          style={{ marginTop: 8 }}
          autoSize={{ minRows: 6, maxRows: 16 }}
          maxLength={20_000}
          showCount
          readOnly={!isEditable}
          placeholder={isEditable ? t("campaign.narrativePlaceholder") : undefined}
          aria-label={t("campaign.narrative")}
          value={narrative}
          onChange={(event) => {
            setNarrative(event.target.value);
            markDirty(true);
          }}
          data-testid="narrative-input"
        />
      </div>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space size={8}>
          {isDirty && <Tag color="warning">{t("campaign.unsaved")}</Tag>}
          <Typography.Text type="secondary" data-testid="self-assessment-saved">
            {item.updatedAt
              ? t("campaign.lastSaved", { by: item.updatedBy ?? "—", at: formatDateTime(item.updatedAt), version: item.version })
              : t("campaign.neverSaved")}
          </Typography.Text>
        </Space>
        {isEditable && (
          <Button
            type="primary"
            icon={<SaveOutlined />}
            loading={isSaving}
            disabled={!isDirty}
            onClick={handleSave}
            data-testid="save-self-assessment"
          >
            {t("common.save")}
          </Button>
        )}
      </Flex>
    </Space>
  );
}
