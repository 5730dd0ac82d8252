import { FileDoneOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { PERMISSIONS as P } from "@kaoping/core";
import { Button, Card, Col, Drawer, Row, Space, Spin, Statistic, Table, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Authorized } from "../../app/permission.tsx";
import { TEXT_COLORS } from "../../app/theme.ts";
import { Echart } from "../../components/echart.tsx";
import { formatDateTime } from "../../components/format.ts";
import { useLoaded } from "../campaigns/use-loaded.ts";
import { failingOption, trendOption } from "./department-charts.ts";
import { accuracyText } from "./guide-labels.ts";
import { type Confirmation, type DepartmentView, guidesApi } from "./guides-api.ts";
import { NoteModal } from "./note-modal.tsx";

interface DepartmentDrawerProps {
  unitId: string | null;
  onClose: () => void;
  /** A confirmation changes the ranking's counts. */
  onConfirmed: () => void;
}

/** One department: accuracy, its trend, the failing elements, defects, and the 整改完成确认书 it signed. */
export function DepartmentDrawer({ unitId, onClose, onConfirmed }: DepartmentDrawerProps) {
  const { t } = useTranslation();
  return (
    <Drawer open={unitId !== null} onClose={onClose} size={960} title={t("guide.departmentTitle")} destroyOnHidden>
      {unitId && <DepartmentDetail key={unitId} unitId={unitId} onConfirmed={onConfirmed} />}
    </Drawer>
  );
}

function DepartmentDetail({ unitId, onConfirmed }: { unitId: string; onConfirmed: () => void }) {
  const { t } = useTranslation();
  const loaded = useLoaded(unitId, () => guidesApi.department(unitId));
  const view = loaded.data;
  const trend = useMemo(() => (view ? trendOption(view.trend, t) : null), [view, t]);
  const failing = useMemo(() => (view ? failingOption(view.elements, t) : null), [view, t]);
  if (!view || !trend || !failing) return <Spin />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="department-detail">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {view.unit.name}
      </Typography.Title>
      <Row gutter={16}>
        <Col span={6}>
          <Statistic title={t("guide.accuracy")} value={accuracyText(view.accuracy)} />
        </Col>
        <Col span={6}>
          <Statistic title={t("guide.guideCount")} value={view.guides} />
        </Col>
        <Col span={6}>
          <Statistic
            title={t("guide.openDefects")}
            value={view.defects.open}
            styles={{ content: { color: view.defects.open ? TEXT_COLORS.loss : undefined } }}
          />
        </Col>
        <Col span={6}>
          <Statistic title={t("guide.closedDefects")} value={view.defects.closed} />
        </Col>
      </Row>
      <Card size="small" title={t("guide.trend")}>
        <Echart option={trend} summary={t("guide.trend")} height={260} data-testid="department-trend" />
      </Card>
      <Card size="small" title={t("guide.failingElements")}>
        <Echart option={failing.option} summary={t("guide.failingElements")} height={failing.height} data-testid="department-failing" />
      </Card>
      <Confirmations
        view={view}
        onConfirmed={() => {
          void loaded.reload();
          onConfirmed();
        }}
      />
    </Space>
  );
}

/** 整改完成确认书: past confirmations with their printable documents, and 确认整改完成 (refused while defects are open). */
function Confirmations({ view, onConfirmed }: { view: DepartmentView; onConfirmed: () => void }) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  const extra = (
    <Authorized perm={P.guideConfirm}>
      <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={() => setIsOpen(true)} data-testid="guide-confirm">
        {t("guide.confirm")}
      </Button>
    </Authorized>
  );
  return (
    <Card size="small" title={t("guide.confirmations")} extra={extra}>
      <Table<Confirmation>
        size="small"
        rowKey="id"
        dataSource={view.confirmations}
        pagination={false}
        locale={{ emptyText: t("guide.noConfirmations") }}
        data-testid="guide-confirmations"
        columns={[
          { key: "confirmedAt", dataIndex: "confirmedAt", title: t("guide.confirmedAt"), render: formatDateTime },
          { key: "note", dataIndex: "note", title: t("guide.note"), render: (note: string) => note || "—" },
          { key: "closedDefects", dataIndex: "closedDefects", title: t("guide.closedDefects"), align: "right" },
          {
            key: "document",
            title: t("guide.confirmationDocument"),
            render: (_, c) => (
              <Typography.Link href={guidesApi.confirmationDocumentUrl(c.id)} target="_blank" rel="noopener">
                <FileDoneOutlined /> {t("guide.openDocument")}
              </Typography.Link>
            ),
          },
        ]}
      />
      <NoteModal
        title={t("guide.confirmTitle", { name: view.unit.name })}
        open={isOpen}
        onClose={() => setIsOpen(false)}
        onSubmit={(note) => guidesApi.confirm(view.unit.id, note)}
        onSaved={onConfirmed}
        successText={t("guide.confirmed")}
        submitTestId="guide-confirm-submit"
      >
        <Typography.Paragraph type="secondary">{t("guide.confirmHint", { open: view.defects.open })}</Typography.Paragraph>
      </NoteModal>
    </Card>
  );
}
