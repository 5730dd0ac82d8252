import { DownOutlined, UpOutlined } from "@ant-design/icons";
import { Button, Card, Col, Form, Row, Space } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";

export interface QueryField {
  name: string;
  label: string;
  /** The control: Input, Select, RangePicker … */
  control: ReactNode;
}

interface QueryFormProps<V> {
  fields: QueryField[];
  /** Receives the form values with empty ones removed. */
  onSearch: (values: Partial<V>) => void;
  /** How many fields show while collapsed. */
  collapsedCount?: number;
  /**
   * The values the fields start with (the filters a link brought, so the reader sees them): a
   * collapsed field holding one starts expanded; 重置 clears them like the rest. Read on mount only.
   */
  initialValues?: Partial<V>;
}

const isFilled = (value: unknown) => value !== undefined && value !== null && value !== "";

function withoutEmpty<V>(values: Record<string, unknown>): Partial<V> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => isFilled(value))) as Partial<V>;
}

const fieldSpan = { xs: 24, sm: 12, lg: 8, xxl: 6 };

/** The collapsible query form above a table: fields in a grid, 查询 / 重置 / 展开. */
export function QueryForm<V>({ fields, onSearch, collapsedCount = 3, initialValues }: QueryFormProps<V>) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const initial = initialValues as Record<string, unknown> | undefined;
  const [isExpanded, setIsExpanded] = useState(() =>
    fields.some((field, index) => index >= collapsedCount && isFilled(initial?.[field.name])),
  );
  const isCollapsible = fields.length > collapsedCount;

  function handleReset() {
    form.resetFields();
    // resetFields goes back to the initial values: a link's filters are cleared too.
    if (initial) form.setFieldsValue(Object.fromEntries(fields.map((field) => [field.name, undefined])));
    onSearch({});
  }

  return (
    <Card styles={{ body: { paddingBottom: 0 } }}>
      <Form form={form} initialValues={initial} onFinish={(values: Record<string, unknown>) => onSearch(withoutEmpty<V>(values))}>
        <Row gutter={16}>
          {fields.map((field, index) => (
            <Col {...fieldSpan} key={field.name} hidden={isCollapsible && !isExpanded && index >= collapsedCount}>
              <Form.Item name={field.name} label={field.label} style={{ marginBottom: 16 }}>
                {field.control}
              </Form.Item>
            </Col>
          ))}
          <Col flex="auto" style={{ textAlign: "right", marginBottom: 16 }}>
            <Space>
              <Button type="primary" htmlType="submit">
                {t("common.search")}
              </Button>
              <Button onClick={handleReset}>{t("common.reset")}</Button>
              {isCollapsible && (
                <Button type="link" onClick={() => setIsExpanded(!isExpanded)}>
                  {isExpanded ? t("common.collapse") : t("common.expand")}
                  {isExpanded ? <UpOutlined /> : <DownOutlined />}
                </Button>
              )}
            </Space>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}
