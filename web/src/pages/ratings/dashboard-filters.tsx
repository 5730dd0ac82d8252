import type { RatingChannel } from "@kaoping/core";
import { Button, Card, Col, DatePicker, Form, Input, Row, Select, Space } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { UnitTreeSelect } from "../../components/unit-tree-select.tsx";
import { rangeQuery } from "../cases/case-labels.ts";
import { thisYear } from "./rating-format.ts";
import { channelOptions } from "./rating-labels.ts";
import type { RatingScope } from "./ratings-api.ts";

interface FilterValues {
  unitId?: string | null;
  range: [Dayjs, Dayjs];
  channel?: RatingChannel;
  itemCode?: string;
}

const valuesOf = (scope: RatingScope): FilterValues => ({
  unitId: scope.unitId ?? null,
  range: [dayjs(scope.from), dayjs(scope.to)],
  channel: scope.channel,
  itemCode: scope.itemCode,
});

/** The scope the API reads from the form (empty values left out). */
function scopeOf(values: FilterValues): RatingScope {
  const scope: RatingScope = rangeQuery(values.range);
  if (values.unitId) scope.unitId = values.unitId;
  if (values.channel) scope.channel = values.channel;
  if (values.itemCode?.trim()) scope.itemCode = values.itemCode.trim();
  return scope;
}

/** The dashboard's scope: a unit and its subtree, rating dates (this year on reset), a service item, a channel. Follows the scope it is given (a drill, the back button). */
export function DashboardFilters({ scope, onChange }: { scope: RatingScope; onChange: (scope: RatingScope) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  const key = JSON.stringify(scope);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for scope
  useEffect(() => form.setFieldsValue(valuesOf(scope)), [key, form]);

  return (
    <Card styles={{ body: { paddingBottom: 0 } }}>
      <Form form={form} initialValues={valuesOf(scope)} onFinish={(values) => onChange(scopeOf(values))} data-testid="rating-filters">
        <Row gutter={16}>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="unitId" label={t("ratings.field.unit")}>
              <UnitTreeSelect placeholder={t("ratings.allUnits")} data-testid="rating-unit" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="range" label={t("ratings.range")} rules={[{ required: true }]}>
              <DatePicker.RangePicker allowClear={false} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8} xl={4}>
            <Form.Item name="itemCode" label={t("ratings.field.itemCode")}>
              <Input allowClear placeholder={t("ratings.itemCodeHint")} data-testid="rating-item" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8} xl={4}>
            <Form.Item name="channel" label={t("ratings.field.channel")}>
              <Select allowClear options={channelOptions} placeholder={t("common.all")} data-testid="rating-channel" />
            </Form.Item>
          </Col>
          <Col flex="auto" style={{ textAlign: "right", marginBottom: 16 }}>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="rating-search">
                {t("common.search")}
              </Button>
              <Button onClick={() => onChange(rangeQuery(thisYear()))}>{t("common.reset")}</Button>
            </Space>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}
