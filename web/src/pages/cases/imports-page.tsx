import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import {
  DEFAULT_SOURCE_CODE,
  INGEST_MAX_BYTES,
  type IngestJobView,
  type IngestKind,
  type IngestSourceView,
  PERMISSIONS as P,
} from "@kaoping/core";
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Popconfirm,
  Progress,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Authorized, usePermission } from "../../app/permission.tsx";
import { useShowError } from "../../components/feedback.ts";
import { formatBytes, formatDateTime } from "../../components/format.ts";
import { formatNumber } from "./case-format.ts";
import { jobStatusLabel, kindLabel, kindOptions } from "./case-labels.ts";
import { casesApi } from "./cases-api.ts";
import {
  bytesPercent,
  etaText,
  hasQuarantine,
  isActiveJob,
  jobErrorText,
  progressStatus,
  rateText,
  sourceChoices,
} from "./ingest-progress.ts";
import { QuarantineDrawer } from "./quarantine-drawer.tsx";
import { useIngestJobs } from "./use-ingest-jobs.ts";

const ACCEPT = [".csv", ".txt", ".xlsx", ".jsonl", ".ndjson", ".json"];

const STATUS_COLORS: Record<IngestJobView["status"], string> = {
  queued: "default",
  running: "processing",
  succeeded: "success",
  failed: "error",
  cancelled: "warning",
};

/** 办件导入: upload a file (kind, source), then watch each job's progress; its quarantined rows open in a drawer. */
export function ImportsPage() {
  const jobs = useIngestJobs();
  const [quarantineJob, setQuarantineJob] = useState<IngestJobView | null>(null);
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Authorized perm={P.caseImport}>
        <UploadCard sources={jobs.sources} onStarted={jobs.reload} />
      </Authorized>
      <JobsTable jobs={jobs} onOpenQuarantine={setQuarantineJob} />
      <QuarantineDrawer job={quarantineJob} onClose={() => setQuarantineJob(null)} />
    </Space>
  );
}

function UploadCard({ sources, onStarted }: { sources: IngestSourceView[]; onStarted: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ kind: IngestKind; source: string }>();
  const [file, setFile] = useState<File | null>(null);
  const [isUploading, setIsUploading] = useState(false);
  const kind = Form.useWatch("kind", form) ?? "cases";

  async function handleUpload({ kind, source }: { kind: IngestKind; source: string }) {
    if (!file) return;
    setIsUploading(true);
    try {
      await casesApi.importFile(file, kind, source || DEFAULT_SOURCE_CODE);
      void message.success(t("cases.import.started", { file: file.name }));
      setFile(null);
      onStarted();
    } catch (error) {
      showError(error);
    } finally {
      setIsUploading(false);
    }
  }

  const tooLarge = file !== null && file.size > INGEST_MAX_BYTES;
  const choices = sourceChoices(sources);
  return (
    <Card title={t("cases.import.title")} size="small">
      <Form form={form} layout="inline" initialValues={{ kind: "cases", source: DEFAULT_SOURCE_CODE }} onFinish={handleUpload}>
        <Form.Item name="kind" label={t("cases.import.kind")} rules={[{ required: true }]}>
          <Select options={kindOptions} style={{ width: 140 }} data-testid="import-kind" />
        </Form.Item>
        <Form.Item name="source" label={t("cases.import.source")} tooltip={t("cases.import.sourceHint")} rules={[{ required: true }]}>
          <Select
            options={choices.options.length ? choices.options : [{ value: DEFAULT_SOURCE_CODE, label: DEFAULT_SOURCE_CODE }]}
            popupMatchSelectWidth={false}
            style={{ width: 200 }}
            data-testid="import-source"
          />
        </Form.Item>
        <Form.Item
          label={t("cases.import.file")}
          required
          validateStatus={tooLarge ? "error" : undefined}
          help={tooLarge ? t("cases.import.tooLarge") : undefined}
        >
          <Upload
            accept={ACCEPT.join(",")}
            maxCount={1}
            beforeUpload={(chosen) => {
              setFile(chosen);
              return false; // sent with the form, not by the picker
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: "file", name: `${file.name}（${formatBytes(file.size)}）`, status: "done" }] : []}
          >
            <Button icon={<UploadOutlined />} data-testid="import-pick">
              {t("cases.import.pick")}
            </Button>
          </Upload>
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={isUploading} disabled={!file || tooLarge} data-testid="import-submit">
              {t("cases.import.submit")}
            </Button>
            <Button type="link" icon={<DownloadOutlined />} onClick={() => casesApi.downloadTemplate(kind).catch(showError)}>
              {t("cases.import.template", { kind: kindLabel(kind) })}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t("cases.import.hint", { types: ACCEPT.join(" / "), size: formatBytes(INGEST_MAX_BYTES) })}
      </Typography.Paragraph>
    </Card>
  );
}

