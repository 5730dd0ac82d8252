import { type CheckLevel, LIMITS, type PhoneKind, type RoundCreateInput, type RoundDetailView } from "@kaoping/core";
import { Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../components/form-modal.tsx";
import { selectRule, textRules } from "../../components/form-rules.ts";
import { UnitTreeSelect } from "../../components/unit-tree-select.tsx";
import { rangeQuery } from "../cases/case-labels.ts";
import { CheckerSelect } from "./checker-select.tsx";
import { hotlineApi } from "./hotline-api.ts";
import { kindOptions, levelOptions } from "./hotline-labels.ts";

interface RoundForm {
  name: string;
  level: CheckLevel;
  range: [Dayjs, Dayjs];
  unitIds: string[];
  checkerIds: string[];
  numbersPerUnit: number;
  callsPerNumber: number;
  kinds: PhoneKind[];
}

const INITIAL: Partial<RoundForm> = {
  level: "district",
  unitIds: [],
  checkerIds: [],
  numbersPerUnit: 3,
  callsPerNumber: 2,
  kinds: ["consultation", "supervision"],
};

/** The form's values as the API's round (roundCreateSchema). */
export function roundInput(values: RoundForm): RoundCreateInput {
  const { range, ...rest } = values;
  return { ...rest, ...rangeQuery(range), name: rest.name.trim() };
}

/**
 * 发起抽查: name, level, the days rung, the units (none: all), the checkers and the sample rule. The
 * sample is drawn on the server when the round is created; `onCreated` gets the round with it.
 */
export function RoundCreateModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (round: RoundDetailView) => void;
}) {
  const { t } = useTranslation();
  const label = (key: string) => t(`hotline.field.${key}`);
  return (
    <FormModal<RoundForm>
      title={t("hotline.rounds.createTitle")}
      open={open}
      onClose={onClose}
      onSubmit={async (values) => onCreated(await hotlineApi.createRound(roundInput(values)))}
      initialValues={INITIAL}
      width={680}
      submitTestId="round-create-submit"
      successText={t("hotline.rounds.created")}
    >
      <Form.Item name="name" label={label("name")} rules={textRules(t, label("name"), LIMITS.nameMax)}>
        <Input placeholder="2025年3月区级咨询电话接通率抽查" data-testid="round-name" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Form.Item name="level" label={label("level")} rules={[selectRule(t, label("level"))]}>
            <Radio.Group optionType="button" options={levelOptions} data-testid="round-level" />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          <Form.Item
            name="range"
            label={t("hotline.rounds.range")}
            extra={t("hotline.rounds.rangeHint")}
            rules={[selectRule(t, t("hotline.rounds.range"))]}
          >
            <DatePicker.RangePicker
              style={{ width: "100%" }}
              // Both ends named: the field's hint (extra) alone would leave the end date without a label.
              aria-label={t("hotline.rounds.range")}
              data-testid="round-range"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="unitIds" label={label("units")} extra={t("hotline.rounds.unitsHint")}>
        <UnitTreeSelect multiple placeholder={t("hotline.allUnits")} data-testid="round-units" />
      </Form.Item>
      <Form.Item
        name="checkerIds"
        label={label("checkers")}
        extra={t("hotline.rounds.checkersHint")}
        rules={[{ type: "array", min: 1, message: t("common.requiredSelect", { label: label("checkers") }) }]}
      >
        <CheckerSelect />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={12} md={8}>
          <Form.Item name="numbersPerUnit" label={label("numbersPerUnit")} rules={[{ required: true }]}>
            <InputNumber min={1} max={50} precision={0} style={{ width: "100%" }} data-testid="round-numbers-per-unit" />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="callsPerNumber" label={label("callsPerNumber")} rules={[{ required: true }]}>
            <InputNumber min={1} max={10} precision={0} style={{ width: "100%" }} data-testid="round-calls-per-number" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="kinds"
            label={label("kinds")}
            rules={[{ type: "array", min: 1, message: t("common.requiredSelect", { label: label("kinds") }) }]}
          >
            <Checkbox.Group options={kindOptions} data-testid="round-kinds" />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
