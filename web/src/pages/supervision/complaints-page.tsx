import { PlusOutlined } from "@ant-design/icons";
import { type ComplaintInput, type ComplaintView, PERMISSIONS as P } from "@kaoping/core";
import { Button, Col, DatePicker, Form, Input, Row, Select, Space, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { Authorized, usePermission } from "../../app/permission.tsx";
import { FormModal } from "../../components/form-modal.tsx";
import { selectRule, textRules } from "../../components/form-rules.ts";
import { type QueryField, QueryForm } from "../../components/query-form.tsx";
import { type QueryColumn, QueryTable } from "../../components/query-table.tsx";
import { UnitTreeLayout } from "../../components/unit-tree-layout.tsx";
import { UnitTreeSelect } from "../../components/unit-tree-select.tsx";
import type { PageQuery } from "../../components/use-paged-query.ts";
import { rangeQuery } from "../cases/case-labels.ts";
import { LinkedListNote, useLinkedList } from "./link-filters.tsx";
import { COMPLAINT_LINK_SPEC } from "./link-spec.ts";
import { type ComplaintQuery, supervisionApi } from "./supervision-api.ts";
import {
  COMPLAINT_FINDING_COLORS,
  COMPLAINT_KIND_COLORS,
  complaintFindingLabel,
  complaintFindingOptions,
  complaintKindLabel,
  complaintKindOptions,
} from "./supervision-labels.ts";

type ComplaintFilters = Omit<ComplaintQuery, "from" | "to" | "page" | "pageSize"> & { range?: [Dayjs, Dayjs] };

/** What the form edits: a record being corrected, or a new one (with its unit). */
type Editing = { complaint: ComplaintView } | { complaint: null; unitId: string | null };

/**
 * 投诉曝光登记: the 效能投诉 and 媒体曝光 the office learns of, per unit, with what checking found;
 * the substantiated ones count in a campaign (seed 004 四.4). A score trace's link (?unitId=&from=&to=
 * &finding=substantiated) opens the records it counted. Registering and editing is the office's.
 */
export function ComplaintsPage() {
  const { t } = useTranslation();
  const can = usePermission();
  // The form's record stays while it closes, so the closing dialog does not change under the reader
  // (each opening starts from its own values: FormModal).
  const [editing, setEditing] = useState<Editing>({ complaint: null, unitId: null });
  const [isFormOpen, setIsFormOpen] = useState(false);
  function openForm(target: Editing) {
    setEditing(target);
    setIsFormOpen(true);
  }
  const fetchPage = useCallback(
    ({ range, ...rest }: Partial<ComplaintFilters> & PageQuery) =>
      supervisionApi.complaints({ ...(range ? rangeQuery(range) : {}), ...rest }),
    [],
  );
  const { query, tree, form, formKey, note } = useLinkedList<ComplaintView, ComplaintFilters>(fetchPage, COMPLAINT_LINK_SPEC);

  const fields: QueryField[] = [
    {
      name: "kind",
      label: t("supervision.complaints.kind"),
      control: <Select allowClear options={complaintKindOptions} placeholder={t("common.all")} />,
    },
    {
      name: "finding",
      label: t("supervision.complaints.finding"),
      control: <Select allowClear options={complaintFindingOptions} placeholder={t("common.all")} />,
    },
    { name: "range", label: t("supervision.complaints.range"), control: <DatePicker.RangePicker style={{ width: "100%" }} /> },
  ];

  const columns: QueryColumn<ComplaintView>[] = [
    { key: "occurredOn", dataIndex: "occurredOn", title: t("supervision.complaints.occurredOn") },
    { key: "unitName", dataIndex: "unitName", title: t("supervision.field.unit") },
    {
      key: "kind",
      title: t("supervision.complaints.kind"),
      render: (_, c) => <Tag color={COMPLAINT_KIND_COLORS[c.kind]}>{complaintKindLabel(c.kind)}</Tag>,
    },
    { key: "title", title: t("supervision.complaints.title"), render: (_, c) => <LongText text={c.title} width={320} /> },
    { key: "source", dataIndex: "source", title: t("supervision.complaints.source") },
    {
      key: "finding",
      title: t("supervision.complaints.finding"),
      render: (_, c) => <Tag color={COMPLAINT_FINDING_COLORS[c.finding]}>{complaintFindingLabel(c.finding)}</Tag>,
    },
    { key: "note", title: t("supervision.complaints.note"), render: (_, c) => <LongText text={c.note} width={420} /> },
    ...(can(P.orderManage)
      ? [
          {
            key: "actions",
            title: t("common.actions"),
            fixed: "right",
            render: (_, c) => (
              <Button size="small" onClick={() => openForm({ complaint: c })} data-testid="complaint-edit">
                {t("supervision.complaints.edit")}
              </Button>
            ),
          } satisfies QueryColumn<ComplaintView>,
        ]
      : []),
  ];

  return (
    <UnitTreeLayout {...tree}>
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <QueryForm<ComplaintFilters> key={formKey} {...form} fields={fields} />
        <LinkedListNote {...note} />
        <QueryTable
          query={query}
          columns={columns}
          rowKey="id"
          title={t("supervision.menu.complaints")}
          toolbar={
            <>
              <Authorized perm={P.orderManage}>
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => openForm({ complaint: null, unitId: tree.selectedId })}
                  data-testid="complaint-add"
                >
                  {t("supervision.complaints.add")}
                </Button>
              </Authorized>
              <Typography.Text type="secondary">{t("supervision.complaints.hint")}</Typography.Text>
            </>
          }
          data-testid="complaints-table"
        />
      </Space>
      <ComplaintFormModal open={isFormOpen} editing={editing} onClose={() => setIsFormOpen(false)} onSaved={query.reload} />
    </UnitTreeLayout>
  );
}