function JobsTable({ jobs, onOpenQuarantine }: { jobs: ReturnType<typeof useIngestJobs>; onOpenQuarantine: (job: IngestJobView) => void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const can = usePermission();

  async function handleCancel(job: IngestJobView) {
    try {
      jobs.replace(await casesApi.cancelImport(job.id));
    } catch (error) {
      showError(error);
    }
  }

  const columns: TableColumnsType<IngestJobView> = [
    {
      key: "file",
      title: t("cases.import.file"),
      render: (_, job) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{job.fileName}</Typography.Text>
          <Typography.Text type="secondary">
            {kindLabel(job.kind)} · {job.sourceCode}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: "status",
      title: t("cases.import.status"),
      render: (_, job) => {
        const error = jobErrorText(job.error, t);
        const tag = <Tag color={STATUS_COLORS[job.status]}>{jobStatusLabel(job.status)}</Tag>;
        return error ? (
          <Space orientation="vertical" size={0} style={{ maxWidth: 320 }}>
            {tag}
            <Typography.Text type="danger" data-testid="job-error">
              {error}
            </Typography.Text>
          </Space>
        ) : (
          tag
        );
      },
    },
    {
      key: "progress",
      title: t("cases.import.progress"),
      width: 240,
      render: (_, job) => (
        <Tooltip title={`${formatBytes(job.bytesRead)} / ${formatBytes(job.bytesTotal)}`}>
          <Progress
            percent={bytesPercent(job)}
            status={progressStatus(job.status)}
            size="small"
            aria-label={`${job.fileName} ${t("cases.import.progress")}`}
            data-testid="job-progress"
          />
        </Tooltip>
      ),
    },
    { key: "rowsRead", title: t("cases.import.rowsRead"), align: "right", render: (_, job) => formatNumber(job.rowsRead) },
    { key: "rowsAccepted", title: t("cases.import.rowsAccepted"), align: "right", render: (_, job) => formatNumber(job.rowsAccepted) },
    {
      key: "rowsQuarantined",
      title: t("cases.import.rowsQuarantined"),
      align: "right",
      render: (_, job) =>
        job.rowsQuarantined > 0 ? (
          <Button type="link" size="small" danger onClick={() => onOpenQuarantine(job)} data-testid="job-quarantine">
            {formatNumber(job.rowsQuarantined)}
          </Button>
        ) : (
          "0"
        ),
    },
    {
      key: "rate",
      title: t("cases.import.rateTitle"),
      align: "right",
      render: (_, job) => (isActiveJob(job) ? rateText(job.rate, t) : "—"),
    },
    { key: "eta", title: t("cases.import.eta"), render: (_, job) => etaText(job, t) },
    {
      key: "time",
      title: t("cases.import.createdAt"),
      render: (_, job) => (
        <Space orientation="vertical" size={0}>
          {formatDateTime(job.createdAt)}
          {job.finishedAt && (
            <Typography.Text type="secondary">{t("cases.import.finishedAt", { at: formatDateTime(job.finishedAt) })}</Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: "actions",
      title: t("common.actions"),
      fixed: "right",
      render: (_, job) => (
        <Flex gap={4}>
          {hasQuarantine(job) && (
            <Button type="link" size="small" onClick={() => onOpenQuarantine(job)}>
              {t("cases.import.quarantine")}
            </Button>
          )}
          {isActiveJob(job) && can(P.caseImport) && (
            <Popconfirm title={t("cases.import.cancelConfirm", { file: job.fileName })} onConfirm={() => handleCancel(job)}>
              <Button type="link" size="small" danger data-testid="job-cancel">
                {t("cases.import.cancel")}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <Card title={t("cases.import.jobs")} size="small">
      <Table<IngestJobView>
        rowKey="id"
        size="middle"
        loading={jobs.isLoading}
        dataSource={jobs.rows}
        columns={columns}
        scroll={{ x: "max-content" }}
        data-testid="import-jobs"
        pagination={{
          current: jobs.page,
          pageSize: jobs.pageSize,
          total: jobs.total,
          showSizeChanger: true,
          showTotal: (total) => t("common.total", { total }),
          onChange: jobs.setPage,
        }}
      />
    </Card>
  );
}
