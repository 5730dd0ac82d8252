import type { UnitTreeNode } from "@kaoping/core";
import { Card, Col, Row } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { UnitTree } from "./unit-tree.tsx";

interface UnitTreeLayoutProps {
  selectedId: string | null;
  onSelect: (unit: UnitTreeNode | null) => void;
  children: ReactNode;
}

/** List pages filtered by unit: the unit tree takes the left sixth, the query form and table the rest. */
export function UnitTreeLayout({ selectedId, onSelect, children }: UnitTreeLayoutProps) {
  const { t } = useTranslation();
  return (
    <Row gutter={16} wrap={false}>
      <Col flex="0 0 16.66%" style={{ minWidth: 220 }}>
        <Card title={t("unit.tree")} size="small" styles={{ body: { padding: 12 } }}>
          <UnitTree selectedId={selectedId} onSelect={onSelect} />
        </Card>
      </Col>
      <Col flex="1 1 0" style={{ minWidth: 0 }}>
        {children}
      </Col>
    </Row>
  );
}
