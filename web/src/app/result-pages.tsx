import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";

function BackHome() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => navigate("/")}>
      {t("common.backHome")}
    </Button>
  );
}

/** Shown when the route exists but the user lacks its permission. */
export function ForbiddenPage() {
  const { t } = useTranslation();
  return <Result status="403" title="403" subTitle={t("common.noPermission")} extra={<BackHome />} />;
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return <Result status="404" title="404" subTitle={t("common.notFound")} extra={<BackHome />} />;
}
