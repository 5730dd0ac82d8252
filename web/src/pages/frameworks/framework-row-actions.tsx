import { DownOutlined } from "@ant-design/icons";
import { type FrameworkSummary, PERMISSIONS as P } from "@kaoping/core";
import { Button, Dropdown, type MenuProps, Popconfirm, Space } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { usePermission } from "../../app/permission.tsx";
import { frameworkPath, type useFrameworkCommands } from "./use-framework-commands.ts";

interface FrameworkRowActionsProps {
  framework: FrameworkSummary;
  commands: ReturnType<typeof useFrameworkCommands>;
  onCloneYear: (framework: FrameworkSummary) => void;
}

/**
 * 操作 of one version, following its status: a draft can be edited, published and
 * deleted; a published one archived; any non-draft copied into a new version or year.
 */
export function FrameworkRowActions({ framework, commands, onCloneYear }: FrameworkRowActionsProps) {
  const { t } = useTranslation();
  const can = usePermission();
  const navigate = useNavigate();
  const isDraft = framework.status === "draft";
  const canManage = can(P.frameworkManage);
  const canPublish = can(P.frameworkPublish);

  const more: NonNullable<MenuProps["items"]> = [];
  if (canManage && !isDraft) {
    more.push(
      { key: "version", label: <span data-testid="framework-new-version">{t("framework.newVersion")}</span> },
      { key: "year", label: <span data-testid="framework-clone-year">{t("framework.cloneYear")}</span> },
    );
  }
  more.push({ key: "export", label: <span data-testid="framework-export">{t("framework.export")}</span> });

  function handleMore({ key }: { key: string }) {
    if (key === "version") void commands.newVersion(framework);
    if (key === "year") onCloneYear(framework);
    if (key === "export") void commands.exportXlsx(framework);
  }

  return (
    <Space size={0}>
      <Button type="link" size="small" onClick={() => navigate(frameworkPath(framework.id))} data-testid="framework-open">
        {isDraft && canManage ? t("common.edit") : t("framework.view")}
      </Button>
      {isDraft && canPublish && (
        <Popconfirm title={t("framework.publishConfirm", { name: framework.name })} onConfirm={() => commands.publish(framework)}>
          <Button type="link" size="small" data-testid="framework-row-publish">
            {t("framework.publish")}
          </Button>
        </Popconfirm>
      )}
      {framework.status === "published" && canPublish && (
        <Popconfirm title={t("framework.archiveConfirm", { name: framework.name })} onConfirm={() => commands.archive(framework)}>
          <Button type="link" size="small" data-testid="framework-archive">
            {t("framework.archive")}
          </Button>
        </Popconfirm>
      )}
      {isDraft && canManage && (
        <Popconfirm title={t("framework.deleteConfirm", { name: framework.name })} onConfirm={() => commands.remove(framework)}>
          <Button type="link" size="small" danger data-testid="framework-delete">
            {t("common.delete")}
          </Button>
        </Popconfirm>
      )}
      <Dropdown menu={{ items: more, onClick: handleMore }} trigger={["click"]}>
        <Button type="link" size="small" data-testid="framework-more">
          {t("framework.more")} <DownOutlined />
        </Button>
      </Dropdown>
    </Space>
  );
}
