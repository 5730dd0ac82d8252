import type { ReviewView } from "@kaoping/core";
import { Button, DatePicker, Select, Space, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { formatDateTime } from "../../components/format.ts";
import { type QueryField, QueryForm } from "../../components/query-form.tsx";
import { type QueryColumn, QueryTable } from "../../components/query-table.tsx";
import { UnitTreeLayout } from "../../components/unit-tree-layout.tsx";
import type { PageQuery } from "../../components/use-paged-query.ts";
import { rangeQuery } from "../cases/case-labels.ts";
import { LinkedListNote, useLinkedList } from "../supervision/link-filters.tsx";
import { reviewLinkSpec } from "../supervision/link-spec.ts";
import { LongNumber } from "./long-number.tsx";
import {
  channelLabel,
  judgedOptions,
  LEVEL_COLORS,
  levelLabel,
  REVIEW_STATUS_COLORS,
  reviewStatusLabel,
  reviewStatusOptions,
} from "./rating-labels.ts";
import { type ReviewQuery, ratingsApi } from "./ratings-api.ts";
import { DeadlineText } from "./review-deadline.tsx";
import { ReviewDrawer } from "./review-drawer.tsx";
import { currentDeadline } from "./review-steps.ts";

type ReviewFilters = Omit<ReviewQuery, "from" | "to" | "page" | "pageSize"> & { range?: [Dayjs, Dayjs] };

/** 差评处置: every bad review in the reader's scope, newest first, with the deadline it waits on. */
export function ReviewsPage() {
  return <ReviewList isAppealQueue={false} />;
}

/** 申诉审查: the office's queue, the reviews whose appeal waits for a ruling. */
export function AppealsPage() {
  return <ReviewList isAppealQueue />;
}

/**
 * The bad-review list: unit tree, query form, table; a review opens in the drawer with its timeline
 * and the steps the reader may take. A link (?id=) opens its review.
 */
function ReviewList({ isAppealQueue }: { isAppealQueue: boolean }) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const [opened, setOpened] = useState<string | null>(searchParams.get("id"));
  const fetchPage = useCallback(
    ({ range, ...rest }: Partial<ReviewFilters> & PageQuery) =>
      ratingsApi.reviews({ ...(range ? rangeQuery(range) : {}), ...rest, ...(isAppealQueue ? { status: "appealing" } : {}) }),
    [isAppealQueue],
  );
  // The filters a link may bring (a campaign fact's trace: ?unitId=&from=&to=&judged=), shown in the tree and form.
  const { query, tree, form, formKey, note } = useLinkedList<ReviewView, ReviewFilters>(fetchPage, reviewLinkSpec(!isAppealQueue));

  const fields: QueryField[] = [
    { name: "range", label: t("ratings.reviewRange"), control: <DatePicker.RangePicker style={{ width: "100%" }} /> },
    ...(isAppealQueue
      ? []
      : [
          {
            name: "status",
            label: t("ratings.field.status"),
            control: <Select allowClear options={reviewStatusOptions} placeholder={t("common.all")} data-testid="review-filter-status" />,
          },
        ]),
    {
      name: "judged",
      label: t("ratings.field.judged"),
      control: <Select allowClear options={judgedOptions} placeholder={t("common.all")} data-testid="review-filter-judged" />,
    },
  ];

  // What a liaison acts on comes first — the number, its status and the deadline it waits on — so it
  // shows at 1440 px without scrolling sideways; the long number is shortened (full in tooltip and copy).
  const columns: QueryColumn<ReviewView>[] = [
    {
      key: "reviewNo",
      title: t("ratings.field.reviewNo"),
      fixed: "left",
      width: 190,
      render: (_, r) => (
        <LongNumber
          value={r.reviewNo}
          render={(short) => (
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpened(r.id)} data-testid="review-open">
              {short}
            </Button>
          )}
        />
      ),
    },
    {
      key: "status",
      title: t("ratings.field.status"),
      width: 110,
      render: (_, r) => (
        <Tag color={REVIEW_STATUS_COLORS[r.status]} data-status={r.status}>
          {reviewStatusLabel(r.status)}
        </Tag>
      ),
    },
    {
      key: "deadline",
      title: t("ratings.field.deadline"),
      width: 190,
      render: (_, r) => <DeadlineText deadline={currentDeadline(r)} />,
    },
    {
      key: "level",
      title: t("ratings.field.level"),
      width: 110,
      render: (_, r) => <Tag color={LEVEL_COLORS[r.rating.level]}>{levelLabel(r.rating.level)}</Tag>,
    },
    {
      key: "caseNo",
      title: t("ratings.field.caseNo"),
      render: (_, r) => <span style={{ whiteSpace: "nowrap" }}>{r.rating.caseNo ?? "—"}</span>,
    },
    { key: "unitName", dataIndex: "unitName", title: t("ratings.field.unit") },
    { key: "channel", title: t("ratings.field.channel"), render: (_, r) => channelLabel(r.rating.channel) },
    {
      key: "ratedAt",
      title: t("ratings.field.ratedAt"),
      render: (_, r) => <span style={{ whiteSpace: "nowrap" }}>{formatDateTime(r.rating.ratedAt)}</span>,
    },
    {
      key: "content",
      title: t("ratings.field.content"),
      render: (_, r) => (
        <Space orientation="vertical" size={2} style={{ maxWidth: 360 }}>
          {r.rating.tags.length > 0 && (
            <span>
              {r.rating.tags.map((tag) => (
                <Tag key={tag}>{tag}</Tag>
              ))}
            </span>
          )}
          {r.rating.content && <Typography.Text>{r.rating.content}</Typography.Text>}
        </Space>
      ),
    },
  ];

  const title = t(isAppealQueue ? "ratings.menu.appeals" : "ratings.menu.reviews");
  return (
    <UnitTreeLayout {...tree}>
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <QueryForm<ReviewFilters> key={formKey} {...form} fields={fields} />
        <LinkedListNote {...note} titleKey="ratings.linkedWhat" testId="ratings-link" />
        <QueryTable
          query={query}
          columns={columns}
          rowKey="id"
          title={title}
          toolbar={isAppealQueue && <Typography.Text type="secondary">{t("ratings.review.appealQueue")}</Typography.Text>}
          data-testid={isAppealQueue ? "appeals-table" : "reviews-table"}
        />
      </Space>
      <ReviewDrawer reviewId={opened} onClose={() => setOpened(null)} onChanged={query.reload} />
    </UnitTreeLayout>
  );
}
