import type { CaseDetailView, ClockDay } from "@kaoping/core";
import { Alert, Card, Descriptions, Drawer, Flex, QRCode, Space, Spin, Statistic, Table, Tag, Timeline, Tooltip, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useShowError } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { CLOCK_COLORS, type ClockState, clockRuns, clockTally, clockVerdict, limitUsedPercent } from "./case-clock.ts";
import {
  applicantTypeLabel,
  caseTypeLabel,
  channelLabel,
  eventLabel,
  limitText,
  limitUnitLabel,
  qualityLabel,
  resultLabel,
} from "./case-labels.ts";
import { ratingSlipPath } from "./case-link.ts";
import { CaseLinkedRecords } from "./case-linked-records.tsx";
import { eventColor, eventEndNote } from "./case-timeline.ts";
import { type CaseKey, casesApi } from "./cases-api.ts";

const yesNo = (value: boolean | null, t: (key: string) => string) => (value === null ? "—" : value ? t("common.yes") : t("common.no"));

/** A case opened from a list: its fields, its timeline, and its clock explained day by day. */
export function CaseDetailDrawer({ caseKey, onClose }: { caseKey: CaseKey | null; onClose: () => void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [detail, setDetail] = useState<CaseDetailView | null>(null);
  const key = caseKey ? `${caseKey.regionCode}/${caseKey.sourceCode}/${caseKey.caseNo}` : null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for caseKey
  useEffect(() => {
    if (!caseKey) return;
    let isCurrent = true;
    setDetail(null);
    casesApi
      .detail(caseKey)
      .then((view) => isCurrent && setDetail(view))
      .catch((error: unknown) => isCurrent && showError(error));
    return () => {
      isCurrent = false;
    };
  }, [key, showError]);

  return (
    <Drawer
      open={caseKey !== null}
      onClose={onClose}
      size={880}
      title={t("cases.detail.title", { caseNo: caseKey?.caseNo ?? "" })}
      data-testid="case-detail"
      destroyOnHidden
    >
      {detail ? <CaseDetailBody detail={detail} /> : <Spin style={{ display: "block", margin: "20vh auto" }} />}
    </Drawer>
  );
}

function CaseDetailBody({ detail }: { detail: CaseDetailView }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Descriptions bordered size="small" column={2} data-testid="case-fields">
        <Descriptions.Item label={t("cases.field.caseNo")}>{detail.caseNo}</Descriptions.Item>
        <Descriptions.Item label={t("cases.field.unit")}>{detail.unitName}</Descriptions.Item>
        <Descriptions.Item label={t("cases.field.item")} span={2}>
          {detail.itemName ?? (
            <Tooltip title={qualityLabel("unknown_item")}>
              <Typography.Text type="warning">{t("cases.unknownItem")}</Typography.Text>
            </Tooltip>
          )}{" "}
          <Typography.Text type="secondary">
            {detail.itemCode}
            {detail.itemVersion ? ` · ${t("cases.field.version", { version: detail.itemVersion })}` : ""}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("cases.field.situation")}>{detail.situation ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("cases.field.applicant")}>
          {applicantTypeLabel(detail.applicantType)}{" "}
          {detail.applicantMasked && <Typography.Text code>{detail.applicantMasked}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t("cases.field.channel")}>{channelLabel(detail.channel)}</Descriptions.Item>
        <Descriptions.Item label={t("cases.field.caseType")}>{caseTypeLabel(detail.caseType)}</Descriptions.Item>
        <Descriptions.Item label={t("cases.field.appliedAt")}>{formatDateTime(detail.appliedAt)}</Descriptions.Item>
        <Descriptions.Item label={t("cases.field.acceptedAt")}>{formatDateTime(detail.acceptedAt)}</Descriptions.Item>
        <Descriptions.Item label={t("cases.field.completedAt")}>{formatDateTime(detail.completedAt)}</Descriptions.Item>
        <Descriptions.Item label={t("cases.field.dueAt")}>
          <Typography.Text type={detail.overdue ? "danger" : undefined}>{formatDateTime(detail.dueAt)}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("cases.field.legalLimit")}>{limitText(detail.legalLimit, detail.legalLimitUnit)}</Descriptions.Item>
        <Descriptions.Item label={t("cases.field.promisedLimit")}>
          {limitText(detail.promisedLimit, detail.promisedLimitUnit)}
        </Descriptions.Item>
        <Descriptions.Item label={t("cases.field.result")}>{resultLabel(detail.result)}</Descriptions.Item>
        <Descriptions.Item label={t("cases.field.visits")}>{detail.visits ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("cases.field.materialsReused")}>{yesNo(detail.materialsReused, t)}</Descriptions.Item>
        <Descriptions.Item label={t("cases.field.fee")}>{detail.fee ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("cases.field.uploadedAt")}>{formatDateTime(detail.uploadedAt)}</Descriptions.Item>
        <Descriptions.Item label={t("cases.field.quality")}>
          {detail.quality.length === 0
            ? t("cases.qualityClean")
            : detail.quality.map((issue) => (
                <Tag key={issue} color="warning">
                  {qualityLabel(issue)}
                </Tag>
              ))}
        </Descriptions.Item>
        {detail.ratingCode && detail.ratingLink && (
          <Descriptions.Item label={t("cases.field.ratingSlip")} span={2}>
            <RatingSlip detail={detail} code={detail.ratingCode} link={detail.ratingLink} />
          </Descriptions.Item>
        )}
      </Descriptions>
      <Card size="small" title={t("cases.detail.timeline")}>
        <CaseTimeline events={detail.events} />
      </Card>
      <Card size="small" title={t("cases.detail.clock")}>
        <CaseClock detail={detail} />
      </Card>
      <CaseLinkedRecords detail={detail} />
    </Space>
  );
}

