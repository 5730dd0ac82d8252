import { PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { type AttachmentView, EVIDENCE_EXTENSIONS, STEP_ATTACHMENTS_MAX } from "@kaoping/core";
import { App, Button, Flex, Typography, Upload, type UploadFile, type UploadProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { attachmentsApi } from "../api/attachments.ts";
import { errorText } from "./feedback.ts";
import { formatBytes } from "./format.ts";
import { type PickedAttachments, pickedOf } from "./picked-attachments.ts";

const ACCEPT = EVIDENCE_EXTENSIONS.join(",");

/**
 * 附件 for a step's form (a 差评's 申诉 or 整改, a 督办单's 反馈): each file is uploaded as it is
 * picked and checked by the server then; a refused one stays in the list in red with the reason.
 * A form control: `onChange` gets the ids to cite.
 */
export function AttachmentUpload({ onChange, testId }: { onChange?: (picked: PickedAttachments) => void; testId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile<AttachmentView>[]>([]);

  const upload: UploadProps<AttachmentView>["customRequest"] = ({ file, onSuccess, onError }) => {
    const picked = file as File;
    attachmentsApi.upload(picked).then(
      (row) => onSuccess?.(row),
      (error: unknown) => {
        const reason = errorText(error);
        void message.error(t("attachments.failed", { name: picked.name, reason }));
        onError?.(new Error(reason));
      },
    );
  };

  return (
    <Flex vertical gap={4} data-testid={testId}>
      <Upload<AttachmentView>
        multiple
        accept={ACCEPT}
        maxCount={STEP_ATTACHMENTS_MAX}
        fileList={files}
        customRequest={upload}
        onChange={({ fileList }) => {
          setFiles(fileList);
          onChange?.(pickedOf(fileList));
        }}
      >
        <Button icon={<UploadOutlined />}>{t("attachments.pick")}</Button>
      </Upload>
      <Typography.Text type="secondary">{t("attachments.hint", { max: STEP_ATTACHMENTS_MAX })}</Typography.Text>
    </Flex>
  );
}

/** A step's cited files as download links (the owner's route checks who may read them). */
export function AttachmentLinks({
  attachments,
  hrefOf,
}: {
  attachments: AttachmentView[];
  hrefOf: (attachment: AttachmentView) => string;
}) {
  if (!attachments.length) return null;
  return (
    <Flex vertical gap={2} data-testid="step-attachments">
      {attachments.map((attachment) => (
        <Typography.Link key={attachment.id} href={hrefOf(attachment)} target="_blank" rel="noopener">
          <PaperClipOutlined /> {attachment.fileName}
          <Typography.Text type="secondary"> （{formatBytes(attachment.size)}）</Typography.Text>
        </Typography.Link>
      ))}
    </Flex>
  );
}
