import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { useTranslation } from "react-i18next";
import { RouterProvider } from "react-router/dom";
import { router } from "./router.tsx";
import { KAOPING_THEME } from "./theme.ts";

/** Providers around the router: antd locale follows the UI language, the checked theme (theme.ts); antd's App gives message/modal. */
export function KaopingApp() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === "en-US" ? enUS : zhCN} theme={KAOPING_THEME}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}