/** What the office prints on a completed case's result for the public rating page: the QR code, the code and the link, and the printable slip. */
function RatingSlip({ detail, code, link }: { detail: CaseDetailView; code: string; link: string }) {
  const { t } = useTranslation();
  const url = `${window.location.origin}${link}`;
  return (
    <Flex gap={16} align="flex-start" data-testid="case-rating-slip">
      <QRCode type="svg" value={url} size={96} bordered={false} aria-label={t("cases.slip.qrLabel")} />
      <Space orientation="vertical" size={0}>
        <Typography.Text code copyable style={{ letterSpacing: 2 }}>
          {code}
        </Typography.Text>
        <Typography.Text copyable style={{ wordBreak: "break-all" }}>
          {url}
        </Typography.Text>
        <Typography.Text type="secondary">{t("cases.field.ratingSlipHint")}</Typography.Text>
        <Typography.Link href={ratingSlipPath(detail)} target="_blank" data-testid="case-rating-slip-print">
          {t("cases.slip.open")}
        </Typography.Link>
      </Space>
    </Flex>
  );
}

function CaseTimeline({ events }: { events: CaseDetailView["events"] }) {
  const { t } = useTranslation();
  if (events.length === 0) return <Typography.Text type="secondary">{t("cases.detail.noEvents")}</Typography.Text>;
  return (
    <Timeline
      data-testid="case-timeline"
      items={events.map((event) => {
        const end = eventEndNote(event);
        return {
          key: event.seq,
          color: eventColor(event.kind),
          content: (
            <Space orientation="vertical" size={0}>
              <Typography.Text strong>
                {eventLabel(event.kind)} <Typography.Text type="secondary">{formatDateTime(event.at)}</Typography.Text>
              </Typography.Text>
              {end && (
                <Typography.Text type={end.key === "cases.detail.pausedUntil" ? "warning" : "secondary"}>
                  {t(end.key, { at: formatDateTime(end.at) })}
                </Typography.Text>
              )}
              {(event.handler || event.signKeyId) && (
                <Typography.Text type="secondary">
                  {[
                    event.handler && t("cases.detail.handler", { name: event.handler }),
                    event.signKeyId && t("cases.detail.signKey", { id: event.signKeyId }),
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </Typography.Text>
              )}
            </Space>
          ),
        };
      })}
    />
  );
}

const STATES: ClockState[] = ["acceptance_day", "counted", "paused", "non_working"];

/** The clock: the verdict, the tallies, a strip of days coloured by state, and the runs as a table. */
function CaseClock({ detail }: { detail: CaseDetailView }) {
  const { t } = useTranslation();
  const { clock } = detail;
  const verdict = clockVerdict(clock, detail.overdue);
  const tally = clockTally(clock.days);
  const used = limitUsedPercent(clock);
  const alertType = verdict === "overdue" ? "error" : verdict === "gap" ? "warning" : "info";
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="case-clock">
      <Alert
        type={alertType}
        showIcon
        title={t(`cases.clock.verdict.${verdict}`, { year: clock.gapYear ?? "" })}
        description={clock.explanation}
        data-testid="case-clock-explanation"
      />
      <Flex gap={32} wrap>
        <Statistic
          title={t("cases.clock.elapsed")}
          value={clock.elapsed ?? "—"}
          suffix={clock.elapsed !== null && clock.unit ? limitUnitLabel(clock.unit) : undefined}
          styles={{ content: detail.overdue ? { color: "#cf1322" } : {} }}
        />
        <Statistic title={t("cases.clock.limit")} value={limitText(clock.limit, clock.unit)} />
        {used !== null && <Statistic title={t("cases.clock.used")} value={used} suffix="%" />}
        <Statistic title={t("cases.clock.dueAt")} value={formatDateTime(clock.dueAt)} />
      </Flex>
      <Flex gap={16} wrap>
        {STATES.map((state) => (
          <Space key={state} size={4}>
            <span style={{ display: "inline-block", width: 12, height: 12, background: CLOCK_COLORS[state], borderRadius: 2 }} />
            {t(`cases.clock.state.${state}`)}
            <Typography.Text strong data-testid={`clock-tally-${state}`}>
              {tally[state]}
            </Typography.Text>
          </Space>
        ))}
      </Flex>
      <DayStrip days={clock.days} />
      <Table
        size="small"
        pagination={false}
        rowKey="from"
        dataSource={clockRuns(clock.days)}
        columns={[
          { key: "from", title: t("cases.clock.from"), dataIndex: "from" },
          { key: "to", title: t("cases.clock.to"), dataIndex: "to" },
          {
            key: "state",
            title: t("cases.clock.stateTitle"),
            render: (_, run) => <Tag color={CLOCK_COLORS[run.state]}>{t(`cases.clock.state.${run.state}`)}</Tag>,
          },
          { key: "days", title: t("cases.clock.days"), dataIndex: "days", align: "right" },
          { key: "note", title: t("cases.clock.note"), dataIndex: "note", render: (note?: string) => note ?? "" },
        ]}
      />
    </Space>
  );
}

/**
 * One small square per calendar day, in the state's colour, with the date and note on hover.
 * Hidden from screen readers: the table of runs under it says the same in words.
 */
function DayStrip({ days }: { days: readonly ClockDay[] }) {
  const { t } = useTranslation();
  return (
    <Flex gap={3} wrap data-testid="clock-strip" aria-hidden>
      {days.map((day) => (
        <Tooltip key={day.date} title={`${day.date} · ${t(`cases.clock.state.${day.state}`)}${day.note ? ` · ${day.note}` : ""}`}>
          <span
            data-state={day.state}
            style={{
              display: "inline-block",
              width: 16,
              height: 16,
              borderRadius: 2,
              background: CLOCK_COLORS[day.state],
              outline: day.state === "acceptance_day" ? "1px solid #1677ff" : undefined,
            }}
          />
        </Tooltip>
      ))}
    </Flex>
  );
}
