import { type Framework, type FrameworkSummary, LIMITS } from "@kaoping/core";
import { Col, Form, type FormInstance, Input, InputNumber, Row, Select } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { frameworksApi } from "../../../api/frameworks.ts";
import { useShowError } from "../../../components/feedback.ts";
import { selectRule, textRules } from "../../../components/form-rules.ts";
import type { CreateValues } from "./create-values.ts";

export type FrameworkCategory = NonNullable<Framework["categories"]>[number];

/** Step 1: a published framework version, the campaign's name, year and issuer. */
export function BasicsStep({
  form,
  onCategories,
}: {
  form: FormInstance<CreateValues>;
  onCategories: (categories: FrameworkCategory[]) => void;
}) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [frameworks, setFrameworks] = useState<FrameworkSummary[]>([]);
  const [isLoading, setIsLoading] = useState(true);

  useEffect(() => {
    frameworksApi
      .list({ status: "published", page: 1, pageSize: 500 })
      .then((page) => setFrameworks(page.rows))
      .catch(showError)
      .finally(() => setIsLoading(false));
  }, [showError]);

  async function handleFramework(id: string) {
    const summary = frameworks.find((framework) => framework.id === id);
    if (summary) {
      // A fresh campaign usually takes the framework's name and year; what the user typed stays.
      if (!form.getFieldValue("name")) form.setFieldValue("name", summary.name);
      form.setFieldValue("year", summary.year);
      if (!form.getFieldValue("issuer") && summary.issuer) form.setFieldValue("issuer", summary.issuer);
    }
    // Categories belong to a framework: choices made for the previous one no longer apply.
    const units: CreateValues["units"] = form.getFieldValue("units") ?? [];
    if (units.some((unit) => unit.category)) {
      form.setFieldValue(
        "units",
        units.map((unit) => ({ ...unit, category: null })),
      );
    }
    onCategories([]);
    try {
      const view = await frameworksApi.get(id);
      onCategories((view.definition as Framework).categories ?? []);
    } catch (error) {
      showError(error);
    }
  }

  const options = frameworks.map((framework) => ({
    value: framework.id,
    label: t("campaign.frameworkOption", { name: framework.name, version: framework.version, year: framework.year }),
  }));

  return (
    <>
      <Form.Item
        name="frameworkId"
        label={t("campaign.framework")}
        extra={t("campaign.frameworkHint")}
        rules={[selectRule(t, t("campaign.framework"))]}
      >
        <Select
          showSearch={{ optionFilterProp: "label" }}
          loading={isLoading}
          options={options}
          onChange={handleFramework}
          data-testid="campaign-form-framework"
        />
      </Form.Item>
      <Form.Item name="name" label={t("campaign.name")} rules={textRules(t, t("campaign.name"), LIMITS.nameMax)}>
        <Input data-testid="campaign-form-name" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="year" label={t("campaign.year")} rules={[selectRule(t, t("campaign.year"))]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: "100%" }} data-testid="campaign-form-year" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="issuer" label={t("campaign.issuer")} rules={textRules(t, t("campaign.issuer"), LIMITS.nameMax, false)}>
            <Input data-testid="campaign-form-issuer" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
