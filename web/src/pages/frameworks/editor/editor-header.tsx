import { ArrowLeftOutlined, CopyOutlined, ExportOutlined, InboxOutlined, SaveOutlined, SendOutlined } from "@ant-design/icons";
import { type FrameworkView, PERMISSIONS as P } from "@kaoping/core";
import { Button, Card, Flex, Popconfirm, Space, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { usePermission } from "../../../app/permission.tsx";
import { FrameworkStatusTag } from "../framework-status-tag.tsx";
import { useFrameworkCommands } from "../use-framework-commands.ts";
import type { FrameworkEditor } from "./use-framework-editor.ts";

/** Name, version and status of the version being edited, with 保存 / 发布 / 归档 / 新版本 / 导出. */
export function EditorHeader({ editor, view }: { editor: FrameworkEditor; view: FrameworkView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = usePermission();
  const commands = useFrameworkCommands(() => void editor.reload());
  const isDraft = view.status === "draft";
  const hasErrors = editor.validation.errors.length > 0;

  async function handlePublish() {
    if (editor.isDirty && !(await editor.save())) return;
    await commands.publish(view);
  }

  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate("/assess/frameworks")}
            aria-label={t("framework.backToList")}
          />
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="framework-title">
            {editor.definition?.name ?? view.name}
          </Typography.Title>
          <Tag>{view.code}</Tag>
          <Tag>{`v${view.version}`}</Tag>
          <Tag>{view.year}</Tag>
          <FrameworkStatusTag status={view.status} />
          {editor.isDirty && (
            <Tag color="warning" data-testid="framework-dirty">
              {t("framework.unsaved")}
            </Tag>
          )}
          {editor.isReadOnly && (
            <Typography.Text type="secondary">{t(isDraft ? "framework.readOnlyNoPermission" : "framework.readOnlyLocked")}</Typography.Text>
          )}
        </Space>
        <Space wrap>
          {!editor.isReadOnly && (
            <Button
              type="primary"
              icon={<SaveOutlined />}
              loading={editor.isSaving}
              disabled={!editor.isDirty}
              onClick={() => void editor.save()}
              data-testid="framework-save"
            >
              {t("common.save")}
            </Button>
          )}
          {isDraft && can(P.frameworkPublish) && (
            <Popconfirm
              title={t("framework.publishConfirm", { name: view.name })}
              description={t("framework.publishHint")}
              onConfirm={handlePublish}
              disabled={hasErrors}
            >
              <Tooltip title={hasErrors ? t("framework.publishBlocked") : undefined}>
                <Button icon={<SendOutlined />} disabled={hasErrors} data-testid="framework-publish">
                  {t("framework.publish")}
                </Button>
              </Tooltip>
            </Popconfirm>
          )}
          {view.status === "published" && can(P.frameworkPublish) && (
            <Popconfirm title={t("framework.archiveConfirm", { name: view.name })} onConfirm={() => commands.archive(view)}>
              <Button icon={<InboxOutlined />} data-testid="framework-archive">
                {t("framework.archive")}
              </Button>
            </Popconfirm>
          )}
          {!isDraft && can(P.frameworkManage) && (
            <Button icon={<CopyOutlined />} onClick={() => void commands.newVersion(view)} data-testid="framework-new-version">
              {t("framework.newVersion")}
            </Button>
          )}
          <Button icon={<ExportOutlined />} onClick={() => void commands.exportXlsx(view)} data-testid="framework-export">
            {t("framework.export")}
          </Button>
        </Space>
      </Flex>
    </Card>
  );
}
