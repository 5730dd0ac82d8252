import {
  AreaChartOutlined,
  CalendarOutlined,
  CloudUploadOutlined,
  SafetyCertificateOutlined,
  UnorderedListOutlined,
} from "@ant-design/icons";
import { PERMISSIONS as P } from "@kaoping/core";
import { lazy } from "react";
import type { AppRoute } from "../../app/routes.tsx";

/**
 * The 办件 menu's pages, in menu order: one list, so each page of the menu (the working-day
 * calendar included) is one entry here and app/routes.tsx only spreads it.
 */
export const CASE_ROUTES: AppRoute[] = [
  {
    path: "/cases/metrics",
    perm: P.caseRead,
    menu: { group: "cases", labelKey: "cases.menu.metrics", icon: <AreaChartOutlined />, testId: "menu-case-metrics" },
    Page: lazy(() => import("./metrics-page.tsx").then((m) => ({ default: m.CaseMetricsPage }))),
  },
  {
    path: "/cases/list",
    perm: P.caseRead,
    menu: { group: "cases", labelKey: "cases.menu.list", icon: <UnorderedListOutlined />, testId: "menu-case-list" },
    Page: lazy(() => import("./cases-page.tsx").then((m) => ({ default: m.CasesPage }))),
  },
  {
    path: "/cases/rating-slip",
    titleKey: "cases.slip.title",
    perm: P.caseRead,
    Page: lazy(() => import("./rating-slip-page.tsx").then((m) => ({ default: m.RatingSlipPage }))),
  },
  {
    // The job list (GET /api/cases/imports) is the importers': a reader without the permission got an empty page.
    path: "/cases/imports",
    perm: P.caseImport,
    menu: { group: "cases", labelKey: "cases.menu.imports", icon: <CloudUploadOutlined />, testId: "menu-case-imports" },
    Page: lazy(() => import("./imports-page.tsx").then((m) => ({ default: m.ImportsPage }))),
  },
  {
    path: "/cases/quality",
    perm: P.caseRead,
    menu: { group: "cases", labelKey: "cases.menu.quality", icon: <SafetyCertificateOutlined />, testId: "menu-case-quality" },
    Page: lazy(() => import("./quality-page.tsx").then((m) => ({ default: m.QualityPage }))),
  },
  {
    path: "/cases/calendar",
    menu: { group: "cases", labelKey: "menu.calendar", icon: <CalendarOutlined />, testId: "menu-calendar" },
    Page: lazy(() => import("./calendar-page.tsx").then((m) => ({ default: m.CalendarPage }))),
  },
];
