import type { CampaignView } from "@kaoping/core";
import { App, Button, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { campaignsApi } from "../../../api/campaigns.ts";
import { ApiRequestError } from "../../../api/client.ts";
import { reviewApi } from "../../../api/review.ts";
import { useAcknowledge } from "../../../components/acknowledge-dialog.tsx";
import { type Acknowledgement, runAcknowledged } from "../../../components/acknowledgement.ts";
import { errorText, testId, useShowError } from "../../../components/feedback.ts";
import { ReasonModal } from "../../review/reason-modal.tsx";
import { ProvisionalList } from "../../review/score-marks.tsx";
import { type CampaignAction, campaignActions } from "../campaign-status.ts";

/** `acknowledged`: opening appeals outside their dates (a transition) or a 暂定 result (a publication) was confirmed. */
function run(campaign: CampaignView, action: CampaignAction, reason?: string, acknowledged = false): Promise<unknown> {
  if (action.to) return campaignsApi.transition(campaign.id, action.to, reason, acknowledged);
  return campaignsApi.publish(campaign.id, reason, acknowledged);
}

const isPublication = (action: CampaignAction) => action.key === "publish" || action.key === "republish";

/**
 * The office's status commands for the campaign's current status, each behind a
 * confirmation (or a reason, where the server requires one). A refusal (409:
 * draft findings left, appeals pending …) shows the server's message in full.
 * A warning the server would ask to acknowledge (opening appeals outside their
 * dates: `appealOpening`; publishing a 暂定 result) is the confirmation itself, so it is asked once.
 */
export function CampaignActions({ campaign, onDone }: { campaign: CampaignView; onDone: () => void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const acknowledge = useAcknowledge();
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

  async function perform(action: CampaignAction, acknowledged = false) {
    const ask = (acknowledgement: Acknowledgement) => askOutsideWindow(acknowledgement.message);
    const done = await runAcknowledged((ack) => run(campaign, action, undefined, ack), ask, acknowledged);
    if (done === null) return;
    void message.success(t("campaign.actionDone", { action: t(`campaign.actions.${action.key}`) }));
    onDone();
  }

  function askOutsideWindow(warning: string) {
    return acknowledge({
      title: t("campaign.appealOutsideTitle"),
      message: warning,
      items: [],
      okText: t("campaign.appealOutsideOk"),
      okTestId: "campaign-action-confirm",
    });
  }

  function proceed(action: CampaignAction, acknowledged: boolean) {
    if (action.needsReason) {
      setConfirmedPending(acknowledged);
      setAsking(action);
      return;
    }
    modal.confirm({
      title: t(`campaign.actions.${action.key}`),
      content: t(`campaign.actionConfirm.${action.key}`),
      okButtonProps: testId("campaign-action-confirm"),
      onOk: () => perform(action, acknowledged).catch(showRefusal),
    });
  }

  /** A 暂定 result is published only after the office has seen the list of what is missing. */
  async function confirmPublication(action: CampaignAction) {
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

  async function handleClick(action: CampaignAction) {
    if (isPublication(action)) return confirmPublication(action);
    if (action.key === "appeal" && campaign.appealOpening) {
      if (await askOutsideWindow(campaign.appealOpening)) await perform(action, true).catch(showRefusal);
      return;
    }
    proceed(action, false);
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
