import { Button, Result, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate, useRouteError } from "react-router";
import { routeErrorMessage } from "./route-error.ts";

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

/**
 * The router's errorElement: a page that failed to render (or to load) says so in Chinese, offers
 * a reload, and gives the error's own words in small print for support. Reads no session and no
 * router navigation, so it works on the root route too.
 */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <Result
      status="error"
      title={t("common.pageError")}
      subTitle={t("common.pageErrorHint")}
      extra={
        <Button type="primary" onClick={() => window.location.reload()} data-testid="route-error-reload">
          {t("common.reload")}
        </Button>
      }
      data-testid="route-error"
    >
      <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: "break-word" }} data-testid="route-error-message">
        {routeErrorMessage(error)}
      </Typography.Text>
    </Result>
  );
}
