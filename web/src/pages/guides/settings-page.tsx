import { PlusOutlined, ReloadOutlined, SaveOutlined, UndoOutlined } from "@ant-design/icons";
import { type CodeGapCount, LIMITS, OWNERSHIP_LABELS } from "@kaoping/core";
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  type FormListFieldData,
  Input,
  InputNumber,
  Select,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from "antd";
import { type ReactNode, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiRequestError } from "../../api/client.ts";
import { applyFieldErrors, useShowError } from "../../components/feedback.ts";
import { RemoveRowButton } from "../../components/remove-row-button.tsx";
import { useLoaded } from "../campaigns/use-loaded.ts";
import { CodeGapsAlert } from "./code-gaps.tsx";
import { optionsOf } from "./guide-labels.ts";
import {
  CODE_LISTS,
  type CodeList,
  type CodeListKey,
  type CodeRows,
  detailLines,
  type ElementRow,
  elementRows,
  emptyRow,
  isDuplicateCode,
  rowsToTables,
  type SettingsValues,
  settingsBody,
  settingsValues,
  tablesToRows,
  withGapRow,
} from "./guide-settings.ts";
import { guidesApi } from "./guides-api.ts";

const ELEMENT_ROWS = elementRows();
const OWNERSHIP_OPTIONS = optionsOf(OWNERSHIP_LABELS);
const DEFAULT_SOURCE = "gx";
const CODE_MAX = 32;

/** 指南规则设置: element weights and owners (how accuracy is computed, who corrects what), and the provincial code tables. */
export function SettingsPage() {
  return (
    <Flex vertical gap={16}>
      <WeightsCard />
      <CodeMapsCard />
    </Flex>
  );
}

/** 要素权重与整改责任: one row per element, saved as a whole (only values off the defaults are sent). */
function WeightsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<SettingsValues>();
  const loaded = useLoaded("guide-settings", guidesApi.settings);
  const [isSaving, setIsSaving] = useState(false);

  useEffect(() => {
    if (loaded.data) form.setFieldsValue(settingsValues(loaded.data));
  }, [loaded.data, form]);

  const handleSave = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    setIsSaving(true);
    try {
      loaded.set(await guidesApi.saveSettings(settingsBody(form.getFieldsValue(true) as SettingsValues)));
      void message.success(t("common.saved"));
    } catch (error) {
      applyFieldErrors(form, error);
      showError(error);
    } finally {
      setIsSaving(false);
    }
  };

  const handleRestore = () => {
    form.setFieldsValue(settingsValues());
    void form.validateFields().catch(() => undefined);
    void message.info(t("guide.settings.restored"));
  };

  const columns: TableColumnsType<ElementRow> = [
    {
      key: "group",
      dataIndex: "group",
      title: t("guide.settings.group"),
      width: 150,
      onCell: (row) => ({ rowSpan: row.groupSpan }),
    },
    { key: "element", dataIndex: "label", title: t("guide.settings.element") },
    {
      key: "defaultOwner",
      dataIndex: "ownership",
      title: t("guide.settings.defaultOwner"),
      render: (ownership: ElementRow["ownership"]) =>
        t(`guide.settings.defaultOwnerOf.${ownership}`, { kind: OWNERSHIP_LABELS[ownership] }),
    },
    {
      key: "ownership",
      title: t("guide.settings.ownership"),
      width: 170,
      render: (_, row) => (
        <Form.Item name={["ownership", row.id]} noStyle>
          <Select options={OWNERSHIP_OPTIONS} style={{ width: 140 }} data-testid={`ownership-${row.id}`} />
        </Form.Item>
      ),
    },
    {
      key: "weight",
      title: t("guide.settings.weight"),
      width: 150,
      render: (_, row) => (
        <Form.Item
          name={["weights", row.id]}
          rules={[{ required: true, message: t("guide.settings.weightRequired") }]}
          style={{ margin: 0 }}
        >
          <InputNumber min={0} max={100} style={{ width: 110 }} data-testid={`weight-${row.id}`} />
        </Form.Item>
      ),
    },
  ];

  return (
    <Card
      title={t("guide.settings.weightsTitle")}
      extra={
        <Flex gap={8}>
          <Button icon={<UndoOutlined />} onClick={handleRestore} disabled={loaded.isLoading} data-testid="settings-restore">
            {t("guide.settings.restoreDefaults")}
          </Button>
          <Button
            type="primary"
            icon={<SaveOutlined />}
            loading={isSaving}
            disabled={loaded.isLoading}
            onClick={() => void handleSave()}
            data-testid="settings-save"
          >
            {t("common.save")}
          </Button>
        </Flex>
      }
    >
      <Alert type="info" showIcon title={t("guide.settings.weightsHint")} style={{ marginBottom: 16 }} />
      <Form form={form} initialValues={settingsValues()} component={false}>
        <Table<ElementRow>
          rowKey="id"
          size="small"
          bordered
          columns={columns}
          dataSource={ELEMENT_ROWS}
          loading={loaded.isLoading}
          pagination={false}
          data-testid="settings-elements"
        />
      </Form>
    </Card>
  );
}

