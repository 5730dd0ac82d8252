import { PERMISSIONS, UNIT_KINDS, type UnitTreeNode } from "@kaoping/core";
import { Card, Col, Row, Space, Statistic, Tag, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../app/auth.tsx";
import { usePermission } from "../../app/permission.tsx";
import { Echart, type EchartOption } from "../../components/echart.tsx";
import { flattenUnitTree, useUnitTree } from "../../components/use-unit-tree.ts";

/** Units by kind, in the order core lists the kinds, leaving out kinds with none. */
function useKindCounts(units: UnitTreeNode[]) {
  const { t } = useTranslation();
  return useMemo(
    () =>
      UNIT_KINDS.map((kind) => ({
        label: t(`enum.unitKind.${kind}`),
        count: units.filter((unit) => unit.kind === kind).length,
      })).filter((entry) => entry.count > 0),
    [units, t],
  );
}

function UnitStats() {
  const { t } = useTranslation();
  const { tree, isLoading } = useUnitTree();
  const units = useMemo(() => flattenUnitTree(tree), [tree]);
  const counts = useKindCounts(units);
  const option = useMemo<EchartOption>(
    () => ({
      tooltip: { trigger: "axis" },
      grid: { left: 40, right: 16, top: 24, bottom: 32 },
      xAxis: { type: "category", data: counts.map((entry) => entry.label) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        {
          type: "bar",
          name: t("home.count"),
          data: counts.map((entry) => entry.count),
          barMaxWidth: 40,
          label: { show: true, position: "top" },
        },
      ],
    }),
    [counts, t],
  );

  return (
    <>
      <Row gutter={16}>
        <Col span={8}>
          <Card>
            <Statistic title={t("home.unitCount")} value={units.length} loading={isLoading} />
          </Card>
        </Col>
        <Col span={8}>
          <Card>
            <Statistic title={t("home.referenceCount")} value={units.filter((unit) => unit.isReference).length} loading={isLoading} />
          </Card>
        </Col>
        <Col span={8}>
          <Card>
            <Statistic
              title={t("home.disabledCount")}
              value={units.filter((unit) => unit.status === "disabled").length}
              loading={isLoading}
            />
          </Card>
        </Col>
      </Row>
      <Card title={t("home.unitsByKind")} style={{ marginTop: 16 }}>
        <Echart option={option} summary={t("home.unitsByKind")} height={320} isLoading={isLoading} data-testid="home-units-chart" />
      </Card>
    </>
  );
}

/** 首页: who is signed in, and the units in their scope by kind. */
export function HomePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const can = usePermission();
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t("home.welcome", { name: user.displayName })}
        </Typography.Title>
        <Space wrap>
          <Typography.Text type="secondary">{t("home.unit")}：</Typography.Text>
          <Typography.Text>{user.unitName}</Typography.Text>
          <Typography.Text type="secondary">{t("home.roles")}：</Typography.Text>
          {user.roleCodes.map((code) => (
            <Tag key={code} color="blue">
              {t(`enum.role.${code}`)}
            </Tag>
          ))}
        </Space>
      </Card>
      {can(PERMISSIONS.unitRead) && <UnitStats />}
    </Space>
  );
}
