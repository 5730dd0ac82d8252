import { PERMISSIONS, type RoundDetailView } from "@kaoping/core";
import { App, Button, Descriptions, Drawer, Flex, Popconfirm, Progress, Space, Spin, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { buildUrl } from "../../api/client.ts";
import { usePermission } from "../../app/permission.tsx";
import { testId, useShowError } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { useLoaded } from "../campaigns/use-loaded.ts";
import { hotlineApi } from "./hotline-api.ts";
import { progressOf } from "./hotline-format.ts";
import { LEVEL_COLORS, levelLabel, ROUND_STATUS_COLORS, roundStatusLabel } from "./hotline-labels.ts";
import { RateText, UnitResultsTable } from "./unit-results-table.tsx";

type Checker = RoundDetailView["checkers"][number];

/** The address of a round's calls on the call sheet (every checker's, recorded or not). */
export const roundCallsPath = (roundId: string) => buildUrl("/hotline/calls", { roundId, mine: "false", state: "all" });

/** A round: its figures, each checker's progress, each unit's results worst first; 结束抽查 for the office. */
export function RoundDrawer({ roundId, onClose, onChanged }: { roundId: string | null; onClose: () => void; onChanged?: () => void }) {
  const { t } = useTranslation();
  const loaded = useLoaded(roundId ?? "", () => (roundId ? hotlineApi.round(roundId) : Promise.resolve(null)));
  const round = loaded.data?.id === roundId ? loaded.data : null;
  return (
    <Drawer
      open={roundId !== null}
      onClose={onClose}
      size={860}
      title={round ? t("hotline.rounds.title", { name: round.name }) : ""}
      data-testid="round-drawer"
      destroyOnHidden
    >
      {round ? (
        <RoundBody
          round={round}
          onChanged={(next) => {
            loaded.set(next);
            onChanged?.();
          }}
        />
      ) : (
        <Spin style={{ display: "block", margin: "20vh auto" }} />
      )}
    </Drawer>
  );
}

function RoundBody({ round, onChanged }: { round: RoundDetailView; onChanged: (round: RoundDetailView) => void }) {
  const { t } = useTranslation();
  const can = usePermission();
  const progress = progressOf(round);
  const checkerColumns = [
    { key: "name", dataIndex: "name", title: t("hotline.field.checker") },
    { key: "calls", dataIndex: "calls", title: t("hotline.field.planned"), align: "right" as const },
    { key: "recorded", dataIndex: "recorded", title: t("hotline.field.recorded"), align: "right" as const },
    {
      key: "progress",
      title: t("hotline.field.progress"),
      render: (_: unknown, c: Checker) => (
        <Progress percent={progressOf(c).percent} size="small" style={{ minWidth: 140 }} aria-label={progressOf(c).text} />
      ),
    },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Descriptions bordered size="small" column={2} data-testid="round-fields">
        <Descriptions.Item label={t("hotline.field.level")}>
          <Tag color={LEVEL_COLORS[round.level]}>{levelLabel(round.level)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t("hotline.field.status")}>
          <Tag color={ROUND_STATUS_COLORS[round.status]} data-testid="round-status" data-status={round.status}>
            {roundStatusLabel(round.status)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t("hotline.field.period")}>{`${round.from} ~ ${round.to}`}</Descriptions.Item>
        <Descriptions.Item label={t("hotline.field.createdAt")}>{formatDateTime(round.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t("hotline.field.progress")}>
          <Flex gap={8} align="center">
            <Progress percent={progress.percent} size="small" style={{ width: 160, margin: 0 }} aria-label={progress.text} />
            <span data-testid="round-progress">{progress.text}</span>
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t("hotline.field.rate")}>
          <span data-testid="round-rate">
            <RateText rate={round.rate} strong />
          </span>
        </Descriptions.Item>
      </Descriptions>
      <Flex gap={16} wrap align="center" data-testid="round-actions">
        {can(PERMISSIONS.hotlineCall) && (
          <Link to={roundCallsPath(round.id)} data-testid="round-calls-link">
            {t("hotline.rounds.viewCalls")}
          </Link>
        )}
        {round.status === "running" && can(PERMISSIONS.hotlineManage) && <CloseRoundButton round={round} onClosed={onChanged} />}
      </Flex>
      <Typography.Title level={5}>{t("hotline.rounds.checkerProgress")}</Typography.Title>
      <Table<Checker>
        size="small"
        rowKey="userId"
        columns={checkerColumns}
        dataSource={round.checkers}
        pagination={false}
        data-testid="round-checkers-table"
      />
      <Typography.Title level={5}>{t("hotline.rounds.unitResults")}</Typography.Title>
      <Typography.Text type="secondary">{t("hotline.rounds.unitResultsHint")}</Typography.Text>
      <UnitResultsTable units={round.units} testId="round-units-table" />
    </Space>
  );
}

function CloseRoundButton({ round, onClosed }: { round: RoundDetailView; onClosed: (round: RoundDetailView) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [isClosing, setIsClosing] = useState(false);
  async function close() {
    setIsClosing(true);
    try {
      onClosed(await hotlineApi.closeRound(round.id));
      void message.success(t("hotline.rounds.closed"));
    } catch (error) {
      showError(error);
    } finally {
      setIsClosing(false);
    }
  }
  return (
    <Popconfirm
      title={t("hotline.rounds.closeConfirm", { name: round.name })}
      onConfirm={close}
      okButtonProps={testId("round-close-confirm")}
    >
      <Button danger loading={isClosing} data-testid="round-close">
        {t("hotline.rounds.close")}
      </Button>
    </Popconfirm>
  );
}
