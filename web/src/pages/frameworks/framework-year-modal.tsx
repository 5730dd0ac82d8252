import type { FrameworkSummary } from "@kaoping/core";
import { Form, InputNumber, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { frameworksApi } from "../../api/frameworks.ts";
import { FormModal } from "../../components/form-modal.tsx";
import { selectRule } from "../../components/form-rules.ts";
import { frameworkPath } from "./use-framework-commands.ts";

interface FrameworkYearModalProps {
  /** The version to copy; none: closed. */
  framework: FrameworkSummary | null;
  onClose: () => void;
}

/** 复制到新年度: a draft copy of a version with another year, opened in the editor. */
export function FrameworkYearModal({ framework, onClose }: FrameworkYearModalProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();

  async function handleSubmit(values: { year: number }) {
    if (!framework) return;
    const created = await frameworksApi.newVersion(framework.id, values.year);
    navigate(frameworkPath(created.id));
  }

  return (
    <FormModal<{ year: number }>
      title={t("framework.cloneYearTitle", { name: framework?.name ?? "" })}
      open={framework !== null}
      onClose={onClose}
      onSubmit={handleSubmit}
      initialValues={{ year: (framework?.year ?? new Date().getFullYear()) + 1 }}
      submitTestId="framework-year-submit"
      successText={t("framework.versionCreated")}
      width={420}
    >
      <Typography.Paragraph type="secondary">{t("framework.cloneYearHint")}</Typography.Paragraph>
      <Form.Item name="year" label={t("framework.year")} rules={[selectRule(t, t("framework.year"))]}>
        <InputNumber min={2000} max={2100} precision={0} style={{ width: "100%" }} data-testid="framework-year-input" />
      </Form.Item>
    </FormModal>
  );
}
