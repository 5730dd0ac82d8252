import { type BulletinView, PERMISSIONS as P } from "@kaoping/core";
import { App, Button, Card, DatePicker, Popconfirm, Space, Table, type TableColumnsType, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { download } from "../../api/client.ts";
import { usePermission } from "../../app/permission.tsx";
import { useShowError } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { isBulletinMonthDisabled } from "./bulletin-month.ts";
import { LinkFilterNote, useLinkFilters } from "./link-filters.tsx";
import { supervisionApi } from "./supervision-api.ts";

const bulletinFile = (id: string, file: string) => `/api/supervision/bulletins/${id}/${file}`;

/**
 * 月度通报: the office previews a month as it will print and publishes it (a frozen version; publishing
 * again adds one) — a month that has ended only (bulletin-month.ts; the server refuses any other);
 * everyone who reads the ledger opens, prints or downloads the published ones. A bulletin fact's link
 * in a score trace opens on the months of the campaign's period (from/to, yyyy-mm).
 */
export function BulletinsPage() {
  const { t } = useTranslation();
  const can = usePermission();
  const { message } = App.useApp();
  const showError = useShowError();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().subtract(1, "month").startOf("month"));
  const [list, setList] = useState<BulletinView[] | null>(null);
  const [isPublishing, setIsPublishing] = useState(false);
  const monthText = month.format("YYYY-MM");
  // The picker offers ended months only; a page left open into the next month is guarded here too.
  const isMonthOver = !isBulletinMonthDisabled(month, dayjs());
  const canPublish = can(P.orderManage);
  const link = useLinkFilters(["from", "to"]);
  const { from, to } = link.filters;
  const shown = list?.filter((b) => (!from || b.month >= from) && (!to || b.month <= to));

  const reload = useCallback(() => {
    supervisionApi.bulletins().then(setList).catch(showError);
  }, [showError]);
  useEffect(reload, [reload]);

  async function publish() {
    setIsPublishing(true);
    try {
      const published = await supervisionApi.publishBulletin(monthText);
      void message.success(t("supervision.bulletin.published", { month: published.month, version: published.version }));
      reload();
    } catch (error) {
      showError(error);
    } finally {
      setIsPublishing(false);
    }
  }

  const columns: TableColumnsType<BulletinView> = [
    { key: "month", dataIndex: "month", title: t("supervision.bulletin.month") },
    { key: "version", title: t("supervision.bulletin.version"), render: (_, b) => t("supervision.rules.version", { version: b.version }) },
    { key: "publishedAt", title: t("supervision.bulletin.publishedAt"), render: (_, b) => formatDateTime(b.publishedAt) },
    { key: "publishedBy", dataIndex: "publishedBy", title: t("supervision.bulletin.publishedBy") },
    {
      key: "files",
      title: t("supervision.bulletin.files"),
      render: (_, b) => (
        <Space>
          <a href={bulletinFile(b.id, "bulletin.html")} target="_blank" rel="noreferrer" data-testid="bulletin-open">
            {t("supervision.bulletin.open")}
          </a>
          <a href={bulletinFile(b.id, "bulletin.pdf")} target="_blank" rel="noreferrer">
            PDF
          </a>
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            onClick={() => download(bulletinFile(b.id, "bulletin.xlsx"), undefined, `${b.month}.xlsx`)}
          >
            Excel
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      {canPublish && (
        <Card
          title={t("supervision.bulletin.preview")}
          extra={
            <Space>
              <DatePicker
                picker="month"
                value={month}
                allowClear={false}
                disabledDate={(value) => isBulletinMonthDisabled(value, dayjs())}
                onChange={(value) => value && setMonth(value)}
                aria-label={t("supervision.bulletin.month")}
                data-testid="bulletin-month"
              />
              <Popconfirm title={t("supervision.bulletin.confirm", { month: monthText })} onConfirm={publish} disabled={!isMonthOver}>
                <Button
                  type="primary"
                  loading={isPublishing}
                  disabled={!isMonthOver}
                  title={isMonthOver ? undefined : t("supervision.bulletin.publishDisabled", { month: monthText })}
                  data-testid="bulletin-publish"
                >
                  {t("supervision.bulletin.publish", { month: monthText })}
                </Button>
              </Popconfirm>
            </Space>
          }
        >
          {/* A print page opens on its own (the API's pages are never framed). */}
          <Typography.Paragraph>{t("supervision.bulletin.previewHint", { month: monthText })}</Typography.Paragraph>
          <a
            href={`/api/supervision/bulletins/preview.html?month=${monthText}`}
            target="_blank"
            rel="noreferrer"
            data-testid="bulletin-preview"
          >
            {t("supervision.bulletin.openPreview", { month: monthText })}
          </a>
        </Card>
      )}
      <Card title={t("supervision.menu.bulletins")}>
        <Typography.Paragraph type="secondary">{t("supervision.bulletin.hint")}</Typography.Paragraph>
        <LinkFilterNote filters={link.filters} onClose={link.clear} />
        <Table
          rowKey="id"
          size="middle"
          loading={!list}
          columns={columns}
          dataSource={shown ?? []}
          pagination={false}
          data-testid="bulletins-table"
        />
      </Card>
    </Space>
  );
}
