import { type Indicator, pointsText } from "@kaoping/core";
import { Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { schemaRule } from "../../../components/form-rules.ts";
import { type IndicatorFormValues, toFormValues } from "./indicator-form-values.ts";
import type { ResponsibleOptions } from "./use-responsible-options.ts";

interface IndicatorFormProps {
  indicator: Indicator;
  categories: { code: string; label: string }[];
  responsibleOptions: ResponsibleOptions;
  isReadOnly: boolean;
  /** Every edit, as the whole form's values (the parent writes them into the definition). */
  onChange: (values: IndicatorFormValues) => void;
}

const half = { xs: 24, md: 12 };
const quarter = { xs: 12, md: 6 };

/** The selected indicator's fields. Uncontrolled: mount it with a key per indicator. */
export function IndicatorForm({ indicator, categories, responsibleOptions, isReadOnly, onChange }: IndicatorFormProps) {
  const { t } = useTranslation();
  const pointsRule = schemaRule(pointsText);
  const codeSelect = (testId: string) => (
    <Select mode="tags" options={responsibleOptions} optionFilterProp="label" tokenSeparators={[",", "，", "、"]} data-testid={testId} />
  );

  return (
    <Form<IndicatorFormValues>
      layout="vertical"
      data-testid="indicator-form"
      initialValues={toFormValues(indicator)}
      disabled={isReadOnly}
      onValuesChange={(_, values) => onChange(values)}
    >
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Form.Item name="code" label={t("framework.indicatorCode")} rules={[{ required: true, whitespace: true }]}>
            <Input data-testid="indicator-code" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t("framework.indicatorName")} rules={[{ required: true, whitespace: true }]}>
            <Input data-testid="indicator-name" />
          </Form.Item>
        </Col>
        <Col {...quarter}>
          <Form.Item name="points" label={t("framework.points")} rules={[pointsRule]}>
            <Input data-testid="indicator-points" placeholder={t("framework.pointsPlaceholder")} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col {...quarter}>
          <Form.Item name="part" label={t("framework.part")}>
            <Select
              allowClear
              placeholder={t("framework.inherit")}
              options={["base", "bonus"].map((v) => ({ value: v, label: t(`framework.partOption.${v}`) }))}
            />
          </Form.Item>
        </Col>
        <Col {...quarter}>
          <Form.Item name="basis" label={t("framework.basis")}>
            <Select
              allowClear
              placeholder={t("framework.basisDefault")}
              options={["full", "zero"].map((v) => ({ value: v, label: t(`framework.basisOption.${v}`) }))}
            />
          </Form.Item>
        </Col>
        <Col {...quarter}>
          <Form.Item name="rangeMin" label={t("framework.rangeMin")} rules={[pointsRule]}>
            <Input placeholder="-5" />
          </Form.Item>
        </Col>
        <Col {...quarter}>
          <Form.Item name="rangeMax" label={t("framework.rangeMax")} rules={[pointsRule]}>
            <Input placeholder="5" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="assessmentPoint" label={t("framework.assessmentPoint")}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} />
      </Form.Item>
      <Form.Item name="scoringText" label={t("framework.scoringText")}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} data-testid="indicator-scoring-text" />
      </Form.Item>
      <Row gutter={12}>
        <Col {...half}>
          <Form.Item name="lead" label={t("framework.lead")}>
            {codeSelect("indicator-lead")}
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="co" label={t("framework.co")}>
            {codeSelect("indicator-co")}
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col {...half}>
          <Form.Item name="responsibleText" label={t("framework.responsibleText")}>
            <Input placeholder={t("framework.responsibleTextPlaceholder")} />
          </Form.Item>
        </Col>
        <Col {...quarter}>
          <Form.Item name="milestone" label={t("framework.milestone")}>
            <Input placeholder={t("framework.milestonePlaceholder")} />
          </Form.Item>
        </Col>
        <Col {...quarter}>
          <Form.Item
            name="dueDate"
            label={t("framework.dueDate")}
            getValueProps={(value?: string) => ({ value: value ? dayjs(value) : null })}
            normalize={(value: dayjs.Dayjs | null) => value?.format("YYYY-MM-DD")}
          >
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col {...quarter}>
          <Form.Item name="lastResult" label={t("framework.lastResult")}>
            <Input placeholder="★★★" />
          </Form.Item>
        </Col>
        <Col {...quarter}>
          <Form.Item name="isNew" label={t("framework.isNew")} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="appliesTo" label={t("framework.appliesTo")} extra={categories.length ? undefined : t("framework.noCategories")}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t("framework.appliesToAll")}
              options={categories.map((c) => ({ value: c.code, label: c.label }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={18}>
          <Form.Item name="notes" label={t("framework.notes")} extra={t("framework.notesHint")}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} />
          </Form.Item>
        </Col>
        <Col {...quarter}>
          <Form.Item name="declaredChildren" label={t("framework.declaredChildren")}>
            <InputNumber min={1} precision={0} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
