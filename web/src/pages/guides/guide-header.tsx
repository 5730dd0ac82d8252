import { ArrowLeftOutlined, EditOutlined } from "@ant-design/icons";
import { ITEM_TYPE_LABELS, PERMISSIONS as P } from "@kaoping/core";
import { Button, Card, Descriptions, Form, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { Authorized } from "../../app/permission.tsx";
import { FormModal } from "../../components/form-modal.tsx";
import { UnitTreeSelect } from "../../components/unit-tree-select.tsx";
import { labelOf } from "./guide-labels.ts";
import { type GuideItemView, guidesApi } from "./guides-api.ts";

/** Code, name, type, the department and the line department answering for the substantive elements (seed 002). */
export function GuideHeader({ view, onChanged }: { view: GuideItemView; onChanged: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [isEditing, setIsEditing] = useState(false);
  const { item } = view;
  return (
    <Card size="small">
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate("/guides/items")} aria-label={t("guide.backToList")} />
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="guide-title">
          {item.name}
        </Typography.Title>
        <Tag>{labelOf(ITEM_TYPE_LABELS, item.itemType)}</Tag>
      </Space>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={t("guide.code")}>
          <Typography.Text copyable>{item.code}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("guide.unit")}>{item.unitName ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("guide.lineUnit")}>
          <Space size={4}>
            <span data-testid="guide-line-unit">{item.lineUnitName ?? t("guide.lineUnitSame")}</span>
            <Authorized perm={P.guideManage}>
              <Button
                type="link"
                size="small"
                icon={<EditOutlined />}
                onClick={() => setIsEditing(true)}
                data-testid="guide-line-unit-edit"
              >
                {t("common.edit")}
              </Button>
            </Authorized>
          </Space>
        </Descriptions.Item>
      </Descriptions>
      <FormModal<{ lineUnitId: string | null }>
        title={t("guide.lineUnitTitle")}
        open={isEditing}
        onClose={() => setIsEditing(false)}
        onSubmit={(values) => guidesApi.setLineUnit(item.id, values.lineUnitId ?? null)}
        onSaved={onChanged}
        initialValues={{ lineUnitId: item.lineUnitId }}
        submitTestId="guide-line-unit-submit"
      >
        <Form.Item name="lineUnitId" label={t("guide.lineUnit")} extra={t("guide.lineUnitHint")}>
          <UnitTreeSelect placeholder={t("guide.lineUnitSame")} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