/** A free text cell (事由, 核查情况) kept to a readable width. */
function LongText({ text, width }: { text: string; width: number }) {
  return <Typography.Text style={{ maxWidth: width, display: "inline-block" }}>{text}</Typography.Text>;
}

type ComplaintForm = Omit<ComplaintInput, "occurredOn"> & { occurredOn: Dayjs };

/** 登记 / 编辑: one form; a record keeps its unit (one for another unit is a new record). */
function ComplaintFormModal({
  open,
  editing,
  onClose,
  onSaved,
}: {
  open: boolean;
  editing: Editing;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const complaint = editing.complaint;
  const defaultUnitId = editing.complaint ? null : editing.unitId;
  const initialValues: Partial<ComplaintForm> = complaint
    ? {
        kind: complaint.kind,
        occurredOn: dayjs(complaint.occurredOn),
        title: complaint.title,
        source: complaint.source,
        finding: complaint.finding,
        note: complaint.note,
      }
    : {
        ...(defaultUnitId ? { unitId: defaultUnitId } : {}),
        occurredOn: dayjs().startOf("day"),
        finding: "pending",
      };

  function handleSubmit({ occurredOn, unitId, ...values }: ComplaintForm) {
    const body = { ...values, source: values.source ?? "", note: values.note ?? "", occurredOn: occurredOn.format("YYYY-MM-DD") };
    return complaint ? supervisionApi.updateComplaint(complaint.id, body) : supervisionApi.addComplaint({ ...body, unitId });
  }

  return (
    <FormModal<ComplaintForm>
      title={complaint ? t("supervision.complaints.editTitle", { title: complaint.title }) : t("supervision.complaints.addTitle")}
      open={open}
      onClose={onClose}
      onSaved={onSaved}
      onSubmit={handleSubmit}
      initialValues={initialValues}
      successText={complaint ? t("common.saved") : t("supervision.complaints.added")}
      submitTestId="complaint-submit"
      width={640}
    >
      {!complaint && (
        <Form.Item name="unitId" label={t("supervision.field.unit")} rules={[selectRule(t, t("supervision.field.unit"))]}>
          <UnitTreeSelect data-testid="complaint-unit" />
        </Form.Item>
      )}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="kind" label={t("supervision.complaints.kind")} rules={[selectRule(t, t("supervision.complaints.kind"))]}>
            <Select options={complaintKindOptions} data-testid="complaint-kind" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="occurredOn"
            label={t("supervision.complaints.occurredOn")}
            rules={[selectRule(t, t("supervision.complaints.occurredOn"))]}
          >
            {/* Not after today: the server refuses a future date (complaintInputSchema). */}
            <DatePicker
              style={{ width: "100%" }}
              allowClear={false}
              disabledDate={(d) => d.isAfter(dayjs(), "day")}
              data-testid="complaint-date"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="title" label={t("supervision.complaints.title")} rules={textRules(t, t("supervision.complaints.title"), 200)}>
        <Input data-testid="complaint-title" />
      </Form.Item>
      <Form.Item
        name="source"
        label={t("supervision.complaints.source")}
        rules={textRules(t, t("supervision.complaints.source"), 200, false)}
      >
        <Input placeholder={t("supervision.complaints.sourcePlaceholder")} data-testid="complaint-source" />
      </Form.Item>
      <Form.Item name="finding" label={t("supervision.complaints.finding")} rules={[selectRule(t, t("supervision.complaints.finding"))]}>
        <Select options={complaintFindingOptions} data-testid="complaint-finding" />
      </Form.Item>
      <Form.Item name="note" label={t("supervision.complaints.note")} rules={textRules(t, t("supervision.complaints.note"), 1000, false)}>
        <Input.TextArea rows={4} showCount maxLength={1000} data-testid="complaint-note" />
      </Form.Item>
    </FormModal>
  );
}
