import { Col, Form, Input, Radio, Row, Switch } from "antd";
import { useTranslation } from "react-i18next";
import { ConditionBuilder } from "./condition-builder.tsx";
import type { FactOption } from "./fact-options.ts";
import { conditionRule, options, pointsRule, third } from "./rule-field-utils.ts";

/** 单位组: the code of a unit group kept under 单位组 (e.g. the 进驻单位). */
export function PeerGroupField() {
  const { t } = useTranslation();
  return (
    <Form.Item name="peerGroup" label={t("framework.shape.peerGroup")} extra={t("framework.shape.peerGroupHint")}>
      <Input allowClear data-testid="rule-form-peer-group" />
    </Form.Item>
  );
}

/** 在平均分基础上下浮: who takes the average, who is averaged, and the lowering (fixed or a reviewer's within a range). */
export function PeerAverageFields({ facts }: { facts: FactOption[] }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const hasPeers = Form.useWatch("hasPeers", form);
  const lowering = Form.useWatch("lowering", form) ?? "fixed";
  const required = { required: true, message: t("framework.requiredField") };
  return (
    <>
      <Form.Item
        name="condition"
        label={t("framework.shape.relativeWhen")}
        extra={t("framework.shape.relativeWhenHint")}
        rules={[conditionRule(t)]}
      >
        <ConditionBuilder facts={facts} />
      </Form.Item>
      <Form.Item name="hasPeers" label={t("framework.shape.hasPeers")} valuePropName="checked">
        <Switch data-testid="rule-form-has-peers" />
      </Form.Item>
      {hasPeers && (
        <Form.Item name="peers" label={t("framework.shape.peers")} rules={[conditionRule(t)]}>
          <ConditionBuilder facts={facts} />
        </Form.Item>
      )}
      <Row gutter={12}>
        <Col {...third}>
          <Form.Item name="lowering" label={t("framework.shape.lowering")}>
            <Radio.Group
              optionType="button"
              options={options(t, "shape.loweringOption", ["fixed", "range"])}
              data-testid="rule-form-lowering"
            />
          </Form.Item>
        </Col>
        {lowering === "fixed" ? (
          <Col {...third}>
            <Form.Item name="amount" label={t("framework.shape.loweringAmount")} rules={[required, pointsRule]}>
              <Input data-testid="rule-form-amount" />
            </Form.Item>
          </Col>
        ) : (
          <>
            <Col xs={12} md={4}>
              <Form.Item name="min" label={t("framework.manualMin")} rules={[required, pointsRule]}>
                <Input data-testid="rule-form-min" />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="max" label={t("framework.manualMax")} rules={[required, pointsRule]}>
                <Input data-testid="rule-form-max" />
              </Form.Item>
            </Col>
          </>
        )}
        <Col {...third}>
          <PeerGroupField />
        </Col>
      </Row>
    </>
  );
}

/** 同一宣传内容取最高分: the items compared within one content (per_count rules, as JSON) and an optional cap. */
export function GroupMaxFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="rulesJson"
        label={t("framework.shape.groupItems")}
        extra={t("framework.shape.groupItemsHint")}
        rules={[{ required: true, message: t("framework.requiredField") }]}
      >
        <Input.TextArea autoSize={{ minRows: 6, maxRows: 20 }} style={{ fontFamily: "monospace" }} data-testid="rule-form-rules-json" />
      </Form.Item>
      <Row gutter={12}>
        <Col {...third}>
          <Form.Item name="cap" label={t("framework.cap")} rules={[pointsRule]}>
            <Input data-testid="rule-form-cap" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