type Origin = "builtin" | "database" | "new";
const ORIGIN_COLORS: Record<Origin, string> = { builtin: "default", database: "blue", new: "orange" };

/** What the last failed save said: the server's message and each detail. */
interface SaveFailure {
  message: string;
  lines: string[];
}

/** 代码对照表: load a source's tables, edit each list's code → value rows, save the tables as a whole. */
function CodeMapsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<CodeRows>();
  const [sourceInput, setSourceInput] = useState(DEFAULT_SOURCE);
  const [loaded, setLoaded] = useState<{ source: string; origin: Origin } | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const [isSaving, setIsSaving] = useState(false);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const [activeList, setActiveList] = useState<CodeListKey>(CODE_LISTS[0]?.key ?? "itemType");
  const [gaps, setGaps] = useState<CodeGapCount[] | null>(null);
  const listLabel = (key: CodeListKey) => t(`guide.settings.list.${key}`);

  const load = useCallback(
    async (source: string) => {
      setIsLoading(true);
      setFailure(null);
      setGaps(null);
      // The gaps are shown beside the tables; a failure to count them leaves the tables editable.
      guidesApi.codeGaps(source).then(setGaps, () => setGaps(null));
      try {
        const found = await guidesApi.codeMaps(source);
        form.resetFields();
        form.setFieldsValue(tablesToRows(found.tables));
        setLoaded({ source: found.source, origin: found.origin });
      } catch (error) {
        if (error instanceof ApiRequestError && error.status === 404) {
          form.resetFields();
          form.setFieldsValue(tablesToRows({}));
          setLoaded({ source, origin: "new" });
        } else {
          showError(error);
        }
      } finally {
        setIsLoading(false);
      }
    },
    [form, showError],
  );

  useEffect(() => {
    void load(DEFAULT_SOURCE);
  }, [load]);

  const handleLoad = () => {
    const source = sourceInput.trim();
    if (!source) {
      void message.warning(t("guide.settings.sourceRequired"));
      return;
    }
    void load(source);
  };

  const handleSave = async () => {
    if (!loaded) return;
    try {
      await form.validateFields();
    } catch (error) {
      const first = (error as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0]?.name[0];
      if (first) setActiveList(first as CodeListKey);
      void message.error(t("guide.settings.invalid"));
      return;
    }
    setIsSaving(true);
    setFailure(null);
    try {
      const saved = await guidesApi.saveCodeMaps(loaded.source, rowsToTables(form.getFieldsValue(true) as CodeRows));
      setLoaded({ source: saved.source, origin: saved.origin });
      void message.success(t("guide.settings.codesSaved", { source: saved.source }));
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 400) {
        setFailure({ message: error.message, lines: detailLines(error.details, listLabel) });
      } else {
        showError(error);
      }
    } finally {
      setIsSaving(false);
    }
  };

  const handleAddGap = (gap: CodeGapCount) => {
    form.setFieldsValue(withGapRow(form.getFieldsValue(true) as CodeRows, gap) as CodeRows);
    setActiveList(gap.table);
    void message.info(t("guide.settings.gapAdded", { list: listLabel(gap.table), code: gap.code }));
  };

  let notice: ReactNode = null;
  if (loaded?.origin === "new") {
    notice = <Alert type="warning" showIcon title={t("guide.settings.notFound", { source: loaded.source })} />;
  } else if (loaded?.origin === "builtin") {
    notice = <Alert type="info" showIcon title={t("guide.settings.builtinHint")} />;
  }

  return (
    <Card
      title={t("guide.settings.codeMapsTitle")}
      extra={
        <Button
          type="primary"
          icon={<SaveOutlined />}
          loading={isSaving}
          disabled={!loaded || isLoading}
          onClick={() => void handleSave()}
          data-testid="code-maps-save"
        >
          {t("common.save")}
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t("guide.settings.codeMapsHint")}</Typography.Text>
        <Flex align="center" gap={8} wrap>
          <Typography.Text strong>{t("guide.settings.source")}</Typography.Text>
          <Input
            value={sourceInput}
            onChange={(event) => setSourceInput(event.target.value)}
            onPressEnter={handleLoad}
            maxLength={LIMITS.codeMax}
            style={{ width: 180 }}
            data-testid="code-maps-source"
          />
          <Button icon={<ReloadOutlined />} loading={isLoading} onClick={handleLoad} data-testid="code-maps-load">
            {t("guide.settings.load")}
          </Button>
          {loaded && (
            <>
              <Tag>{loaded.source}</Tag>
              <Tag color={ORIGIN_COLORS[loaded.origin]} data-testid="code-maps-origin">
                {t(`guide.settings.origin.${loaded.origin}`)}
              </Tag>
            </>
          )}
        </Flex>
        {notice}
        {loaded && gaps && <CodeGapsAlert source={loaded.source} gaps={gaps} onAdd={handleAddGap} />}
        {failure && (
          <Alert
            type="error"
            showIcon
            closable={{ onClose: () => setFailure(null) }}
            title={t("guide.settings.saveFailed", { message: failure.message })}
            description={
              failure.lines.length > 0 && (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {failure.lines.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              )
            }
            data-testid="code-maps-errors"
          />
        )}
        <Form form={form} component={false} disabled={!loaded || isLoading}>
          <Tabs
            activeKey={activeList}
            onChange={(key) => setActiveList(key as CodeListKey)}
            items={CODE_LISTS.map((list) => ({
              key: list.key,
              label: listLabel(list.key),
              forceRender: true,
              children: <CodeListTable list={list} />,
            }))}
          />
        </Form>
      </Flex>
    </Card>
  );
}

