import { Col, Form, Input, Row, Select } from "antd";
import { useTranslation } from "react-i18next";
import { ConditionBuilder } from "./condition-builder.tsx";
import type { FactOption } from "./fact-options.ts";
import { conditionRule, options, pointsRule } from "./rule-field-utils.ts";

/** `when`: the condition, the outcome (zero / half / deduct / bonus) and the indicators zeroed with it. */
export function WhenFields({ facts, indicatorCodes }: { facts: FactOption[]; indicatorCodes: string[] }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const outcome = Form.useWatch("outcome", form);
  return (
    <>
      <Form.Item name="condition" label={t("framework.condition")} rules={[conditionRule(t)]}>
        <ConditionBuilder facts={facts} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name="outcome" label={t("framework.outcome")}>
            <Select options={options(t, "outcomeOption", ["zero", "half", "deduct", "bonus"])} data-testid="rule-form-outcome" />
          </Form.Item>
        </Col>
        {(outcome === "deduct" || outcome === "bonus") && (
          <Col xs={24} md={6}>
            <Form.Item name="amount" label={t("framework.amount")} rules={[{ required: true }, pointsRule]}>
              <Input data-testid="rule-form-amount" />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={10}>
          <Form.Item name="alsoZero" label={t("framework.alsoZero")} extra={t("framework.alsoZeroHint")}>
            <Select mode="tags" options={indicatorCodes.map((code) => ({ value: code, label: code }))} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
