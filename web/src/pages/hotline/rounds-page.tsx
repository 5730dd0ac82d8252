import { PERMISSIONS, type RoundView } from "@kaoping/core";
import { Button, Flex, Progress, Select, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { Authorized } from "../../app/permission.tsx";
import { formatDateTime } from "../../components/format.ts";
import { type QueryField, QueryForm } from "../../components/query-form.tsx";
import { type QueryColumn, QueryTable } from "../../components/query-table.tsx";
import { usePagedQuery } from "../../components/use-paged-query.ts";
import { hotlineApi, type RoundQuery } from "./hotline-api.ts";
import { progressOf } from "./hotline-format.ts";
import { LEVEL_COLORS, levelLabel, levelOptions, ROUND_STATUS_COLORS, roundStatusLabel } from "./hotline-labels.ts";
import { RoundCreateModal } from "./round-create-modal.tsx";
import { RoundDrawer } from "./round-drawer.tsx";
import { RateText } from "./unit-results-table.tsx";

type RoundFilters = Omit<RoundQuery, "page" | "pageSize">;

/**
 * 抽查轮次: every round, newest first, with its progress and 接通率; 发起抽查 for the office. A round
 * opens in the drawer (a link's ?id= opens it too).
 */
export function RoundsPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const [opened, setOpened] = useState<string | null>(searchParams.get("id"));
  const [isCreating, setIsCreating] = useState(false);
  const query = usePagedQuery<RoundView, RoundFilters>(hotlineApi.rounds);

  const fields: QueryField[] = [
    {
      name: "level",
      label: t("hotline.field.level"),
      control: <Select allowClear options={levelOptions} placeholder={t("hotline.allLevels")} data-testid="round-filter-level" />,
    },
  ];

  const columns: QueryColumn<RoundView>[] = [
    {
      key: "name",
      title: t("hotline.field.name"),
      fixed: "left",
      render: (_, r) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={() => setOpened(r.id)}
          aria-label={t("hotline.rounds.open", { name: r.name })}
          data-testid="round-open"
        >
          {r.name}
        </Button>
      ),
    },
    { key: "level", title: t("hotline.field.level"), render: (_, r) => <Tag color={LEVEL_COLORS[r.level]}>{levelLabel(r.level)}</Tag> },
    { key: "period", title: t("hotline.field.period"), render: (_, r) => `${r.from} ~ ${r.to}` },
    {
      key: "status",
      title: t("hotline.field.status"),
      render: (_, r) => (
        <Tag color={ROUND_STATUS_COLORS[r.status]} data-status={r.status}>
          {roundStatusLabel(r.status)}
        </Tag>
      ),
    },
    {
      key: "progress",
      title: t("hotline.field.progress"),
      render: (_, r) => {
        const progress = progressOf(r);
        return (
          <Flex gap={8} align="center" style={{ minWidth: 180 }}>
            <Progress
              percent={progress.percent}
              size="small"
              showInfo={false}
              style={{ width: 90, margin: 0 }}
              aria-label={progress.text}
            />
            <span>{progress.text}</span>
          </Flex>
        );
      },
    },
    { key: "rate", title: t("hotline.field.rate"), align: "right", render: (_, r) => <RateText rate={r.rate} strong /> },
    { key: "createdAt", title: t("hotline.field.createdAt"), render: (_, r) => formatDateTime(r.createdAt) },
  ];

  return (
    <Flex vertical gap="middle">
      <QueryForm<RoundFilters> fields={fields} onSearch={query.search} />
      <QueryTable
        query={query}
        columns={columns}
        rowKey="id"
        title={t("hotline.menu.rounds")}
        toolbar={
          <Authorized perm={PERMISSIONS.hotlineManage}>
            <Button type="primary" onClick={() => setIsCreating(true)} data-testid="round-create">
              {t("hotline.rounds.create")}
            </Button>
          </Authorized>
        }
        data-testid="rounds-table"
      />
      <RoundCreateModal
        open={isCreating}
        onClose={() => setIsCreating(false)}
        onCreated={(round) => {
          query.reload();
          setOpened(round.id);
        }}
      />
      <RoundDrawer roundId={opened} onClose={() => setOpened(null)} onChanged={query.reload} />
    </Flex>
  );
}
