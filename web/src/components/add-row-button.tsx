import { PlusOutlined } from "@ant-design/icons";
import { Button, ConfigProvider } from "antd";
import type { CSSProperties, ReactNode } from "react";

/** The dashed “add a row” button of an editable list; like RemoveRowButton, absent inside a disabled form. */
export function AddRowButton(props: {
  onClick: () => void;
  children: ReactNode;
  size?: "small";
  style?: CSSProperties;
  "data-testid"?: string;
}) {
  const { componentDisabled } = ConfigProvider.useConfig();
  if (componentDisabled) return null;
  return (
    <Button
      type="dashed"
      size={props.size}
      icon={<PlusOutlined />}
      onClick={props.onClick}
      style={props.style}
      data-testid={props["data-testid"]}
    >
      {props.children}
    </Button>
  );
}
