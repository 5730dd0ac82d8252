import { GUIDE_IMPORT_MAX_BYTES, type ImportIssue } from "@kaoping/core";
import { Alert, Col, Form, Input, Row, Select, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ExcelImportModal } from "../../components/excel-import-modal.tsx";
import { UnitTreeSelect } from "../../components/unit-tree-select.tsx";
import { channelOptions, importFormatOptions } from "./guide-labels.ts";
import { type GuideImportFields, type GuideImportReport, guidesApi } from "./guides-api.ts";

const DEFAULT_FIELDS: GuideImportFields = { format: "auto", channel: "online", source: "gx", unitId: null };
const STATUS_COLORS = { created: "green", updated: "blue", unchanged: "default" } as const;

/** 导入办事指南: format, channel, department and code tables, then the file (.json or .xlsx); the report or every error. */
export function GuideImportModal({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<GuideImportFields>(DEFAULT_FIELDS);

  function handleClose() {
    setFields(DEFAULT_FIELDS);
    onClose();
  }

  return (
    <ExcelImportModal<GuideImportReport>
      title={t("guide.importTitle")}
      open={open}
      onClose={handleClose}
      upload={(file) => guidesApi.importFile(file, fields)}
      downloadTemplate={guidesApi.downloadTemplate}
      onImported={onImported}
      hasUpdateExisting={false}
      accept={[".json", ".xlsx"]}
      maxBytes={GUIDE_IMPORT_MAX_BYTES}
      fileHint={t("guide.importHint", { size: GUIDE_IMPORT_MAX_BYTES / 1024 / 1024 })}
      describeResult={({ itemsCreated, versionsCreated, unchanged, defectsOpened, defectsClosed }) =>
        t("guide.importSucceeded", { itemsCreated, versionsCreated, unchanged, defectsOpened, defectsClosed })
      }
      resultDetails={(report) => <ImportReport report={report} />}
    >
      <Form layout="vertical" component="div">
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item label={t("guide.format")} style={{ marginBottom: 8 }}>
              <Select
                value={fields.format}
                options={importFormatOptions}
                onChange={(format) => setFields({ ...fields, format })}
                aria-label={t("guide.format")}
                data-testid="guide-import-format"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t("guide.channel")} style={{ marginBottom: 8 }}>
              <Select
                value={fields.channel}
                options={channelOptions}
                onChange={(channel) => setFields({ ...fields, channel })}
                aria-label={t("guide.channel")}
                data-testid="guide-import-channel"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t("guide.importUnit")} tooltip={t("guide.importUnitHint")} style={{ marginBottom: 8 }}>
              <UnitTreeSelect
                value={fields.unitId ?? null}
                onChange={(unitId) => setFields({ ...fields, unitId })}
                placeholder={t("guide.importUnitPlaceholder")}
                aria-label={t("guide.importUnit")}
                data-testid="guide-import-unit"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t("guide.source")} tooltip={t("guide.sourceHint")} style={{ marginBottom: 8 }}>
              <Input
                value={fields.source}
                onChange={(event) => setFields({ ...fields, source: event.target.value })}
                maxLength={32}
                aria-label={t("guide.source")}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </ExcelImportModal>
  );
}

/** Each guide's outcome, and the warnings met reading the file (the import went ahead). */
function ImportReport({ report }: { report: GuideImportReport }) {
  const { t } = useTranslation();
  const columns = [
    { key: "code", dataIndex: "code", title: t("guide.code") },
    { key: "name", dataIndex: "name", title: t("guide.name") },
    { key: "version", dataIndex: "version", title: t("guide.version"), render: (version: number) => t("guide.versionN", { version }) },
    {
      key: "status",
      dataIndex: "status",
      title: t("guide.importStatus"),
      render: (status: keyof typeof STATUS_COLORS) => <Tag color={STATUS_COLORS[status]}>{t(`guide.importRowStatus.${status}`)}</Tag>,
    },
    { key: "errors", dataIndex: "errors", title: t("guide.severity.error") },
    { key: "warnings", dataIndex: "warnings", title: t("guide.severity.warning") },
  ];
  return (
    <>
      <Table
        size="small"
        columns={columns}
        dataSource={report.rows.map((row) => ({ ...row, key: `${row.code}:${row.version}` }))}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        data-testid="guide-import-rows"
      />
      {report.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t("guide.importWarnings", { count: report.warnings.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 20, maxHeight: 200, overflow: "auto" }}>
              {report.warnings.map((warning: ImportIssue) => (
                <li key={`${warning.path}:${warning.message}`}>{warning.message}</li>
              ))}
            </ul>
          }
        />
      )}
    </>
  );
}
