import { PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { EVIDENCE_EXTENSIONS, type EvidenceView } from "@kaoping/core";
import { Alert, App, Button, Flex, Table, type TableColumnsType, Tag, Typography, Upload, type UploadProps } from "antd";
import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiRequestError } from "../../../api/client.ts";
import { evidenceApi } from "../../../api/evidence.ts";
import { errorText } from "../../../components/feedback.ts";
import { formatBytes, formatDateTime } from "../../../components/format.ts";
import { evidenceChains } from "./evidence-chains.ts";

interface EvidenceListProps {
  campaignId: string;
  unitId: string;
  indicatorCode: string;
  evidence: EvidenceView[];
  isEditable: boolean;
  /** Re-reads the submission after an upload. */
  onChanged: () => Promise<void>;
}

type Failure = { message: string; details: string[] } | null;

const ACCEPT = EVIDENCE_EXTENSIONS.join(",");

/** What a refused upload says: the server's message and each file it names (413 too large, 400 bad type …). */
function toFailure(error: unknown): Failure {
  if (!(error instanceof ApiRequestError)) return { message: errorText(error), details: [] };
  const details = (error.details ?? []).map((detail) => detail.message);
  return { message: error.message, details: details.filter((detail) => detail !== error.message) };
}

/** 佐证材料 of one self-assessment: the current files with their history, download, new revisions and uploads. */
export function EvidenceList({ campaignId, unitId, indicatorCode, evidence, isEditable, onChanged }: EvidenceListProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [failure, setFailure] = useState<Failure>(null);
  const [isUploading, setIsUploading] = useState(false);
  // One upload at a time: the first file of a self-assessment creates its record, the rest attach to it.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const chains = useMemo(() => evidenceChains(evidence), [evidence]);
  const earlierOf = useMemo(() => new Map(chains.map((chain) => [chain.current.id, chain.earlier])), [chains]);

  function enqueue(send: () => Promise<unknown>, done: { onSuccess?: (body: unknown) => void; onError?: (error: Error) => void }) {
    setIsUploading(true);
    setFailure(null);
    queue.current = queue.current.then(async () => {
      try {
        const result = await send();
        done.onSuccess?.(result);
        void message.success(t("campaign.uploaded", { count: Array.isArray(result) ? result.length : 1 }));
      } catch (error) {
        setFailure(toFailure(error));
        done.onError?.(error as Error);
      }
      await onChanged();
      setIsUploading(false);
    });
  }

  const uploadRequest: UploadProps["customRequest"] = ({ file, onSuccess, onError }) =>
    enqueue(
      () => evidenceApi.upload({ campaignId, unitId, ownerType: "self_assessment", ownerKey: indicatorCode, files: [file as File] }),
      {
        onSuccess,
        onError,
      },
    );

  const revisionRequest =
    (evidenceId: string): UploadProps["customRequest"] =>
    ({ file, onSuccess, onError }) =>
      enqueue(() => evidenceApi.uploadRevision(evidenceId, file as File), { onSuccess, onError });

  const columns: TableColumnsType<EvidenceView> = [
    {
      key: "fileName",
      dataIndex: "fileName",
      title: t("campaign.fileName"),
      render: (fileName: string, file) => (
        <a href={evidenceApi.downloadUrl(file.id)} data-testid="evidence-download">
          <PaperClipOutlined /> {fileName}
        </a>
      ),
    },
    {
      key: "revision",
      dataIndex: "revision",
      title: t("campaign.revision"),
      render: (n: number) => <Tag>{t("campaign.revisionN", { n })}</Tag>,
    },
    { key: "size", dataIndex: "size", title: t("campaign.size"), align: "right", render: formatBytes },
    { key: "uploadedBy", dataIndex: "uploadedBy", title: t("campaign.uploadedBy") },
    { key: "uploadedAt", dataIndex: "uploadedAt", title: t("campaign.uploadedAt"), render: formatDateTime },
  ];
  const currentColumns: TableColumnsType<EvidenceView> = isEditable
    ? [
        ...columns,
        {
          key: "revise",
          render: (_, file) => (
            <Upload accept={ACCEPT} showUploadList={false} customRequest={revisionRequest(file.id)} data-testid="upload-revision">
              <Button type="link" size="small" disabled={isUploading}>
                {t("campaign.newRevision")}
              </Button>
            </Upload>
          ),
        },
      ]
    : columns;

  return (
    <div data-testid="evidence-list">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }} wrap gap={8}>
        <Typography.Text strong>{t("campaign.evidence")}</Typography.Text>
        {isEditable && (
          <Flex align="center" gap={8}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("campaign.uploadHint")}
            </Typography.Text>
            <Upload multiple accept={ACCEPT} showUploadList={false} customRequest={uploadRequest} data-testid="upload-evidence">
              <Button icon={<UploadOutlined />} loading={isUploading}>
                {t("campaign.upload")}
              </Button>
            </Upload>
          </Flex>
        )}
      </Flex>
      {failure && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="evidence-upload-error"
          title={failure.message || t("campaign.uploadFailed")}
          description={failure.details.length ? failure.details.map((detail) => <div key={detail}>{detail}</div>) : undefined}
          closable={{ onClose: () => setFailure(null) }}
        />
      )}
      <Table<EvidenceView>
        rowKey="id"
        size="small"
        pagination={false}
        columns={currentColumns}
        dataSource={chains.map((chain) => chain.current)}
        locale={{ emptyText: t("campaign.noEvidence") }}
        expandable={{
          rowExpandable: (file) => (earlierOf.get(file.id)?.length ?? 0) > 0,
          expandedRowRender: (file) => (
            <Table<EvidenceView>
              rowKey="id"
              size="small"
              pagination={false}
              showHeader={false}
              columns={columns}
              dataSource={earlierOf.get(file.id)}
            />
          ),
        }}
      />
    </div>
  );
}
