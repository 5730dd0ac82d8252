import { Tag } from "antd";
import { useTranslation } from "react-i18next";

/** 正常 / 停用 as a green or grey tag (units and users share the two statuses). */
export function StatusTag({ status, kind = "unitStatus" }: { status: "active" | "disabled"; kind?: "unitStatus" | "userStatus" }) {
  const { t } = useTranslation();
  return <Tag color={status === "active" ? "success" : "default"}>{t(`enum.${kind}.${status}`)}</Tag>;
}
