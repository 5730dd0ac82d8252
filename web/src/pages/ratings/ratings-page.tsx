import { PERMISSIONS as P, type RatingView } from "@kaoping/core";
import { Button, DatePicker, Input, Select, Space, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Authorized } from "../../app/permission.tsx";
import { formatDateTime } from "../../components/format.ts";
import { type QueryField, QueryForm } from "../../components/query-form.tsx";
import { type QueryColumn, QueryTable } from "../../components/query-table.tsx";
import { UnitTreeLayout } from "../../components/unit-tree-layout.tsx";
import type { PageQuery } from "../../components/use-paged-query.ts";
import { rangeQuery } from "../cases/case-labels.ts";
import { useLinkedPagedQuery } from "../supervision/link-filters.tsx";
import { LongNumber } from "./long-number.tsx";
import { RatedCaseLink, useRatedCase } from "./rating-case.tsx";
import { linkedFormValues, thisYear } from "./rating-format.ts";
import { channelLabel, channelOptions, kindLabel, kindOptions, LEVEL_COLORS, levelLabel, levelOptions } from "./rating-labels.ts";
import { RatingLinkNote } from "./rating-link-note.tsx";
import { type RatingQuery, ratingsApi } from "./ratings-api.ts";
import { ReviewDrawer } from "./review-drawer.tsx";

type RatingFilters = Omit<RatingQuery, "from" | "to" | "page" | "pageSize"> & { range?: [Dayjs, Dayjs]; from?: string; to?: string };

/**
 * The filters a link may bring (the dashboard's charts: a level, a channel, a month, an item, and the
 * ratings the figure counts — 主动评价 or 默认评价 —; a unit and period).
 */
const LINK_KEYS = ["unitId", "from", "to", "channel", "level", "caseNo", "itemCode", "kind", "isDefault"] as const;

/**
 * 评价明细: every rating in the reader's scope, newest first; a known case opens its timeline, a bad
 * one its review. Without a period the list shows this year. A link's filters fill the query form,
 * so the reader sees why the list holds what it does; closing the link's note clears them.
 */
