import type { a11yZhCN } from "./a11y.zh-CN.ts";
import type { Catalogue } from "./en-US.ts";

export const a11yEnUS: Catalogue<typeof a11yZhCN> = {
  skipToContent: "Skip to main content",
  mainMenu: "Main menu",
  page: {
    home: "Home",
    login: "Sign in",
    reportGuide: "Report a guide error",
    rate: "Rate a service",
    frameworkEditor: "Framework editor",
    campaignDetail: "Campaign",
    unitWorkspace: "Unit workspace",
    guideDetail: "Service guide",
    notFound: "Page not found",
  },
  chart: {
    showTable: "Show data table",
    hideTable: "Hide data table",
    noData: "No data",
  },
  scrollTable: "{{name}} (scroll sideways with the arrow keys)",
  table: "Data table",
  scrollPanel: "{{name}} (scroll with the arrow keys)",
  panel: "Drawer content",
};
