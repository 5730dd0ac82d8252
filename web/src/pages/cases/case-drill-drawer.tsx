import type { CaseListRow } from "@kaoping/core";
import { Drawer, Flex, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { QueryTable } from "../../components/query-table.tsx";
import { usePagedQuery } from "../../components/use-paged-query.ts";
import type { CaseDrill } from "./case-charts.ts";
import { caseRowClass, caseRowKey, useCaseColumns } from "./case-columns.tsx";
import { CaseDetailDrawer } from "./case-detail-drawer.tsx";
import { type CaseKey, type CaseListQuery, type CaseScope, casesApi } from "./cases-api.ts";
import { type MetricPart, MetricPartSwitch } from "./metric-part-switch.tsx";

interface CaseDrillDrawerProps {
  /** The dashboard's scope; the drill narrows it (a month, a channel, a unit). */
  scope: CaseScope;
  drill: CaseDrill | null;
  onClose: () => void;
}

/** The cases behind a metric (its numerator, or all it was computed over), each opening to its clock. */
export function CaseDrillDrawer({ scope, drill, onClose }: CaseDrillDrawerProps) {
  const { t } = useTranslation();
  return (
    <Drawer open={drill !== null} onClose={onClose} size="90%" title={drill?.title} destroyOnHidden data-testid="case-drill">
      {drill && <DrillList scope={{ ...scope, ...drill.filters }} drill={drill} />}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t("cases.drillHint")}
      </Typography.Paragraph>
    </Drawer>
  );
}

function DrillList({ scope, drill }: { scope: CaseScope; drill: CaseDrill }) {
  const [part, setPart] = useState<MetricPart>("numerator");
  const [opened, setOpened] = useState<CaseKey | null>(null);
  const query = usePagedQuery<CaseListRow, CaseListQuery>(casesApi.list, { ...scope, metric: drill.metric, part });
  const columns = useCaseColumns(setOpened);
  const toolbar = (
    <Flex gap={8} align="center">
      <MetricPartSwitch metric={drill.metric} value={part} onChange={setPart} testId="drill-part" />
      <Typography.Text type="secondary">
        {scope.from} ~ {scope.to}
      </Typography.Text>
    </Flex>
  );
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <QueryTable
        query={query}
        columns={columns}
        rowKey={caseRowKey}
        rowClassName={caseRowClass}
        toolbar={toolbar}
        data-testid="drill-table"
      />
      <CaseDetailDrawer caseKey={opened} onClose={() => setOpened(null)} />
    </Space>
  );
}