/** The value control of a list: one label, several labels, free text or a level 1–4. */
function valueControl(list: CodeList): ReactNode {
  switch (list.kind) {
    case "select":
      return <Select options={list.options} style={{ width: "100%" }} />;
    case "multiple":
      return <Select mode="multiple" options={list.options} style={{ width: "100%" }} />;
    case "text":
      return <Input maxLength={LIMITS.nameMax} />;
    case "depth":
      return <InputNumber min={1} max={4} precision={0} style={{ width: 120 }} />;
  }
}

/** One list's rows as an editable table (a Form.List named after the list). */
function CodeListTable({ list }: { list: CodeList }) {
  const { t } = useTranslation();
  const valueMessage = t("guide.settings.valueRequired");
  const valueRule =
    list.kind === "multiple"
      ? { required: true, type: "array" as const, min: 1, message: valueMessage }
      : { required: true, whitespace: list.kind === "text", message: valueMessage };

  return (
    <Form.List name={list.key}>
      {(fields, { add, remove }) => {
        const columns: TableColumnsType<FormListFieldData> = [
          {
            key: "code",
            title: t("guide.settings.code"),
            width: 200,
            render: (_, field) => (
              <Form.Item
                name={[field.name, "code"]}
                style={{ margin: 0 }}
                rules={[
                  { required: true, whitespace: true, message: t("guide.settings.codeRequired") },
                  ({ getFieldValue }) => ({
                    validator: () =>
                      isDuplicateCode(getFieldValue(list.key), field.name)
                        ? Promise.reject(new Error(t("guide.settings.codeDuplicate")))
                        : Promise.resolve(),
                  }),
                ]}
              >
                <Input maxLength={CODE_MAX} data-testid={`code-${list.key}`} />
              </Form.Item>
            ),
          },
          {
            key: "value",
            title: t("guide.settings.value"),
            render: (_, field) => (
              <Form.Item name={[field.name, "value"]} style={{ margin: 0 }} rules={[valueRule]}>
                {valueControl(list)}
              </Form.Item>
            ),
          },
          {
            key: "actions",
            title: t("common.actions"),
            width: 70,
            render: (_, field) => <RemoveRowButton onClick={() => remove(field.name)} />,
          },
        ];
        return (
          <Flex vertical gap={8}>
            <Table<FormListFieldData>
              rowKey="key"
              size="small"
              columns={columns}
              dataSource={fields}
              pagination={false}
              data-testid={`code-list-${list.key}`}
            />
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add(emptyRow(list.kind))}
              style={{ alignSelf: "start" }}
              data-testid={`code-add-${list.key}`}
            >
              {t("guide.settings.addRow")}
            </Button>
          </Flex>
        );
      }}
    </Form.List>
  );
}
