import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from "@ant-design/icons";
import { type ErrorDetail, LIMITS } from "@kaoping/core";
import { Alert, Button, Checkbox, Flex, Modal, Space, Table, Typography } from "antd";
import { type ChangeEvent, type ReactNode, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiRequestError } from "../api/client.ts";
import { errorText, testId } from "./feedback.ts";

/** What an import answers. */
export interface ImportSummary {
  created: number;
  updated: number;
  total: number;
}

interface ExcelImportModalProps<R> {
  title: string;
  open: boolean;
  onClose: () => void;
  /** Sends the file; rejects with the server's 4xx (IMPORT_INVALID carries sheet/row/column details). */
  upload: (file: File, updateExisting: boolean) => Promise<R>;
  downloadTemplate?: () => Promise<void>;
  /** Refresh what was imported into. */
  onImported?: (result: R) => void;
  /** Offer “更新已存在的数据” (RuoYi's 是否更新已经存在的数据). */
  hasUpdateExisting?: boolean;
  /** Another meaning for the checkbox (e.g. 作为新版本导入), with its hint. */
  updateExistingLabel?: string;
  updateExistingHint?: string;
  /** How a success reads; the default counts created / updated rows (an ImportSummary). */
  describeResult?: (result: R) => ReactNode;
  /** More of a success than one line (per-row outcomes, warnings), shown under it. */
  resultDetails?: (result: R) => ReactNode;
  /** File name endings accepted; default .xlsx only. */
  accept?: readonly string[];
  /** Size cap of the file; default LIMITS.importFileBytes. */
  maxBytes?: number;
  /** Replaces the “仅支持 .xlsx …” hint. */
  fileHint?: string;
  /** Fields sent with the file (格式, 渠道, 所属单位 …), shown above the file picker. */
  children?: ReactNode;
}

const MB = 1024 * 1024;

/** The Excel import dialog: pick an .xlsx, optionally update existing rows, upload, list row errors. */
export function ExcelImportModal<R = ImportSummary>(props: ExcelImportModalProps<R>) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [isUpdateExisting, setIsUpdateExisting] = useState(false);
  const [isUploading, setIsUploading] = useState(false);
  const [failure, setFailure] = useState<{ message: string; details: ErrorDetail[] } | null>(null);
  const [summary, setSummary] = useState<{ result: R } | null>(null);
  const accept = props.accept ?? [".xlsx"];
  const maxBytes = props.maxBytes ?? LIMITS.importFileBytes;
  const maxMb = maxBytes / MB;

  function handleClose() {
    setFile(null);
    setFailure(null);
    setSummary(null);
    setIsUpdateExisting(false);
    props.onClose();
  }

  function handleFileChange(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0] ?? null;
    event.target.value = ""; // choosing the same file again still fires change
    setSummary(null);
    setFailure(null);
    setFile(chosen);
    if (chosen && !accept.some((ending) => chosen.name.toLowerCase().endsWith(ending))) {
      setFailure({ message: props.accept ? t("import.wrongType", { types: accept.join(" / ") }) : t("import.notXlsx"), details: [] });
    } else if (chosen && chosen.size > maxBytes) {
      setFailure({ message: t("import.tooLarge", { size: maxMb }), details: [] });
    }
  }

  async function handleUpload() {
    if (!file) return;
    setIsUploading(true);
    setFailure(null);
    setSummary(null);
    try {
      const result = await props.upload(file, isUpdateExisting);
      setSummary({ result });
      props.onImported?.(result);
    } catch (error) {
      const details = error instanceof ApiRequestError ? (error.details ?? []) : [];
      const message = error instanceof ApiRequestError ? error.message : errorText(error);
      setFailure({ message, details });
    } finally {
      setIsUploading(false);
    }
  }

  // A JSON file's errors name a path (a bare index says no more than the message); a workbook's name sheet, row and column.
  const details = failure?.details ?? [];
  const hasPaths = details.some((detail) => detail.path?.some((part) => typeof part === "string" && !/^\d+$/.test(part)));
  const hasCells = details.some((detail) => detail.sheet || detail.row !== undefined || detail.column) || !hasPaths;
  const errorColumns = [
    ...(hasPaths
      ? [
          {
            key: "path",
            dataIndex: "path",
            title: t("import.path"),
            width: 220,
            render: (path?: (string | number)[]) => path?.join(".") ?? "",
          },
        ]
      : []),
    ...(hasCells
      ? [
          { key: "sheet", dataIndex: "sheet", title: t("import.sheet"), width: 120 },
          {
            key: "row",
            dataIndex: "row",
            title: t("import.row"),
            width: 100,
            render: (row?: number) => (row === undefined ? "" : t("import.rowN", { row })),
          },
          { key: "column", dataIndex: "column", title: t("import.column"), width: 140 },
        ]
      : []),
    { key: "message", dataIndex: "message", title: t("import.problem") },
  ];

  return (
    <Modal
      title={props.title}
      open={props.open}
      onCancel={handleClose}
      width={720}
      destroyOnHidden
      footer={[
        <Button key="close" onClick={handleClose}>
          {t("common.close")}
        </Button>,
        <Button
          key="upload"
          type="primary"
          icon={<UploadOutlined />}
          loading={isUploading}
          disabled={!file}
          onClick={handleUpload}
          {...testId("import-submit")}
        >
          {t("import.upload")}
        </Button>,
      ]}
    >
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        {props.children}
        <Flex gap={12} align="center" wrap>
          <input
            ref={inputRef}
            type="file"
            accept={props.accept ? accept.join(",") : ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
            data-testid="import-file-input"
            onChange={handleFileChange}
            hidden
          />
          <Button icon={<FileExcelOutlined />} onClick={() => inputRef.current?.click()}>
            {t("import.chooseFile")}
          </Button>
          <Typography.Text type={file ? undefined : "secondary"}>{file?.name ?? t("import.noFile")}</Typography.Text>
          {props.downloadTemplate && (
            <Button type="link" icon={<DownloadOutlined />} onClick={() => void props.downloadTemplate?.()}>
              {t("import.downloadTemplate")}
            </Button>
          )}
        </Flex>
        <Typography.Text type="secondary">{props.fileHint ?? t("import.fileHint", { size: maxMb })}</Typography.Text>
        {(props.hasUpdateExisting ?? true) && (
          <Checkbox
            checked={isUpdateExisting}
            onChange={(event) => setIsUpdateExisting(event.target.checked)}
            data-testid="import-update-existing"
          >
            {props.updateExistingLabel ?? t("import.updateExisting")}
            <Typography.Text type="secondary">（{props.updateExistingHint ?? t("import.updateExistingHint")}）</Typography.Text>
          </Checkbox>
        )}
        {summary && (
          <Alert
            type="success"
            showIcon
            data-testid="import-result"
            title={props.describeResult?.(summary.result) ?? t("import.succeeded", { ...(summary.result as ImportSummary) })}
          />
        )}
        {summary && props.resultDetails?.(summary.result)}
        {failure && <Alert type="error" showIcon data-testid="import-failure" title={failure.message || t("import.failed")} />}
        {failure && failure.details.length > 0 && (
          <Table<ErrorDetail & { key: number }>
            data-testid="import-errors"
            size="small"
            rowKey="key"
            columns={errorColumns}
            dataSource={failure.details.map((detail, key) => ({ ...detail, key }))}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
          />
        )}
      </Space>
    </Modal>
  );
}
