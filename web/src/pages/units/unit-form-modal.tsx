import { LIMITS, UNIT_KINDS, type UnitCreateInput, type UnitView, unitCreateSchema } from "@kaoping/core";
import { Col, Form, Input, InputNumber, Row, Select, Switch } from "antd";
import { useTranslation } from "react-i18next";
import { unitsApi } from "../../api/units.ts";
import { useEnumOptions } from "../../components/enum-options.ts";
import { FormModal } from "../../components/form-modal.tsx";
import { schemaRule, selectRule, textRules } from "../../components/form-rules.ts";
import { UnitTreeSelect } from "../../components/unit-tree-select.tsx";

interface UnitFormModalProps {
  open: boolean;
  /** The unit being edited; none to create one. */
  unit: UnitView | null;
  /** Parent preselected when creating (the unit chosen in the tree). */
  defaultParentId: string | null;
  onClose: () => void;
  onSaved: () => void;
}

type UnitFormValues = Omit<UnitCreateInput, "shortName" | "parentId"> & {
  shortName?: string;
  parentId?: string | null;
};

function toInput(values: UnitFormValues): UnitCreateInput {
  return { ...values, shortName: values.shortName?.trim() || null, parentId: values.parentId ?? null };
}

/** 新增 / 编辑单位, with a tree-select for 上级单位 that cannot pick the unit itself or below. */
export function UnitFormModal({ open, unit, defaultParentId, onClose, onSaved }: UnitFormModalProps) {
  const { t } = useTranslation();
  const kindOptions = useEnumOptions("unitKind", UNIT_KINDS);
  const initialValues: Partial<UnitFormValues> = unit
    ? { ...unit, shortName: unit.shortName ?? undefined }
    : { parentId: defaultParentId, isReference: false, sortOrder: 0, kind: "department" };

  async function handleSubmit(values: UnitFormValues) {
    if (unit) await unitsApi.update(unit.id, toInput(values));
    else await unitsApi.create(toInput(values));
  }

  return (
    <FormModal<UnitFormValues>
      title={unit ? t("unit.editTitle") : t("unit.createTitle")}
      open={open}
      onClose={onClose}
      onSubmit={handleSubmit}
      onSaved={onSaved}
      initialValues={initialValues}
      submitTestId="unit-form-submit"
      width={640}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="code"
            label={t("unit.code")}
            rules={[...textRules(t, t("unit.code"), LIMITS.codeMax), schemaRule(unitCreateSchema.shape.code)]}
            validateFirst
          >
            <Input data-testid="unit-form-code" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="kind" label={t("unit.kind")} rules={[selectRule(t, t("unit.kind"))]}>
            <Select options={kindOptions} data-testid="unit-form-kind" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="name" label={t("unit.name")} rules={textRules(t, t("unit.name"), LIMITS.nameMax)}>
        <Input data-testid="unit-form-name" />
      </Form.Item>
      <Form.Item name="shortName" label={t("unit.shortName")} rules={textRules(t, t("unit.shortName"), LIMITS.shortNameMax, false)}>
        <Input data-testid="unit-form-short-name" />
      </Form.Item>
      <Form.Item name="parentId" label={t("unit.parent")} extra={t("unit.rootHint")}>
        <UnitTreeSelect excludeId={unit?.id} data-testid="unit-form-parent" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="isReference" label={t("unit.isReferenceLong")} valuePropName="checked">
            <Switch data-testid="unit-form-reference" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="sortOrder" label={t("unit.sortOrder")} rules={[schemaRule(unitCreateSchema.shape.sortOrder)]}>
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
