import { Flex, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "./language-switch.tsx";
import { MAIN_ID, useDocumentTitle } from "./page-title.tsx";

/**
 * The frame of the pages anyone may open without a session (登录, 群众找茬): centred,
 * with the language switch; the platform's name is the page's h1, `title` names the tab.
 */
export function PublicPage({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  useDocumentTitle(title);
  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{ minHeight: "100vh", background: "linear-gradient(160deg, #e6f0ff 0%, #f5f7fa 60%)", padding: 16 }}
    >
      <div style={{ position: "absolute", top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Typography.Title level={1} style={{ fontSize: 30, margin: "32px 0", textAlign: "center" }}>
        {t("app.fullName")}
      </Typography.Title>
      <Flex component="main" id={MAIN_ID} vertical align="center" style={{ width: "100%" }}>
        {children}
      </Flex>
    </Flex>
  );
}
