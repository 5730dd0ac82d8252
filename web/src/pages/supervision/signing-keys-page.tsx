import { KEY_REGISTRATION, PERMISSIONS as P, type SigningKeyView } from "@kaoping/core";
import { Button, Card, DatePicker, Form, Input, Popconfirm, Table, type TableColumnsType, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePermission } from "../../app/permission.tsx";
import { useShowError } from "../../components/feedback.ts";
import { FormModal } from "../../components/form-modal.tsx";
import { formatDateTime } from "../../components/format.ts";
import { UnitTreeSelect } from "../../components/unit-tree-select.tsx";
import { supervisionApi } from "./supervision-api.ts";

interface KeyForm {
  unitId: string;
  keyId: string;
  approver: string;
  validity: [Dayjs, Dayjs | null];
}

/**
 * 审批人员电子密钥: each unit's approvers' signing keys and when they may sign. 签章异常 compares each
 * decision's key with them; when an approver changes, the unit ends or revokes the old key here.
 */
export function SigningKeysPage() {
  const { t } = useTranslation();
  const can = usePermission();
  const showError = useShowError();
  const [rows, setRows] = useState<SigningKeyView[] | null>(null);
  const [isAdding, setIsAdding] = useState(false);
  const reload = useCallback(() => {
    supervisionApi.signingKeys().then(setRows).catch(showError);
  }, [showError]);
  // As the server judges it (core/src/supervision/keys.ts): a unit registers from today on, the office
  // may record history; a start more than a year ahead is a typo. The end is only kept after the start.
  const mayBackdate = can(P.orderManage);
  const disabledDate = (day: Dayjs, info?: { from?: Dayjs }) => {
    const today = dayjs().startOf("day");
    if (!mayBackdate && day.isBefore(today, "day")) return true;
    return !info?.from && day.isAfter(today.add(KEY_REGISTRATION.maxDaysAhead, "day"), "day");
  };
  useEffect(reload, [reload]);

  const columns: TableColumnsType<SigningKeyView> = [
    { key: "unitName", dataIndex: "unitName", title: t("supervision.field.unit") },
    { key: "keyId", dataIndex: "keyId", title: t("supervision.keys.keyId") },
    { key: "approver", dataIndex: "approver", title: t("supervision.keys.approver") },
    {
      key: "validity",
      title: t("supervision.keys.validity"),
      render: (_, k) => `${k.validFrom} 至 ${k.validTo ?? t("supervision.keys.open")}`,
    },
    {
      key: "status",
      title: t("supervision.field.status"),
      render: (_, k) =>
        k.revokedAt ? (
          <Tag color="default">{t("supervision.keys.revokedAt", { at: formatDateTime(k.revokedAt) })}</Tag>
        ) : (
          <Tag color="success">{t("supervision.keys.active")}</Tag>
        ),
    },
    {
      key: "actions",
      title: t("common.actions"),
      render: (_, k) =>
        can(P.keyManage) && !k.revokedAt ? (
          <Popconfirm
            title={t("supervision.keys.revokeConfirm", { keyId: k.keyId })}
            onConfirm={() => supervisionApi.revokeSigningKey(k.id).then(reload).catch(showError)}
          >
            <Button size="small" danger data-testid="key-revoke">
              {t("supervision.keys.revoke")}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Card
      title={t("supervision.menu.keys")}
      extra={
        can(P.keyManage) && (
          <Button type="primary" onClick={() => setIsAdding(true)} data-testid="key-add">
            {t("supervision.keys.add")}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t("supervision.keys.hint")}</Typography.Paragraph>
      <Table
        rowKey="id"
        size="middle"
        loading={!rows}
        columns={columns}
        dataSource={rows ?? []}
        pagination={false}
        data-testid="keys-table"
      />
      <FormModal<KeyForm>
        title={t("supervision.keys.add")}
        open={isAdding}
        onClose={() => setIsAdding(false)}
        onSaved={reload}
        onSubmit={({ validity, ...values }) =>
          supervisionApi.addSigningKey({
            ...values,
            validFrom: validity[0].format("YYYY-MM-DD"),
            validTo: validity[1]?.format("YYYY-MM-DD") ?? null,
          })
        }
        submitTestId="key-submit"
        fieldAliases={{ validFrom: "validity", validTo: "validity" }}
        initialValues={{ validity: [dayjs().startOf("day"), null] }}
      >
        <Form.Item name="unitId" label={t("supervision.field.unit")} rules={[{ required: true }]}>
          <UnitTreeSelect data-testid="key-unit" />
        </Form.Item>
        <Form.Item name="keyId" label={t("supervision.keys.keyId")} rules={[{ required: true, max: 64 }]}>
          <Input data-testid="key-id" />
        </Form.Item>
        <Form.Item name="approver" label={t("supervision.keys.approver")} rules={[{ required: true, max: 40 }]}>
          <Input data-testid="key-approver" />
        </Form.Item>
        <Form.Item name="validity" label={t("supervision.keys.validity")} rules={[{ required: true }]}>
          <DatePicker.RangePicker
            allowEmpty={[false, true]}
            disabledDate={disabledDate}
            style={{ width: "100%" }}
            data-testid="key-validity"
          />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
