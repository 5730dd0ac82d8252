import { Tooltip, Typography } from "antd";

/** Text cut to its column's width (the column has `ellipsis: { showTitle: false }`), whole in a tooltip. */
export function CutText({ text }: { text: string }) {
  return (
    <Tooltip title={text} placement="topLeft">
      <Typography.Text>{text}</Typography.Text>
    </Tooltip>
  );
}
