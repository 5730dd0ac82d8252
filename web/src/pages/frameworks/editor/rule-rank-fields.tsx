import { Col, Flex, Form, Input, InputNumber, Radio, Row } from "antd";
import { useTranslation } from "react-i18next";
import { AddRowButton } from "../../../components/add-row-button.tsx";
import { RemoveRowButton } from "../../../components/remove-row-button.tsx";
import { options, pointsRule, third } from "./rule-field-utils.ts";

/** rank_table: points per rank from the top; rank_step: points per place below a rank. */
export function RankFields({ kind }: { kind: "rank_table" | "rank_step" }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const rankMode = Form.useWatch("rankMode", form);
  const order =
    rankMode !== "rankFact" ? (
      <Form.Item name="order" label={t("framework.order")}>
        <Radio.Group optionType="button" options={options(t, "orderOption", ["desc", "asc"])} />
      </Form.Item>
    ) : null;
  if (kind === "rank_step") {
    return (
      <Row gutter={12}>
        <Col {...third}>{order}</Col>
        <Col {...third}>
          <Form.Item name="after" label={t("framework.after")} rules={[{ required: true }]}>
            <InputNumber min={0} precision={0} style={{ width: "100%" }} data-testid="rule-form-after" />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="amount" label={t("framework.amountPerPlace")} rules={[{ required: true }, pointsRule]}>
            <Input data-testid="rule-form-amount" />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="cap" label={t("framework.cap")} rules={[pointsRule]}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
    );
  }
  return (
    <>
      {order}
      <Form.Item label={t("framework.rankAmounts")} extra={t("framework.rankAmountsHint")}>
        <Form.List name="amounts">
          {(fields, { add, remove }) => (
            <Flex gap={8} wrap>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={2} align="center">
                  <Form.Item name={field.name} rules={[{ required: true }, pointsRule]} noStyle>
                    <Input
                      prefix={<span className="kp-prefix">{t("framework.rankN", { rank: index + 1 })}</span>}
                      aria-label={t("framework.rankN", { rank: index + 1 })}
                      style={{ width: 150 }}
                      data-testid={`rule-form-amounts-${index}`}
                    />
                  </Form.Item>
                  {fields.length > 1 && <RemoveRowButton onClick={() => remove(field.name)} />}
                </Flex>
              ))}
              <AddRowButton onClick={() => add("")} data-testid="rule-form-amounts-add">
                {t("framework.addRank")}
              </AddRowButton>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
    </>
  );
}
