import { PlusOutlined } from "@ant-design/icons";
import type { GroupView, UnitTreeNode } from "@kaoping/core";
import { App, Button, Col, Form, Row, Select, Space, Switch, Table, type TableColumnsType, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { groupsApi } from "../../../api/groups.ts";
import { useShowError } from "../../../components/feedback.ts";
import { RemoveRowButton } from "../../../components/remove-row-button.tsx";
import { UnitTreeSelect } from "../../../components/unit-tree-select.tsx";
import { flattenUnitTree, useUnitTree } from "../../../components/use-unit-tree.ts";
import type { FrameworkCategory } from "./basics-step.tsx";
import { type ChosenUnit, mergeUnits } from "./create-values.ts";

/** Step 2: the assessed units, as a form field holding the edited table. */
export function UnitsStep({ categories }: { categories: FrameworkCategory[] }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="units"
      rules={[
        {
          validator: async (_, units?: ChosenUnit[]) =>
            units?.length ? undefined : Promise.reject(new Error(t("campaign.unitsRequired"))),
        },
      ]}
    >
      <UnitsEditor categories={categories} />
    </Form.Item>
  );
}

const chosenFrom = (node: UnitTreeNode): ChosenUnit => ({
  unitId: node.id,
  code: node.code,
  name: node.name,
  category: null,
  isReference: node.isReference,
});

/** Units picked in the tree or added by group, then each with its category and 参照评估单位 flag. */
function UnitsEditor({
  value = [],
  onChange,
  categories,
}: {
  value?: ChosenUnit[];
  onChange?: (units: ChosenUnit[]) => void;
  categories: FrameworkCategory[];
}) {
  const { t } = useTranslation();
  const { tree } = useUnitTree();
  const byId = useMemo(() => new Map(flattenUnitTree(tree).map((node) => [node.id, node])), [tree]);
  const change = (units: ChosenUnit[]) => onChange?.(units);

  // The tree picker shows the same units: unticking one removes its row, ticking adds it.
  function handlePick(ids: string[]) {
    const kept = value.filter((unit) => ids.includes(unit.unitId));
    const added = ids.flatMap((id) => {
      const node = byId.get(id);
      return node ? [chosenFrom(node)] : [];
    });
    change(mergeUnits(kept, added));
  }

  function update(unitId: string, patch: Partial<ChosenUnit>) {
    change(value.map((unit) => (unit.unitId === unitId ? { ...unit, ...patch } : unit)));
  }

  const columns: TableColumnsType<ChosenUnit> = [
    { key: "code", dataIndex: "code", title: t("campaign.unitCode"), width: 140 },
    { key: "name", dataIndex: "name", title: t("campaign.unitName") },
    ...(categories.length
      ? [
          {
            key: "category",
            title: t("campaign.category"),
            width: 200,
            render: (_: unknown, unit: ChosenUnit) => (
              <Select
                allowClear
                size="small"
                style={{ width: "100%" }}
                placeholder={t("campaign.categoryAll")}
                aria-label={`${t("campaign.category")} ${unit.name}`}
                value={unit.category}
                options={categories.map((category) => ({ value: category.code, label: category.label }))}
                onChange={(category) => update(unit.unitId, { category: category ?? null })}
                data-testid={`campaign-unit-category-${unit.code}`}
              />
            ),
          },
        ]
      : []),
    {
      key: "isReference",
      title: t("campaign.isReference"),
      width: 120,
      render: (_, unit) => (
        <Switch
          size="small"
          checked={unit.isReference}
          onChange={(isReference) => update(unit.unitId, { isReference })}
          aria-label={`${t("campaign.isReference")} ${unit.name}`}
        />
      ),
    },
    {
      key: "remove",
      width: 56,
      render: (_, unit) => <RemoveRowButton onClick={() => change(value.filter((row) => row.unitId !== unit.unitId))} />,
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Row gutter={16}>
        <Col span={14}>
          <Typography.Text type="secondary">{t("campaign.pickUnits")}</Typography.Text>
          <UnitTreeSelect
            multiple
            value={value.map((unit) => unit.unitId)}
            onChange={handlePick}
            placeholder={t("campaign.pickUnitsPlaceholder")}
            aria-label={t("campaign.pickUnits")}
            data-testid="campaign-form-units"
          />
        </Col>
        <Col span={10}>
          <Typography.Text type="secondary">{t("campaign.addGroup")}</Typography.Text>
          <GroupAdder byId={byId} onAdd={(units) => change(mergeUnits(value, units))} />
        </Col>
      </Row>
      <Space>
        <Typography.Text data-testid="campaign-units-count">{t("campaign.unitsChosen", { count: value.length })}</Typography.Text>
        {value.length > 0 && (
          <Button type="link" size="small" onClick={() => change([])}>
            {t("campaign.clearUnits")}
          </Button>
        )}
      </Space>
      <Table<ChosenUnit>
        rowKey="unitId"
        size="small"
        columns={columns}
        dataSource={value}
        pagination={false}
        scroll={{ y: 320 }}
        data-testid="campaign-units-table"
      />
    </Space>
  );
}

/** Adds every member of a unit group (全区39家责任单位 …) in one go. */
function GroupAdder({ byId, onAdd }: { byId: Map<string, UnitTreeNode>; onAdd: (units: ChosenUnit[]) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [groups, setGroups] = useState<GroupView[]>([]);
  const [groupId, setGroupId] = useState<string | null>(null);
  const [isAdding, setIsAdding] = useState(false);

  useEffect(() => {
    groupsApi
      .list({ page: 1, pageSize: 500 })
      .then((page) => setGroups(page.rows))
      .catch(showError);
  }, [showError]);

  async function handleAdd() {
    if (!groupId) return;
    setIsAdding(true);
    try {
      const group = await groupsApi.get(groupId);
      const units = group.members.map((member) => {
        const node = byId.get(member.id);
        return node ? chosenFrom(node) : { unitId: member.id, code: member.code, name: member.name, category: null, isReference: false };
      });
      onAdd(units);
      void message.success(t("campaign.groupAdded", { count: units.length }));
    } catch (error) {
      showError(error);
    } finally {
      setIsAdding(false);
    }
  }

  return (
    <Space.Compact style={{ width: "100%" }}>
      <Select
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        style={{ width: "100%" }}
        placeholder={t("campaign.addGroupPlaceholder")}
        aria-label={t("campaign.addGroup")}
        value={groupId}
        onChange={(id) => setGroupId(id ?? null)}
        options={groups.map((group) => ({ value: group.id, label: `${group.name}（${group.memberCount}）` }))}
        data-testid="campaign-form-group"
      />
      <Button icon={<PlusOutlined />} loading={isAdding} disabled={!groupId} onClick={handleAdd} data-testid="campaign-add-group">
        {t("campaign.add")}
      </Button>
    </Space.Compact>
  );
}
