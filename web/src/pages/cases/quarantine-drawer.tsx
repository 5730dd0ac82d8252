import { ExportOutlined } from "@ant-design/icons";
import type { IngestJobView, Paged, QuarantineRowView } from "@kaoping/core";
import { Button, Descriptions, Drawer, Space, Table, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useShowError } from "../../components/feedback.ts";
import { formatNumber } from "./case-format.ts";
import { kindLabel, reasonLabel } from "./case-labels.ts";
import { casesApi } from "./cases-api.ts";

/** 隔离数据: the rows of one import that were kept aside, each reason in Chinese with its column; export to Excel. */
export function QuarantineDrawer({ job, onClose }: { job: IngestJobView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Paged<QuarantineRowView>>({ total: 0, rows: [] });
  const [isLoading, setIsLoading] = useState(false);
  const jobId = job?.id ?? null;

  useEffect(() => {
    if (!jobId) return;
    let isCurrent = true;
    setIsLoading(true);
    casesApi
      .quarantine(jobId, paging)
      .then((result) => isCurrent && setData(result))
      .catch((error: unknown) => isCurrent && showError(error))
      .finally(() => isCurrent && setIsLoading(false));
    return () => {
      isCurrent = false;
    };
  }, [jobId, paging, showError]);

  return (
    <Drawer
      open={job !== null}
      onClose={() => {
        setPaging({ page: 1, pageSize: 20 });
        onClose();
      }}
      size="80%"
      title={job ? t("cases.import.quarantineTitle", { file: job.fileName, kind: kindLabel(job.kind) }) : ""}
      extra={
        job && (
          <Button
            icon={<ExportOutlined />}
            onClick={() => casesApi.exportQuarantine(job.id).catch(showError)}
            data-testid="quarantine-export"
          >
            {t("cases.import.exportQuarantine")}
          </Button>
        )
      }
      data-testid="quarantine-drawer"
    >
      <Table<QuarantineRowView>
        rowKey="line"
        size="small"
        loading={isLoading}
        dataSource={data.rows}
        scroll={{ x: "max-content" }}
        data-testid="quarantine-table"
        expandable={{
          expandedRowRender: (row) => (
            <Descriptions size="small" column={3} bordered>
              {Object.entries(row.raw).map(([column, value]) => (
                <Descriptions.Item key={column} label={column}>
                  {value}
                </Descriptions.Item>
              ))}
            </Descriptions>
          ),
        }}
        columns={[
          { key: "line", dataIndex: "line", title: t("cases.import.line"), align: "right", width: 80 },
          {
            key: "unit",
            title: t("cases.field.unit"),
            render: (_, row) => row.unitName ?? <Typography.Text type="secondary">{row.unitCode ?? "—"}</Typography.Text>,
          },
          {
            key: "reasons",
            title: t("cases.import.reasons"),
            render: (_, row) => (
              <Space orientation="vertical" size={2}>
                {row.reasons.map((reason) => (
                  <span key={`${reason.reason}-${reason.column}`}>
                    <Tag color="error">{reasonLabel(reason.reason)}</Tag>
                    <Typography.Text type="secondary">{reason.column}</Typography.Text> {reason.message}
                  </span>
                ))}
              </Space>
            ),
          },
        ]}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: data.total,
          showSizeChanger: true,
          showTotal: (total) => t("common.total", { total: formatNumber(total) }),
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
    </Drawer>
  );
}
