import type { ReviewAction, ReviewDetailView } from "@kaoping/core";
import { Button, Descriptions, Drawer, Flex, Space, Spin, Tag, Timeline, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { usePermission } from "../../app/permission.tsx";
import { formatDateTime } from "../../components/format.ts";
import { AttachmentLinks } from "../../components/step-attachments.tsx";
import { useLoaded } from "../campaigns/use-loaded.ts";
import { RatedCaseLink, useRatedCase } from "./rating-case.tsx";
import {
  appealKindLabel,
  channelLabel,
  LEVEL_COLORS,
  levelLabel,
  REVIEW_STATUS_COLORS,
  reviewStatusLabel,
  reviewStepLabel,
} from "./rating-labels.ts";
import { ratingsApi } from "./ratings-api.ts";
import { DeadlineText } from "./review-deadline.tsx";
import { ReviewStepModal } from "./review-step-modal.tsx";
import { currentDeadline, reviewActionStates, reviewDeadlines } from "./review-steps.ts";

const STEP_COLORS: Partial<Record<string, string>> = { open: "red", appeal: "purple", uphold: "green", close: "green", follow_up: "gray" };

/** A bad review: its rating, its deadlines, the appeal and the ruling, the timeline, and the steps the reader may take now. */
export function ReviewDrawer({ reviewId, onClose, onChanged }: { reviewId: string | null; onClose: () => void; onChanged?: () => void }) {
  const { t } = useTranslation();
  const loaded = useLoaded(reviewId ?? "", () => (reviewId ? ratingsApi.review(reviewId) : Promise.resolve(null)));
  const review = loaded.data?.id === reviewId ? loaded.data : null;
  return (
    <Drawer
      open={reviewId !== null}
      onClose={onClose}
      size={760}
      title={review ? t("ratings.review.title", { reviewNo: review.reviewNo }) : ""}
      data-testid="review-drawer"
      destroyOnHidden
    >
      {review ? (
        <ReviewBody
          review={review}
          onChanged={(next) => {
            loaded.set(next);
            onChanged?.();
          }}
          onStale={() => {
            void loaded.reload();
            onChanged?.();
          }}
        />
      ) : (
        <Spin style={{ display: "block", margin: "20vh auto" }} />
      )}
    </Drawer>
  );
}

function ReviewBody({
  review,
  onChanged,
  onStale,
}: {
  review: ReviewDetailView;
  onChanged: (review: ReviewDetailView) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const ratedCase = useRatedCase();
  const { rating, appeal } = review;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Descriptions bordered size="small" column={2} title={t("ratings.review.rating")} data-testid="review-fields">
        <Descriptions.Item label={t("ratings.field.status")}>
          <Tag color={REVIEW_STATUS_COLORS[review.status]} data-testid="review-status" data-status={review.status}>
            {reviewStatusLabel(review.status)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t("ratings.field.unit")}>{review.unitName}</Descriptions.Item>
        <Descriptions.Item label={t("ratings.field.ratingNo")}>{rating.ratingNo}</Descriptions.Item>
        <Descriptions.Item label={t("ratings.field.level")}>
          <Tag color={LEVEL_COLORS[rating.level]}>{levelLabel(rating.level)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t("ratings.field.channel")}>{channelLabel(rating.channel)}</Descriptions.Item>
        <Descriptions.Item label={t("ratings.field.ratedAt")}>{formatDateTime(rating.ratedAt)}</Descriptions.Item>
        <Descriptions.Item label={t("ratings.field.caseNo")}>
          <RatedCaseLink rated={rating} onOpen={ratedCase.open} />
        </Descriptions.Item>
        <Descriptions.Item label={t("ratings.field.itemCode")}>{rating.itemCode ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("ratings.field.tags")} span={2}>
          {rating.tags.length ? rating.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("ratings.field.content")} span={2}>
          {rating.content ?? "—"}
        </Descriptions.Item>
      </Descriptions>
      <Descriptions bordered size="small" column={1} title={t("ratings.review.deadlines")} data-testid="review-deadlines">
        <Descriptions.Item label={t("ratings.field.openedAt")}>{formatDateTime(review.openedAt)}</Descriptions.Item>
        {reviewDeadlines(review).map((deadline) => (
          <Descriptions.Item key={deadline.step} label={t(`ratings.review.step.${deadline.step}`)}>
            <DeadlineText deadline={deadline} showDone />
          </Descriptions.Item>
        ))}
      </Descriptions>
      {appeal && (
        <Descriptions bordered size="small" column={2} title={t("ratings.review.appeal")} data-testid="review-appeal-info">
          <Descriptions.Item label={t("ratings.review.appealKind")}>{appealKindLabel(appeal.kind)}</Descriptions.Item>
          <Descriptions.Item label={t("ratings.review.appealedAt")}>{formatDateTime(appeal.at)}</Descriptions.Item>
          <Descriptions.Item label={t("ratings.review.appealReason")} span={2}>
            {appeal.reason}
          </Descriptions.Item>
          <Descriptions.Item label={t("ratings.review.decision")}>
            <Tag color={appeal.decision === "upheld" ? "success" : appeal.decision === "rejected" ? "error" : "processing"}>
              {t(`ratings.review.${appeal.decision ?? "decisionPending"}`)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t("ratings.review.decisionReason")}>{appeal.decisionReason ?? "—"}</Descriptions.Item>
        </Descriptions>
      )}
      {review.confirmedAt && (
        <Descriptions bordered size="small" column={2} title={t("ratings.review.result")} data-testid="review-rectification">
          <Descriptions.Item label={t("ratings.review.confirmedAt")}>{formatDateTime(review.confirmedAt)}</Descriptions.Item>
          <Descriptions.Item label={t("ratings.review.rectifiedAt")}>{formatDateTime(review.rectifiedAt)}</Descriptions.Item>
          <Descriptions.Item label={t("ratings.review.rectifyResult")} span={2}>
            {review.rectifyResult ?? "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("ratings.review.revisitedAt")}>{formatDateTime(review.revisitedAt)}</Descriptions.Item>
          <Descriptions.Item label={t("ratings.review.followUp")}>
            {review.followUpLevel === null ? "—" : <Tag color={LEVEL_COLORS[review.followUpLevel]}>{levelLabel(review.followUpLevel)}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t("ratings.review.closedAt")} span={2}>
            {formatDateTime(review.closedAt)}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Typography.Title level={5}>{t("ratings.review.timeline")}</Typography.Title>
      <Timeline
        data-testid="review-steps"
        items={review.steps.map((step) => ({
          color: STEP_COLORS[step.step] ?? "blue",
          content: (
            <div data-step={step.step}>
              <Typography.Text strong>{reviewStepLabel(step.step)}</Typography.Text>{" "}
              <Typography.Text type="secondary">
                {formatDateTime(step.at)} · {step.actorName ?? t("ratings.review.system")}
              </Typography.Text>
              {step.note && <Typography.Paragraph style={{ margin: 0 }}>{step.note}</Typography.Paragraph>}
              <AttachmentLinks attachments={step.attachments} hrefOf={(a) => ratingsApi.attachmentUrl(review.id, a.id)} />
            </div>
          ),
        }))}
      />
      <ReviewActions review={review} onChanged={onChanged} onStale={onStale} />
      {ratedCase.drawer}
    </Space>
  );
}

/** The step buttons the status and the reader's permissions allow; each opens its form. */
function ReviewActions({
  review,
  onChanged,
  onStale,
}: {
  review: ReviewDetailView;
  onChanged: (review: ReviewDetailView) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const can = usePermission();
  // The step stays while its form closes, so the closing dialog does not change under the reader.
  const [step, setStep] = useState<{ action: ReviewAction; isOpen: boolean }>({ action: "confirm", isOpen: false });
  const actions = reviewActionStates(review, can);
  if (!actions.length) return null;
  const current = currentDeadline(review);
  return (
    <>
      <Flex gap={8} wrap align="center" data-testid="review-actions">
        {actions.map(({ action: a, refusal }, index) => (
          <Tooltip key={a} title={refusal}>
            <Button
              type={index === 0 ? "primary" : "default"}
              danger={a === "uphold"}
              disabled={refusal !== null}
              onClick={() => setStep({ action: a, isOpen: true })}
              data-testid={`review-${a}`}
              data-refusal={refusal ?? undefined}
            >
              {reviewStepLabel(a)}
            </Button>
          </Tooltip>
        ))}
        {current && (
          <>
            <Typography.Text type="secondary">{t(`ratings.review.step.${current.step}`)}</Typography.Text>
            <DeadlineText deadline={current} />
          </>
        )}
      </Flex>
      <ReviewStepModal
        review={review}
        action={step.action}
        open={step.isOpen}
        onClose={() => setStep({ ...step, isOpen: false })}
        onDone={onChanged}
        onStale={onStale}
      />
    </>
  );
}
