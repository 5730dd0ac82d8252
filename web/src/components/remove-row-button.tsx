import { DeleteOutlined } from "@ant-design/icons";
import { Button, ConfigProvider } from "antd";
import { useTranslation } from "react-i18next";

/**
 * The trash button that removes one row of an editable list (star bands, categories, facts, conditions).
 * Inside a disabled form (a published framework, a rule only viewed) it is not shown at all: a
 * greyed-out delete still reads as something one could do.
 */
export function RemoveRowButton(props: { onClick: () => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const { componentDisabled } = ConfigProvider.useConfig();
  if (componentDisabled) return null;
  return (
    <Button
      type="text"
      danger
      icon={<DeleteOutlined />}
      disabled={props.disabled}
      onClick={props.onClick}
      aria-label={t("common.delete")}
    />
  );
}
