import type { FrameworkTemplate } from "@kaoping/core";
import { Button, Modal, Table, type TableColumnsType } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { frameworksApi } from "../../api/frameworks.ts";
import { useShowError } from "../../components/feedback.ts";
import { frameworkPath } from "./use-framework-commands.ts";

/** 从模板创建: the built-in seed frameworks with their counts; one click makes a draft and opens it. */
export function TemplateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const showError = useShowError();
  const [templates, setTemplates] = useState<FrameworkTemplate[] | null>(null);
  const [creating, setCreating] = useState<string | null>(null);

  useEffect(() => {
    if (!open || templates) return;
    frameworksApi
      .templates()
      .then(setTemplates)
      .catch((error: unknown) => {
        setTemplates([]);
        showError(error);
      });
  }, [open, templates, showError]);

  async function handleCreate(template: FrameworkTemplate) {
    setCreating(template.code);
    try {
      const created = await frameworksApi.fromTemplate(template.code);
      onClose();
      navigate(frameworkPath(created.id));
    } catch (error) {
      showError(error);
    } finally {
      setCreating(null);
    }
  }

  const columns: TableColumnsType<FrameworkTemplate> = [
    { key: "name", dataIndex: "name", title: t("framework.name") },
    { key: "year", dataIndex: "year", title: t("framework.year"), width: 80 },
    { key: "issuer", dataIndex: "issuer", title: t("framework.issuer"), render: (issuer: string | null) => issuer ?? "—" },
    { key: "source", dataIndex: "source", title: t("framework.source"), ellipsis: true },
    { key: "indicatorCount", dataIndex: "indicatorCount", title: t("framework.indicatorCount"), align: "right", width: 80 },
    { key: "ruleCount", dataIndex: "ruleCount", title: t("framework.ruleCount"), align: "right", width: 80 },
    {
      key: "actions",
      title: t("common.actions"),
      width: 100,
      render: (_, template) => (
        <Button
          type="link"
          size="small"
          loading={creating === template.code}
          disabled={creating !== null}
          onClick={() => handleCreate(template)}
          data-testid={`template-create-${template.code}`}
        >
          {t("framework.useTemplate")}
        </Button>
      ),
    },
  ];

  return (
    <Modal title={t("framework.fromTemplateTitle")} open={open} onCancel={onClose} footer={null} width={960} destroyOnHidden>
      <Table<FrameworkTemplate>
        data-testid="template-table"
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={templates ?? []}
        loading={templates === null}
        pagination={false}
      />
    </Modal>
  );
}
