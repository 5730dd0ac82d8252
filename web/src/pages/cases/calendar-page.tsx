import { DeleteOutlined, DownloadOutlined, FileExcelOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { PERMISSIONS } from "@kaoping/core";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { usePermission } from "../../app/permission.tsx";
import { ExcelImportModal } from "../../components/excel-import-modal.tsx";
import { useShowError } from "../../components/feedback.ts";
import { FormModal } from "../../components/form-modal.tsx";
import { usePolled } from "../../components/use-polled.ts";
import { useLoaded } from "../campaigns/use-loaded.ts";
import { calendarApi } from "./calendar-api.ts";
import { type CalendarCell, type CalendarDay, type CellKind, monthGrid, weekdayOf, workingDayCounts } from "./calendar-grid.ts";
import { RederiveAlert } from "./rederive-alert.tsx";
import { hasMovingRederive } from "./rederive-jobs.ts";

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const KIND_COLOR: Record<CellKind, string | undefined> = { holiday: "red", workday: "blue", weekend: "default", weekday: undefined };

interface DayForm {
  date: dayjs.Dayjs;
  kind: "holiday" | "workday";
  name?: string;
}

/** 工作日历: a year's holidays and make-up working days, nationwide or with a region's own; the office edits. */
export function CalendarPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const can = usePermission();
  const canManage = can(PERMISSIONS.calendarManage);
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [region, setRegion] = useState("");
  const [editing, setEditing] = useState<Partial<DayForm> | null>(null);
  const [isImporting, setIsImporting] = useState(false);
  const view = useLoaded(`${year}|${region}`, () => calendarApi.year(year, region));
  const rederive = usePolled("rederive", calendarApi.rederiveJobs, hasMovingRederive);
  const days = view.data?.days ?? [];
  const counts = workingDayCounts(year, days);

  async function run(action: () => Promise<unknown>, done: string) {
    try {
      await action();
      void message.success(done);
      await view.reload();
      rederive.reload(); // a change too big for its request queued a job: show its progress
    } catch (error) {
      showError(error);
    }
  }

  const columns: TableColumnsType<CalendarDay> = [
    { title: t("calendar.date"), dataIndex: "date", width: 120 },
    { title: t("calendar.weekday"), key: "weekday", width: 80, render: (_, d) => t(`calendar.weekdays.${(weekdayOf(d.date) + 6) % 7}`) },
    {
      title: t("calendar.kind"),
      dataIndex: "kind",
      width: 160,
      render: (kind: CellKind) => <Tag color={KIND_COLOR[kind]}>{t(`calendar.legend.${kind}`)}</Tag>,
    },
    { title: t("calendar.name"), dataIndex: "name", render: (name: string | null) => name ?? "—" },
    { title: t("calendar.regionCol"), dataIndex: "regionCode", width: 110, render: (code: string) => code || t("calendar.nationwide") },
    {
      title: t("calendar.source"),
      dataIndex: "source",
      width: 170,
      render: (source: string) => t(`calendar.sources.${source}`, { defaultValue: source }),
    },
    ...(canManage
      ? [
          {
            title: t("common.actions"),
            key: "actions",
            width: 90,
            render: (_: unknown, d: CalendarDay) =>
              // A region's page removes only the region's own days; the nationwide ones are removed on the nationwide page.
              d.regionCode === region ? (
                <Popconfirm
                  title={t("calendar.removeConfirm", { date: d.date })}
                  onConfirm={() => run(() => calendarApi.removeDay(d.date, region), t("calendar.removed"))}
                >
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t("calendar.remove")} ${d.date}`}>
                    {t("calendar.remove")}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Flex wrap gap={12} align="center" justify="space-between">
        <Space wrap>
          <Typography.Text>{t("calendar.year")}</Typography.Text>
          <InputNumber
            aria-label={t("calendar.year")}
            min={2000}
            max={2100}
            value={year}
            onChange={(value) => value && setYear(value)}
            data-testid="calendar-year"
          />
          <Input.Search
            aria-label={t("calendar.region")}
            placeholder={t("calendar.regionPlaceholder")}
            allowClear
            maxLength={12}
            style={{ width: 200 }}
            onSearch={(value) => setRegion(value.trim())}
          />
          {view.data?.covered ? <Tag color="green">{t("calendar.covered")}</Tag> : null}
        </Space>
        <Space wrap>
          {canManage ? (
            <>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ kind: "holiday" })} data-testid="calendar-add">
                {t("calendar.add")}
              </Button>
              <Button onClick={() => run(() => calendarApi.setCovered(year, !view.data?.covered), t("calendar.saved"))}>
                {view.data?.covered ? t("calendar.markUncovered") : t("calendar.markCovered")}
              </Button>
              <Button icon={<UploadOutlined />} onClick={() => setIsImporting(true)}>
                {t("calendar.import")}
              </Button>
              <Button icon={<FileExcelOutlined />} onClick={() => calendarApi.downloadTemplate().catch(showError)}>
                {t("calendar.template")}
              </Button>
            </>
          ) : null}
          <Button icon={<DownloadOutlined />} onClick={() => calendarApi.exportXlsx(year, region).catch(showError)}>
            {t("calendar.export")}
          </Button>
        </Space>
      </Flex>
      {view.data && !view.data.covered ? <Alert type="warning" showIcon message={t("calendar.notCovered", { year })} /> : null}
      <RederiveAlert jobs={rederive.data?.rows ?? []} />
      <Space wrap size={16}>
        {(["holiday", "workday", "weekend"] as const).map((kind) => (
          <Tag key={kind} color={KIND_COLOR[kind]}>
            {t(`calendar.legend.${kind}`)}
          </Tag>
        ))}
      </Space>
      <Row gutter={[12, 12]}>
        {MONTHS.map((month) => (
          <Col key={month} xs={24} sm={12} lg={8} xl={6}>
            <Card
              size="small"
              title={t("calendar.month", { month })}
              extra={t("calendar.workingDays", { count: counts[month - 1] })}
              loading={view.isLoading}
            >
              <MonthTable
                weeks={monthGrid(year, month, days)}
                onPick={
                  canManage
                    ? (cell) =>
                        setEditing({
                          date: dayjs(cell.date),
                          kind: cell.entry?.kind ?? (cell.isWorking ? "holiday" : "workday"),
                          name: cell.entry?.name ?? undefined,
                        })
                    : undefined
                }
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t("calendar.list")}>
        <Table<CalendarDay>
          rowKey={(d) => `${d.regionCode}|${d.date}`}
          size="small"
          columns={columns}
          dataSource={days}
          pagination={{ pageSize: 20 }}
          loading={view.isLoading}
        />
      </Card>
      {editing ? (
        <FormModal<DayForm>
          title={t("calendar.edit")}
          open
          initialValues={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            void view.reload();
            rederive.reload();
          }}
          onSubmit={(values) =>
            calendarApi.setDay(values.date.format("YYYY-MM-DD"), { kind: values.kind, name: values.name || null, regionCode: region })
          }
        >
          <Form.Item name="date" label={t("calendar.date")} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="kind" label={t("calendar.kind")} rules={[{ required: true }]}>
            <Select options={(["holiday", "workday"] as const).map((kind) => ({ value: kind, label: t(`calendar.legend.${kind}`) }))} />
          </Form.Item>
          <Form.Item name="name" label={t("calendar.name")}>
            <Input maxLength={64} />
          </Form.Item>
          <Typography.Text type="secondary">
            {t("calendar.regionCol")}：{region || t("calendar.nationwide")}
          </Typography.Text>
        </FormModal>
      ) : null}
      <ExcelImportModal<{ saved: number; coveredYears: number[] }>
        title={t("calendar.importTitle")}
        open={isImporting}
        onClose={() => setIsImporting(false)}
        upload={(file) => calendarApi.importXlsx(file)}
        downloadTemplate={calendarApi.downloadTemplate}
        onImported={() => {
          void view.reload();
          rederive.reload();
        }}
        describeResult={(r) => t("calendar.importResult", { saved: r.saved, years: r.coveredYears.join("、") || "—" })}
      />
    </Flex>
  );
}

/** One month, Monday first; a held day is tagged, a click opens the day for the office. */
function MonthTable({ weeks, onPick }: { weeks: (CalendarCell | null)[][]; onPick?: (cell: CalendarCell) => void }) {
  const { t } = useTranslation();
  const heads = t("calendar.weekdays", { returnObjects: true }) as string[];
  return (
    <table style={{ width: "100%", borderCollapse: "collapse", textAlign: "center" }}>
      <thead>
        <tr>
          {heads.map((h) => (
            <th key={h} scope="col" style={{ fontWeight: 500 }}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, w) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a month's weeks never reorder
          <tr key={w}>
            {week.map((cell, i) =>
              cell ? (
                <td key={cell.date} title={cell.entry?.name ?? undefined}>
                  <Tag
                    color={KIND_COLOR[cell.kind]}
                    style={{ margin: 0, minWidth: 28, cursor: onPick ? "pointer" : undefined }}
                    onClick={onPick ? () => onPick(cell) : undefined}
                    aria-label={`${cell.date} ${t(`calendar.legend.${cell.kind}`)}${cell.entry?.name ? ` ${cell.entry.name}` : ""}`}
                  >
                    {cell.day}
                  </Tag>
                </td>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: padding cells have no date
                <td key={`pad${i}`} />
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
