import { type AppealKind, LIMITS, type ReviewAction, type ReviewDetailView } from "@kaoping/core";
import { Alert, Form, Input, Select } from "antd";
import { useTranslation } from "react-i18next";
import { ApiRequestError } from "../../api/client.ts";
import { FormModal } from "../../components/form-modal.tsx";
import { selectRule, textRules } from "../../components/form-rules.ts";
import type { PickedAttachments } from "../../components/picked-attachments.ts";
import { AttachmentUpload } from "../../components/step-attachments.tsx";
import { appealKindOptions, reviewStepLabel } from "./rating-labels.ts";
import { ratingsApi } from "./ratings-api.ts";

interface StepForm {
  note: string;
  appealKind?: AppealKind;
  attachments?: PickedAttachments;
}

/**
 * One step on a review (核实属实, 申诉, 申诉成立 …): its note, and for an appeal its kind, sent with
 * the version the reader saw. A 409 (someone acted first, or the appeal window closed) closes the
 * form with the server's words and reloads the review (`onStale`).
 */
export function ReviewStepModal({
  review,
  action,
  open,
  onClose,
  onDone,
  onStale,
}: {
  review: ReviewDetailView;
  action: ReviewAction;
  open: boolean;
  onClose: () => void;
  onDone: (review: ReviewDetailView) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const label = reviewStepLabel(action);
  const noteLabel = t(`ratings.review.note.${action}`);

  async function handleSubmit({ note, appealKind, attachments }: StepForm) {
    try {
      const body = {
        action,
        version: review.version,
        note: note.trim(),
        ...(action === "appeal" ? { appealKind } : {}),
        ...(attachments?.ids.length ? { attachmentIds: attachments.ids } : {}),
      };
      onDone(await ratingsApi.step(review.id, body));
    } catch (error) {
      if (!(error instanceof ApiRequestError) || error.status !== 409) throw error;
      onClose();
      onStale();
      // The server's words alone (its details repeat them).
      throw new Error(error.message);
    }
  }

  return (
    <FormModal<StepForm>
      title={t("ratings.review.stepTitle", { action: label, reviewNo: review.reviewNo })}
      open={open}
      onClose={onClose}
      onSubmit={handleSubmit}
      successText={t("ratings.review.done", { action: label })}
      okText={t("common.submit")}
      submitTestId="review-step-submit"
    >
      {action === "appeal" && (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("ratings.review.appealHint")} />
          <Form.Item name="appealKind" label={t("ratings.review.appealKind")} rules={[selectRule(t, t("ratings.review.appealKind"))]}>
            <Select options={appealKindOptions} data-testid="review-appeal-kind" />
          </Form.Item>
        </>
      )}
      <Form.Item name="note" label={noteLabel} rules={textRules(t, noteLabel, LIMITS.reasonMax)} extra={t("ratings.review.versionHint")}>
        <Input.TextArea rows={4} showCount maxLength={LIMITS.reasonMax} data-testid="review-step-note" />
      </Form.Item>
      {/* 申诉's evidence, 整改's proof, a 回访's record: any step may cite files. */}
      <Form.Item
        name="attachments"
        label={t("attachments.label")}
        rules={[
          {
            validator: (_, picked?: PickedAttachments) =>
              picked?.isUploading ? Promise.reject(new Error(t("attachments.uploading"))) : Promise.resolve(),
          },
        ]}
      >
        <AttachmentUpload testId="review-step-attachments" />
      </Form.Item>
    </FormModal>
  );
}
