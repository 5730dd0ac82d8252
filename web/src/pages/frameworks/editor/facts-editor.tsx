import { PlusOutlined, ThunderboltOutlined } from "@ant-design/icons";
import { FACT_TYPES, type FactDef, type Framework } from "@kaoping/core";
import { Alert, Button, Checkbox, Flex, Form, Input, Select, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useEnumOptions } from "../../../components/enum-options.ts";
import { RemoveRowButton } from "../../../components/remove-row-button.tsx";
import { undeclaredFacts } from "./facts-utils.ts";

interface FactsEditorProps {
  framework: Framework;
  isReadOnly: boolean;
  onChange: (facts: FactDef[]) => void;
}

// The label first: it is what summaries, traces and reports call the fact; the key is for files and the API.
const COLUMNS = [
  { key: "label", flex: "1 1 220px" },
  { key: "key", flex: "0 0 200px" },
  { key: "type", flex: "0 0 130px" },
  { key: "byLevel", flex: "0 0 90px" },
  { key: "unit", flex: "0 0 100px" },
] as const;

/** A fact as stored: no empty unit, no false byLevel. */
function cleanFact({ key, label, type, byLevel, unit }: FactDef): FactDef {
  return {
    key: key?.trim() ?? "",
    label: label?.trim() ?? "",
    type,
    ...(byLevel ? { byLevel } : {}),
    ...(unit?.trim() ? { unit: unit.trim() } : {}),
  };
}

/** 事实: what the rules read per unit (counts, measurements, booleans, ranks, external scores). */
export function FactsEditor({ framework, isReadOnly, onChange }: FactsEditorProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ facts: FactDef[] }>();
  const typeOptions = useEnumOptions("factType", FACT_TYPES);
  const missing = undeclaredFacts(framework);
  const columnName = (index: number) => t(`framework.factColumn.${COLUMNS[index]?.key}`);

  function handleAddMissing() {
    const next = [...framework.facts, ...missing];
    form.setFieldsValue({ facts: next });
    onChange(next);
  }

  return (
    <Space orientation="vertical" style={{ width: "100%" }} data-testid="facts-editor">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t("framework.factsHint")}
      </Typography.Paragraph>
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t("framework.undeclaredFacts", { keys: missing.map((fact) => fact.key).join("、") })}
          action={
            !isReadOnly && (
              <Button size="small" icon={<ThunderboltOutlined />} onClick={handleAddMissing} data-testid="facts-add-missing">
                {t("framework.addUndeclared")}
              </Button>
            )
          }
        />
      )}
      <Form
        form={form}
        initialValues={{ facts: framework.facts }}
        disabled={isReadOnly}
        onValuesChange={(_, values) => onChange((values.facts ?? []).map(cleanFact))}
      >
        <Flex gap={8} style={{ fontWeight: 600, padding: "0 0 8px" }}>
          {COLUMNS.map((column) => (
            <span key={column.key} style={{ flex: column.flex }}>
              {t(`framework.factColumn.${column.key}`)}
            </span>
          ))}
          <span style={{ width: 32 }} />
        </Flex>
        <Form.List name="facts">
          {(fields, { add, remove }) => (
            // The column headers above are not labels of the inputs: each input names its column.
            <>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={8} align="start" data-testid={`fact-row-${index}`}>
                  <Form.Item name={[field.name, "label"]} style={{ flex: COLUMNS[0].flex, marginBottom: 8 }} rules={[{ required: true }]}>
                    <Input aria-label={columnName(0)} data-testid={`fact-label-${index}`} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, "key"]}
                    style={{ flex: COLUMNS[1].flex, marginBottom: 8 }}
                    rules={[{ required: true }, { pattern: /^[a-z][a-z0-9_.]*$/, message: t("framework.factKeyPattern") }]}
                  >
                    <Input placeholder="finding" aria-label={columnName(1)} data-testid={`fact-key-${index}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, "type"]} style={{ flex: COLUMNS[2].flex, marginBottom: 8 }}>
                    <Select options={typeOptions} aria-label={columnName(2)} />
                  </Form.Item>
                  <Form.Item name={[field.name, "byLevel"]} valuePropName="checked" style={{ flex: COLUMNS[3].flex, marginBottom: 8 }}>
                    <Checkbox aria-label={columnName(3)} />
                  </Form.Item>
                  <Form.Item name={[field.name, "unit"]} style={{ flex: COLUMNS[4].flex, marginBottom: 8 }}>
                    <Input placeholder={t("framework.factUnitPlaceholder")} aria-label={columnName(4)} />
                  </Form.Item>
                  <RemoveRowButton onClick={() => remove(field.name)} />
                </Flex>
              ))}
              {!isReadOnly && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ key: "", label: "", type: "count" })}
                  data-testid="fact-add"
                >
                  {t("framework.addFact")}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Form>
    </Space>
  );
}
