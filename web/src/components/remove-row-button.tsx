import { DeleteOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useTranslation } from "react-i18next";

/** The trash button that removes one row of an editable list (star bands, categories, facts, conditions). */
export function RemoveRowButton(props: { onClick: () => void; disabled?: boolean }) {
  const { t } = useTranslation();
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
