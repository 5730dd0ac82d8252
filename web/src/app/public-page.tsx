import "./public-page.css";
import { Flex, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "./language-switch.tsx";
import { MAIN_ID, useDocumentTitle } from "./page-title.tsx";

/**
 * The frame of the pages anyone may open without a session (登录, 群众找茬, 好差评): centred,
 * with the language switch; `heading` is the page's h1 — the name its reader knows (the public
 * pages a public one, e.g. 政务服务“好差评”; the platform's name by default, for the staff's login) —
 * and names the tab after `title`. On a phone every tap target is at least 44 px tall (public-page.css;
 * `kp-touch` for a link).
 */
export function PublicPage({ title, heading, children }: { title: string; heading?: string; children: ReactNode }) {
  const { t } = useTranslation();
  const shownHeading = heading ?? t("app.fullName");
  useDocumentTitle(title, heading);
  return (
    <Flex
      vertical
      align="center"
      justify="center"
      className="kp-public"
      style={{ minHeight: "100vh", background: "linear-gradient(160deg, #e6f0ff 0%, #f5f7fa 60%)", padding: 16 }}
    >
      <div style={{ position: "absolute", top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Typography.Title level={1} style={{ fontSize: 30, margin: "32px 0", textAlign: "center" }}>
        {shownHeading}
      </Typography.Title>
      <Flex component="main" id={MAIN_ID} vertical align="center" style={{ width: "100%" }}>
        {children}
      </Flex>
    </Flex>
  );
}
