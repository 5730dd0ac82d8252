import { Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { type ElementValue, isEmptyValue, type ValueColumn } from "./guide-elements.ts";

const ELLIPSIS = { rows: 3, expandable: "collapsible" as const };

/** An element's value in the guide: lines of text, or a small table; long text folds. */
export function ElementValueView({ value }: { value: ElementValue }) {
  const { t } = useTranslation();
  if (value.kind === "whole") return <Typography.Text type="secondary">{t("guide.wholeGuide")}</Typography.Text>;
  if (isEmptyValue(value)) return <Typography.Text type="secondary">{t("guide.notFilled")}</Typography.Text>;
  if (value.kind === "text") {
    return (
      <>
        {value.lines.map((line) => (
          <Typography.Paragraph key={line} ellipsis={ELLIPSIS} style={{ marginBottom: 4, whiteSpace: "pre-line" }}>
            {line}
          </Typography.Paragraph>
        ))}
      </>
    );
  }
  const columns = value.columns.map((column: ValueColumn) => ({
    key: column,
    dataIndex: column,
    title: t(`guide.field.${column}`),
    render: (text: string) =>
      text ? (
        <Typography.Paragraph ellipsis={ELLIPSIS} style={{ marginBottom: 0, maxWidth: 480 }}>
          {text}
        </Typography.Paragraph>
      ) : (
        "—"
      ),
  }));
  return (
    <Table
      size="small"
      bordered
      columns={columns}
      dataSource={value.rows.map((row, index) => ({ ...row, key: index }))}
      pagination={false}
      scroll={{ x: "max-content" }}
    />
  );
}
