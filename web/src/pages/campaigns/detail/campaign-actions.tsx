import type { CampaignView } from "@kaoping/core";
import { App, Button, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { campaignsApi } from "../../../api/campaigns.ts";
import { ApiRequestError } from "../../../api/client.ts";
import { reviewApi } from "../../../api/review.ts";
import { errorText, testId, useShowError } from "../../../components/feedback.ts";
import { ReasonModal } from "../../review/reason-modal.tsx";
import { ProvisionalList } from "../../review/score-marks.tsx";
import { type CampaignAction, campaignActions } from "../campaign-status.ts";

function run(campaign: CampaignView, action: CampaignAction, reason?: string, confirmPending?: boolean): Promise<unknown> {
  if (action.to) return campaignsApi.transition(campaign.id, action.to, reason);
  return campaignsApi.publish(campaign.id, reason, confirmPending);
}

const isPublication = (action: CampaignAction) => action.key === "publish" || action.key === "republish";

/**
 * The office's status commands for the campaign's current status, each behind a
 * confirmation (or a reason, where the server requires one). A refusal (409:
 * draft findings left, appeals pending …) shows the server's message in full.
 */
export function CampaignActions({ campaign, onDone }: { campaign: CampaignView; onDone: () => void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const [asking, setAsking] = useState<CampaignAction | null>(null);
  // Set once the office has seen what keeps the result 暂定 and chose to publish it anyway.
  const [confirmedPending, setConfirmedPending] = useState(false);
  if (!campaign.can.manage) return null;

  function showRefusal(error: unknown) {
    if (error instanceof ApiRequestError && error.status === 409) {
      modal.error({ title: t("campaign.conflictTitle"), content: errorText(error) });
    } else {
      showError(error);
    }
  }

  async function perform(action: CampaignAction, reason?: string, confirmPending?: boolean) {
    await run(campaign, action, reason, confirmPending);
    void message.success(t("campaign.actionDone", { action: t(`campaign.actions.${action.key}`) }));
    onDone();
  }

  function proceed(action: CampaignAction, confirmPending: boolean) {
    if (action.needsReason) {
      setConfirmedPending(confirmPending);
      setAsking(action);
      return;
    }
    modal.confirm({
      title: t(`campaign.actions.${action.key}`),
      content: t(`campaign.actionConfirm.${action.key}`),
      okButtonProps: testId("campaign-action-confirm"),
      onOk: () => perform(action, undefined, confirmPending).catch(showRefusal),
    });
  }

  /** A 暂定 result is published only after the office has seen the list of what is missing. */
  async function handleClick(action: CampaignAction) {
    if (!isPublication(action)) return proceed(action, false);
    const board = await reviewApi.scores(campaign.id).catch((error: unknown) => {
      showError(error);
      return null;
    });
    if (!board) return;
    if (!board.provisional) return proceed(action, false);
    modal.confirm({
      title: t("scoreStates.confirmPublishTitle"),
      width: 640,
      content: (
        <>
          <p>{t("scoreStates.confirmPublishBody", { count: board.missing.length })}</p>
          <ProvisionalList items={board.missing} />
        </>
      ),
      okText: t("scoreStates.confirmPublishOk"),
      okButtonProps: testId("publish-provisional-confirm"),
      onOk: () => proceed(action, true),
    });
  }

  return (
    <Space wrap>
      {campaignActions(campaign.status).map((action) => (
        <Button
          key={action.key}
          type={action.isPrimary ? "primary" : "default"}
          onClick={() => void handleClick(action)}
          data-testid={`campaign-action-${action.key}`}
        >
          {t(`campaign.actions.${action.key}`)}
        </Button>
      ))}
      <ReasonModal<{ reason: string }>
        title={asking ? t(`campaign.actions.${asking.key}`) : ""}
        open={asking !== null}
        onClose={() => setAsking(null)}
        label={t("campaign.reason")}
        submitTestId="campaign-action-reason-submit"
        successText={asking ? t("campaign.actionDone", { action: t(`campaign.actions.${asking.key}`) }) : undefined}
        onSubmit={async ({ reason }) => asking && run(campaign, asking, reason, confirmedPending)}
        onSaved={onDone}
      >
        {asking && <p>{t(`campaign.actionConfirm.${asking.key}`)}</p>}
      </ReasonModal>
    </Space>
  );
}
