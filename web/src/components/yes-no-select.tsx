import { Select, type SelectProps } from "antd";
import { useTranslation } from "react-i18next";

/** A query form's yes / no filter ("true" / "false", cleared for all), with its own words if given. */
export function YesNoSelect({ yes, no, ...rest }: { yes?: string; no?: string } & Omit<SelectProps, "options">) {
  const { t } = useTranslation();
  return (
    <Select
      allowClear
      placeholder={t("common.all")}
      options={[
        { value: "true", label: yes ?? t("common.yes") },
        { value: "false", label: no ?? t("common.no") },
      ]}
      {...rest}
    />
  );
}
