import { Typography } from "antd";
import { type MouseEvent, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { pageTitleKey } from "./routes.tsx";

/** The id of the page's main region, the skip link's target. */
export const MAIN_ID = "main";

/**
 * Names the browser tab after the page (“考核管理 - 考评 Kaoping”), so tabs, history and screen readers
 * tell pages apart; a public page names its own site (`siteName`) instead of the platform.
 */
export function useDocumentTitle(title: string, siteName?: string): void {
  const { t } = useTranslation();
  const appName = siteName ?? t("app.name");
  useEffect(() => {
    document.title = `${title} - ${appName}`;
  }, [title, appName]);
}

/** The signed-in page's title from its route: the page's one h1, and the document title. */
export function PageHeading() {
  const { t } = useTranslation();
  const title = t(pageTitleKey(useLocation().pathname));
  useDocumentTitle(title);
  return (
    <Typography.Title level={1} style={{ fontSize: 18, margin: 0, whiteSpace: "nowrap" }} data-testid="page-title">
      {title}
    </Typography.Title>
  );
}

/** 跳到主要内容: the first stop of the Tab key, shown when focused; moves focus into the page past the menu. */
export function SkipLink() {
  const { t } = useTranslation();
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    document.getElementById(MAIN_ID)?.focus();
  }
  return (
    <a href={`#${MAIN_ID}`} className="kp-skip-link" onClick={handleClick} data-testid="skip-link">
      {t("a11y.skipToContent")}
    </a>
  );
}
