import {
  AlertOutlined,
  AuditOutlined,
  ControlOutlined,
  DashboardOutlined,
  FileTextOutlined,
  KeyOutlined,
  NotificationOutlined,
} from "@ant-design/icons";
import { PERMISSIONS as P } from "@kaoping/core";
import { lazy } from "react";
import type { AppRoute } from "../../app/routes.tsx";

/** The 电子监察 menu's pages, in menu order (app/routes.tsx spreads them). */
export const SUPERVISION_ROUTES: AppRoute[] = [
  {
    path: "/supervision/board",
    perm: P.warningRead,
    menu: { group: "supervision", labelKey: "supervision.menu.board", icon: <DashboardOutlined />, testId: "menu-supervision-board" },
    Page: lazy(() => import("./board-page.tsx").then((m) => ({ default: m.BoardPage }))),
  },
  {
    path: "/supervision/warnings",
    perm: P.warningRead,
    menu: { group: "supervision", labelKey: "supervision.menu.warnings", icon: <AlertOutlined />, testId: "menu-warnings" },
    Page: lazy(() => import("./warnings-page.tsx").then((m) => ({ default: m.WarningsPage }))),
  },
  {
    path: "/supervision/orders",
    perm: P.warningRead,
    menu: { group: "supervision", labelKey: "supervision.menu.orders", icon: <AuditOutlined />, testId: "menu-orders" },
    Page: lazy(() => import("./orders-page.tsx").then((m) => ({ default: m.OrdersPage }))),
  },
  {
    path: "/supervision/orders/:id/notice",
    titleKey: "supervision.noticeTitle",
    perm: P.warningRead,
    Page: lazy(() => import("./order-notice-page.tsx").then((m) => ({ default: m.OrderNoticePage }))),
  },
  {
    path: "/supervision/bulletins",
    perm: P.warningRead,
    menu: {
      group: "supervision",
      labelKey: "supervision.menu.bulletins",
      icon: <FileTextOutlined />,
      testId: "menu-supervision-bulletins",
    },
    Page: lazy(() => import("./bulletins-page.tsx").then((m) => ({ default: m.BulletinsPage }))),
  },
  {
    path: "/supervision/complaints",
    perm: P.warningRead,
    menu: { group: "supervision", labelKey: "supervision.menu.complaints", icon: <NotificationOutlined />, testId: "menu-complaints" },
    Page: lazy(() => import("./complaints-page.tsx").then((m) => ({ default: m.ComplaintsPage }))),
  },
  {
    path: "/supervision/rules",
    perm: P.warningRead,
    menu: { group: "supervision", labelKey: "supervision.menu.rules", icon: <ControlOutlined />, testId: "menu-warning-rules" },
    Page: lazy(() => import("./rules-page.tsx").then((m) => ({ default: m.RulesPage }))),
  },
  {
    path: "/supervision/signing-keys",
    perm: P.warningRead,
    menu: { group: "supervision", labelKey: "supervision.menu.keys", icon: <KeyOutlined />, testId: "menu-signing-keys" },
    Page: lazy(() => import("./signing-keys-page.tsx").then((m) => ({ default: m.SigningKeysPage }))),
  },
];
