import { type Framework, frameworkSchema, pointsText } from "@kaoping/core";
import { Col, Form, Input, InputNumber, Row } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { frameworksApi } from "../../api/frameworks.ts";
import { FormModal } from "../../components/form-modal.tsx";
import { schemaRule, selectRule, textRules } from "../../components/form-rules.ts";
import { frameworkPath } from "./use-framework-commands.ts";

/** Named `definition.*` so the server's 409 on `["body","definition","code"]` lands on the code field. */
interface CreateValues {
  definition: { code: string; name: string; year: number; issuer?: string; basePoints?: string };
}

/** 新建指标体系: code, name and year; it opens in the editor with one first-level indicator. */
export function FrameworkCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();

  async function handleSubmit({ definition }: CreateValues) {
    const framework: Framework = {
      code: definition.code.trim(),
      name: definition.name.trim(),
      year: definition.year,
      ...(definition.issuer?.trim() ? { issuer: definition.issuer.trim() } : {}),
      ...(definition.basePoints?.trim() ? { basePoints: definition.basePoints.trim() } : {}),
      facts: [],
      indicators: [{ code: "1", name: t("framework.newIndicatorName") }],
    };
    const created = await frameworksApi.create(framework);
    navigate(frameworkPath(created.id));
  }

  return (
    <FormModal<CreateValues>
      title={t("framework.createTitle")}
      open={open}
      onClose={onClose}
      onSubmit={handleSubmit}
      initialValues={{ definition: { code: "", name: "", year: new Date().getFullYear(), basePoints: "100" } }}
      submitTestId="framework-create-submit"
      width={600}
    >
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item
            name={["definition", "code"]}
            label={t("framework.code")}
            extra={t("framework.codeHint")}
            rules={[...textRules(t, t("framework.code"), 64), schemaRule(frameworkSchema.shape.code)]}
            validateFirst
          >
            <Input data-testid="framework-form-code" placeholder="gongshu-business-environment" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name={["definition", "year"]} label={t("framework.year")} rules={[selectRule(t, t("framework.year"))]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: "100%" }} data-testid="framework-form-year" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={["definition", "name"]} label={t("framework.name")} rules={textRules(t, t("framework.name"), 200)}>
        <Input data-testid="framework-form-name" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item name={["definition", "issuer"]} label={t("framework.issuer")}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name={["definition", "basePoints"]} label={t("framework.basePoints")} rules={[schemaRule(pointsText)]}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
