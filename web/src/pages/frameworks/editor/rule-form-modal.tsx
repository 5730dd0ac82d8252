import { type Framework, RULE_KIND_LABELS, type Rule } from "@kaoping/core";
import { Alert, Col, Form, Input, Modal, Row, Select } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { testId } from "../../../components/feedback.ts";
import { factOptions } from "./fact-options.ts";
import { flattenWithPaths } from "./indicator-tree-ops.ts";
import { type RuleFormValues, valuesToRule } from "./rule-form-values.ts";
import { RuleKindFields } from "./rule-kind-fields.tsx";

const RULE_KINDS = Object.keys(RULE_KIND_LABELS) as Rule["kind"][];

interface RuleFormModalProps {
  /** The rule's starting values (an existing rule's, or a new one's); none: closed. */
  initial: RuleFormValues | null;
  /** The id of the rule being edited, which may keep its id. */
  originalId: string | null;
  framework: Framework;
  /** Rule ids in use elsewhere in the framework. */
  takenIds: Set<string>;
  isReadOnly: boolean;
  onClose: () => void;
  onSubmit: (rule: Rule) => void;
}

/** 规则: the kind, its fields and the original text; checked with core's ruleSchema before it is kept. */
export function RuleFormModal({ initial, originalId, framework, takenIds, isReadOnly, onClose, onSubmit }: RuleFormModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RuleFormValues>();
  const kind = Form.useWatch("kind", form) ?? initial?.kind ?? "per_count";
  const [errors, setErrors] = useState<string[]>([]);
  const facts = useMemo(() => factOptions(framework), [framework]);
  const factsWithLevels = useMemo(() => factOptions(framework, true), [framework]);
  const indicatorCodes = useMemo(() => flattenWithPaths(framework.indicators).map((entry) => entry.node.code), [framework]);

  function handleClose() {
    setErrors([]);
    onClose();
  }

  async function handleOk() {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const result = valuesToRule({ ...form.getFieldsValue(true), ...values });
    if ("errors" in result) {
      setErrors(result.errors);
      return;
    }
    if (result.rule.id !== originalId && takenIds.has(result.rule.id)) {
      setErrors([t("framework.ruleIdTaken", { id: result.rule.id })]);
      return;
    }
    onSubmit(result.rule);
    handleClose();
  }

  return (
    <Modal
      title={t(isReadOnly ? "framework.ruleViewTitle" : originalId ? "framework.ruleEditTitle" : "framework.ruleAddTitle")}
      open={initial !== null}
      onCancel={handleClose}
      onOk={handleOk}
      okText={t("common.confirm")}
      cancelText={isReadOnly ? t("common.close") : t("common.cancel")}
      okButtonProps={{ ...testId("rule-form-submit"), style: isReadOnly ? { display: "none" } : {} }}
      width={820}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<RuleFormValues>
        form={form}
        layout="vertical"
        initialValues={initial ?? {}}
        disabled={isReadOnly}
        clearOnDestroy
        style={{ marginTop: 16 }}
      >
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <Form.Item name="kind" label={t("framework.ruleKind")} rules={[{ required: true }]}>
              <Select options={RULE_KINDS.map((value) => ({ value, label: t(`enum.ruleKind.${value}`) }))} data-testid="rule-form-kind" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="id" label={t("framework.ruleId")} rules={[{ required: true, whitespace: true }, { max: 64 }]}>
              <Input data-testid="rule-form-id" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="text"
          label={t("framework.ruleText")}
          rules={[{ required: true, whitespace: true, message: t("framework.ruleTextRequired") }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={t("framework.ruleTextPlaceholder")}
            data-testid="rule-form-text"
          />
        </Form.Item>
        <RuleKindFields kind={kind} facts={facts} factsWithLevels={factsWithLevels} indicatorCodes={indicatorCodes} />
        <Form.Item name="note" label={t("framework.ruleNote")} extra={t("framework.ruleNoteHint")}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </Form>
      {errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="rule-form-errors"
          title={t("framework.ruleInvalid")}
          description={errors.slice(0, 8).join("；")}
        />
      )}
    </Modal>
  );
}
