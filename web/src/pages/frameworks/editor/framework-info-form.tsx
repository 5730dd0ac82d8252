import {
  DEFAULT_STAR_BANDS,
  type Framework,
  pointsText,
  RESCALE_METHOD_LABELS,
  RESCALE_METHODS,
  type Rescale,
  type StarBand,
} from "@kaoping/core";
import { Button, Col, Divider, Flex, Form, Input, InputNumber, Row, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { AddRowButton } from "../../../components/add-row-button.tsx";
import { schemaRule } from "../../../components/form-rules.ts";
import { RemoveRowButton } from "../../../components/remove-row-button.tsx";

type InfoValues = Pick<Framework, "name" | "year" | "issuer" | "source" | "description" | "basePoints" | "bonusPoints" | "annualWeight"> & {
  starBands: StarBand[];
  categories: { code: string; label: string }[];
  rescale?: Partial<Rescale>;
};

/** 折算: kept only when it rescales; its defaults (rank by the rescaled score, 2 places) spelt out. */
function rescaleOf(values: InfoValues["rescale"]): Rescale | undefined {
  if (!values?.method || values.method === "none") return undefined;
  return { method: values.method, rankBy: values.rankBy ?? "rescaled", decimals: values.decimals ?? 2 };
}

const blank = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/** The framework with the form's values; blank optional fields are left out. */
function applyInfo(framework: Framework, values: InfoValues): Framework {
  const { facts, indicators, code } = framework;
  const optional = {
    issuer: blank(values.issuer),
    source: blank(values.source),
    description: blank(values.description),
    basePoints: blank(values.basePoints),
    bonusPoints: blank(values.bonusPoints),
    annualWeight: values.annualWeight ?? undefined,
    starBands: values.starBands?.length ? values.starBands : undefined,
    categories: values.categories?.length ? values.categories : undefined,
    rescale: rescaleOf(values.rescale),
  };
  const defined = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined && v !== null));
  return { code, name: values.name ?? "", year: values.year, ...defined, facts, indicators };
}

/** 体系信息: name, year, issuer, source, point totals, annual weight, star bands and unit categories. */
export function FrameworkInfoForm({
  framework,
  isReadOnly,
  onChange,
}: {
  framework: Framework;
  isReadOnly: boolean;
  onChange: (next: (current: Framework) => Framework) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<InfoValues>();
  const pointsRule = schemaRule(pointsText);
  const initialValues: InfoValues = {
    ...framework,
    starBands: framework.starBands ?? [],
    categories: framework.categories ?? [],
    rescale: framework.rescale ?? { method: "none" },
  };

  function handleDefaultBands() {
    form.setFieldsValue({ starBands: DEFAULT_STAR_BANDS });
    onChange((current) => applyInfo(current, form.getFieldsValue(true)));
  }

  return (
    <Form<InfoValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      disabled={isReadOnly}
      onValuesChange={(_, values) => onChange((current) => applyInfo(current, values))}
      data-testid="framework-info-form"
    >
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item label={t("framework.code")}>
            <Input value={framework.code} disabled />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t("framework.name")} rules={[{ required: true, whitespace: true }]}>
            <Input data-testid="info-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={4}>
          <Form.Item name="year" label={t("framework.year")} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="issuer" label={t("framework.issuer")}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="source" label={t("framework.source")}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={8} md={4}>
          <Form.Item name="basePoints" label={t("framework.basePoints")} rules={[pointsRule]}>
            <Input data-testid="info-base-points" />
          </Form.Item>
        </Col>
        <Col xs={8} md={4}>
          <Form.Item name="bonusPoints" label={t("framework.bonusPoints")} rules={[pointsRule]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={8} md={4}>
          <Form.Item name="annualWeight" label={t("framework.annualWeight")} tooltip={t("framework.annualWeightHint")}>
            <InputNumber min={0} max={100} style={{ width: "100%" }} suffix="%" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name={["rescale", "method"]} label={t("scoreStates.rescaleMethod")} tooltip={t("scoreStates.rescaleMethodHint")}>
            <Select
              options={RESCALE_METHODS.map((method) => ({ value: method, label: RESCALE_METHOD_LABELS[method] }))}
              data-testid="info-rescale-method"
            />
          </Form.Item>
        </Col>
        <Col xs={16} md={8}>
          <Form.Item name={["rescale", "rankBy"]} label={t("scoreStates.rescaleRankBy")}>
            <Select
              allowClear
              placeholder={t("scoreStates.rescaleRankByRescaled")}
              options={[
                { value: "rescaled", label: t("scoreStates.rescaleRankByRescaled") },
                { value: "raw", label: t("scoreStates.rescaleRankByRaw") },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={8} md={4}>
          <Form.Item name={["rescale", "decimals"]} label={t("scoreStates.rescaleDecimals")}>
            <InputNumber min={0} max={4} precision={0} placeholder="2" style={{ width: "100%" }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t("framework.description")}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
      <Row gutter={24}>
        <Col xs={24} lg={12}>
          <Divider titlePlacement="start">{t("framework.starBands")}</Divider>
          <Typography.Paragraph type="secondary">{t("framework.starBandsHint")}</Typography.Paragraph>
          <Form.List name="starBands">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="center">
                    <Form.Item name={[field.name, "stars"]} noStyle rules={[{ required: true }]}>
                      <InputNumber min={1} max={5} precision={0} prefix="★" style={{ width: 90 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, "fromRank"]} noStyle rules={[{ required: true }]}>
                      <InputNumber min={1} precision={0} prefix={t("framework.fromRank")} style={{ width: 130 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, "toRank"]} noStyle rules={[{ required: true }]}>
                      <InputNumber min={1} precision={0} prefix={t("framework.toRank")} style={{ width: 130 }} />
                    </Form.Item>
                    <RemoveRowButton onClick={() => remove(field.name)} />
                  </Flex>
                ))}
                <Flex gap={8}>
                  <AddRowButton onClick={() => add({ stars: 1, fromRank: 1, toRank: 1 })}>{t("framework.addStarBand")}</AddRowButton>
                  {!isReadOnly && <Button onClick={handleDefaultBands}>{t("framework.defaultStarBands")}</Button>}
                </Flex>
              </Flex>
            )}
          </Form.List>
        </Col>
        <Col xs={24} lg={12}>
          <Divider titlePlacement="start">{t("framework.categories")}</Divider>
          <Form.List name="categories">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="center">
                    <Form.Item name={[field.name, "code"]} noStyle rules={[{ required: true }]}>
                      <Input placeholder="district" style={{ width: 160 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, "label"]} noStyle rules={[{ required: true }]}>
                      <Input placeholder={t("framework.categoryLabelPlaceholder")} style={{ flex: 1 }} />
                    </Form.Item>
                    <RemoveRowButton onClick={() => remove(field.name)} />
                  </Flex>
                ))}
                <AddRowButton onClick={() => add({ code: "", label: "" })} style={{ alignSelf: "start" }}>
                  {t("framework.addCategory")}
                </AddRowButton>
              </Flex>
            )}
          </Form.List>
        </Col>
      </Row>
    </Form>
  );
}