export function RatingsPage() {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [openedReview, setOpenedReview] = useState<string | null>(null);
  const ratedCase = useRatedCase();
  // The server needs a period: a link's (in `rest`) or the form's, else this year.
  const fetchPage = useCallback(
    ({ range, itemCode, ...rest }: Partial<RatingFilters> & PageQuery) =>
      ratingsApi.list({ ...rangeQuery(range ?? thisYear()), ...rest, itemCode: String(itemCode ?? "").trim() || undefined }),
    [],
  );
  const { link, query, search } = useLinkedPagedQuery<RatingView, RatingFilters>(fetchPage, LINK_KEYS, unitId);
  // The form shows the link's filters from the start; closing the note mounts it afresh, empty.
  const [formKey, setFormKey] = useState(0);
  const closeLink = () => {
    link.clear();
    setFormKey((key) => key + 1);
  };

  const fields: QueryField[] = [
    { name: "caseNo", label: t("ratings.field.caseNo"), control: <Input allowClear data-testid="rating-search-case" /> },
    { name: "itemCode", label: t("ratings.field.itemCode"), control: <Input allowClear placeholder={t("ratings.itemCodeHint")} /> },
    { name: "range", label: t("ratings.range"), control: <DatePicker.RangePicker style={{ width: "100%" }} /> },
    {
      name: "level",
      label: t("ratings.field.level"),
      control: <Select allowClear options={levelOptions} placeholder={t("common.all")} data-testid="rating-filter-level" />,
    },
    {
      name: "channel",
      label: t("ratings.field.channel"),
      control: <Select allowClear options={channelOptions} placeholder={t("common.all")} />,
    },
    {
      name: "kind",
      label: t("ratings.field.kind"),
      control: <Select allowClear options={kindOptions} placeholder={t("common.all")} data-testid="rating-filter-kind" />,
    },
    {
      name: "isDefault",
      label: t("ratings.field.isDefault"),
      control: (
        <Select
          allowClear
          options={[
            { value: "true", label: t("common.yes") },
            { value: "false", label: t("common.no") },
          ]}
          placeholder={t("common.all")}
          data-testid="rating-filter-default"
        />
      ),
    },
  ];

  // The number (shortened: full in tooltip and copy), the level and the case first, so they show at
  // 1440 px beside the fixed 差评处置 column without scrolling sideways.
  const columns: QueryColumn<RatingView>[] = [
    {
      key: "ratingNo",
      title: t("ratings.field.ratingNo"),
      fixed: "left",
      width: 170,
      render: (_, r) => <LongNumber value={r.ratingNo} />,
    },
    {
      key: "level",
      title: t("ratings.field.level"),
      width: 110,
      render: (_, r) => (
        <Tag color={LEVEL_COLORS[r.level]} data-level={r.level}>
          {levelLabel(r.level)}
        </Tag>
      ),
    },
    {
      key: "caseNo",
      title: t("ratings.field.caseNo"),
      render: (_, r) => (
        <span style={{ whiteSpace: "nowrap" }}>
          <RatedCaseLink rated={r} onOpen={ratedCase.open} />
        </span>
      ),
    },
    { key: "unitName", dataIndex: "unitName", title: t("ratings.field.unit") },
    { key: "itemCode", title: t("ratings.field.itemCode"), render: (_, r) => r.itemCode ?? "—" },
    { key: "channel", title: t("ratings.field.channel"), render: (_, r) => channelLabel(r.channel) },
    { key: "kind", title: t("ratings.field.kind"), render: (_, r) => kindLabel(r.kind) },
    {
      key: "isDefault",
      title: t("ratings.field.isDefault"),
      render: (_, r) => (r.isDefault ? <Tag>{t("ratings.isDefaultYes")}</Tag> : "—"),
    },
    {
      key: "tags",
      title: t("ratings.field.tags"),
      render: (_, r) => (r.tags.length ? r.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : "—"),
    },
    {
      key: "content",
      title: t("ratings.field.content"),
      render: (_, r) => <Typography.Text style={{ maxWidth: 320, display: "inline-block" }}>{r.content ?? "—"}</Typography.Text>,
    },
    { key: "rater", title: t("ratings.field.rater"), render: (_, r) => r.raterMasked ?? "—" },
    {
      key: "ratedAt",
      title: t("ratings.field.ratedAt"),
      render: (_, r) => <span style={{ whiteSpace: "nowrap" }}>{formatDateTime(r.ratedAt)}</span>,
    },
    {
      key: "review",
      title: t("ratings.field.review"),
      fixed: "right",
      width: 110,
      render: (_, r) =>
        r.reviewId ? (
          <Button
            size="small"
            onClick={() => setOpenedReview(r.reviewId)}
            aria-label={t("ratings.openReview", { ratingNo: r.ratingNo })}
            data-testid="rating-review"
          >
            {t("ratings.field.review")}
          </Button>
        ) : (
          "—"
        ),
    },
  ];

  return (
    <UnitTreeLayout selectedId={unitId} onSelect={(unit) => setUnitId(unit?.id ?? null)}>
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <QueryForm<RatingFilters> key={formKey} fields={fields} onSearch={search} initialValues={linkedFormValues(link.filters)} />
        <RatingLinkNote link={{ ...link, clear: closeLink }} />
        <QueryTable
          query={query}
          columns={columns}
          rowKey="id"
          title={t("ratings.menu.list")}
          toolbar={
            <Authorized perm={P.caseImport}>
              <Link to="/cases/imports">{t("ratings.importLink")}</Link>
            </Authorized>
          }
          data-testid="ratings-table"
        />
      </Space>
      {ratedCase.drawer}
      <ReviewDrawer reviewId={openedReview} onClose={() => setOpenedReview(null)} onChanged={query.reload} />
    </UnitTreeLayout>
  );
}
