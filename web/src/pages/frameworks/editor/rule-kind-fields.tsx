import { type Rule, SOURCE_LEVELS } from "@kaoping/core";
import { AutoComplete, Col, Form, Input, InputNumber, Radio, Row, Select } from "antd";
import { useTranslation } from "react-i18next";
import { type FactOption, filterFactOption } from "./fact-options.ts";
import { options, pointsRule, third } from "./rule-field-utils.ts";
import { RankFields } from "./rule-rank-fields.tsx";
import { GroupMaxFields, PeerAverageFields, PeerGroupField } from "./rule-shape-fields.tsx";
import { WhenFields } from "./rule-when-fields.tsx";

interface KindFieldsProps {
  kind: Rule["kind"];
  facts: FactOption[];
  factsWithLevels: FactOption[];
  /** Codes of the framework's indicators, for alsoZero. */
  indicatorCodes: string[];
}

/** The fields one rule kind reads (schema.ts); the form keeps the others while the kind changes. */
export function RuleKindFields({ kind, facts, factsWithLevels, indicatorCodes }: KindFieldsProps) {
  const { t } = useTranslation();
  const required = { required: true, message: t("framework.requiredField") };
  const factField = (label = t("framework.fact"), list = facts) => (
    <Form.Item name="fact" label={label} rules={[required]}>
      <AutoComplete options={list} showSearch={{ filterOption: filterFactOption }} data-testid="rule-form-fact" />
    </Form.Item>
  );
  const effectField = (values: readonly string[] = ["deduct", "bonus"]) => (
    <Form.Item name="effect" label={t("framework.effectLabel")} rules={[required]}>
      <Radio.Group optionType="button" options={options(t, "effect", values)} data-testid="rule-form-effect" />
    </Form.Item>
  );
  const pointsField = (name: string, label: string, isRequired = false) => (
    <Form.Item name={name} label={label} rules={isRequired ? [required, pointsRule] : [pointsRule]}>
      <Input data-testid={`rule-form-${name}`} />
    </Form.Item>
  );

  switch (kind) {
    case "per_count":
      return (
        <>
          <Row gutter={12}>
            <Col {...third}>{effectField()}</Col>
            <Col {...third}>{factField()}</Col>
            <Col xs={12} md={4}>
              {pointsField("amount", t("framework.amountEach"))}
            </Col>
            <Col xs={12} md={4}>
              {pointsField("cap", t("framework.cap"))}
            </Col>
          </Row>
          <Form.Item label={t("framework.amountByLevel")} extra={t("framework.amountByLevelHint")} style={{ marginBottom: 0 }}>
            <Row gutter={8}>
              {SOURCE_LEVELS.map((level) => (
                <Col xs={8} md={4} key={level}>
                  <Form.Item name={["amountByLevel", level]} rules={[pointsRule]}>
                    <Input
                      prefix={<span className="kp-prefix">{t(`enum.sourceLevel.${level}`)}</span>}
                      aria-label={`${t("framework.amountByLevel")} ${t(`enum.sourceLevel.${level}`)}`}
                      data-testid={`rule-form-level-${level}`}
                    />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </Form.Item>
        </>
      );
    case "per_step":
      return (
        <Row gutter={12}>
          <Col {...third}>{effectField()}</Col>
          <Col {...third}>{factField()}</Col>
          <Col {...third}>
            <Form.Item name="direction" label={t("framework.direction")} rules={[required]}>
              <Radio.Group optionType="button" options={options(t, "directionOption", ["below", "above"])} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="threshold" label={t("framework.threshold")} rules={[required]}>
              <InputNumber style={{ width: "100%" }} data-testid="rule-form-threshold" />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="step" label={t("framework.step")} rules={[required]}>
              <InputNumber min={0} style={{ width: "100%" }} data-testid="rule-form-step" />
            </Form.Item>
          </Col>
          <Col {...third}>{pointsField("amount", t("framework.amountPerStep"), true)}</Col>
          <Col {...third}>
            <Form.Item name="rounding" label={t("framework.rounding")}>
              <Select options={options(t, "roundingOption", ["floor", "ceil", "exact"])} />
            </Form.Item>
          </Col>
          <Col {...third}>{pointsField("cap", t("framework.cap"))}</Col>
        </Row>
      );
    case "when":
      return <WhenFields facts={factsWithLevels} indicatorCodes={indicatorCodes} />;
    case "rank_table":
    case "rank_step":
      return (
        <>
          <Row gutter={12}>
            <Col {...third}>{effectField()}</Col>
            <Col {...third}>
              <Form.Item name="rankMode" label={t("framework.rankSource")}>
                <Select options={options(t, "rankModeOption", ["rankBy", "rankFact"])} />
              </Form.Item>
            </Col>
            <Col {...third}>{factField(t("framework.rankFactLabel"))}</Col>
          </Row>
          <RankFields kind={kind} />
        </>
      );
    case "manual":
      return (
        <Row gutter={12}>
          <Col {...third}>{effectField(["deduct", "bonus", "score"])}</Col>
          <Col {...third}>{pointsField("min", t("framework.manualMin"), true)}</Col>
          <Col {...third}>{pointsField("max", t("framework.manualMax"), true)}</Col>
        </Row>
      );
    case "convert":
      return (
        <Row gutter={12}>
          <Col {...third}>{factField()}</Col>
          <Col {...third}>
            <Form.Item name="outOf" label={t("framework.outOf")} rules={[required]}>
              <InputNumber min={0} style={{ width: "100%" }} data-testid="rule-form-out-of" />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="missing" label={t("framework.missing")}>
              <Select options={options(t, "missingOption", ["zero", "lowest_peer"])} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <PeerGroupField />
          </Col>
        </Row>
      );
    case "peer_average":
      return <PeerAverageFields facts={factsWithLevels} />;
    case "manual_each":
      return (
        <Row gutter={12}>
          <Col {...third}>{effectField()}</Col>
          <Col xs={12} md={5}>
            {pointsField("min", t("framework.shape.eachMin"), true)}
          </Col>
          <Col xs={12} md={5}>
            {pointsField("max", t("framework.shape.eachMax"), true)}
          </Col>
          <Col xs={12} md={6}>
            {pointsField("cap", t("framework.cap"))}
          </Col>
        </Row>
      );
    case "group_max":
      return <GroupMaxFields />;
    case "max_of":
      return (
        <Form.Item name="rulesJson" label={t("framework.innerRules")} extra={t("framework.innerRulesHint")} rules={[required]}>
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 20 }} style={{ fontFamily: "monospace" }} data-testid="rule-form-rules-json" />
        </Form.Item>
      );
  }
}
