import { BarChartOutlined, PhoneOutlined, ScheduleOutlined } from "@ant-design/icons";
import { PERMISSIONS as P } from "@kaoping/core";
import { lazy } from "react";
import type { AppRoute } from "../../app/routes.tsx";

/** The 接通率抽查 menu's pages, in menu order (app/routes.tsx spreads them). */
export const HOTLINE_ROUTES: AppRoute[] = [
  {
    path: "/hotline/rounds",
    perm: P.hotlineRead,
    menu: { group: "hotline", labelKey: "hotline.menu.rounds", icon: <ScheduleOutlined />, testId: "menu-hotline-rounds" },
    Page: lazy(() => import("./rounds-page.tsx").then((m) => ({ default: m.RoundsPage }))),
  },
  {
    path: "/hotline/calls",
    perm: P.hotlineCall,
    menu: { group: "hotline", labelKey: "hotline.menu.calls", icon: <PhoneOutlined />, testId: "menu-hotline-calls" },
    Page: lazy(() => import("./calls-page.tsx").then((m) => ({ default: m.CallsPage }))),
  },
  {
    path: "/hotline/results",
    perm: P.hotlineRead,
    menu: { group: "hotline", labelKey: "hotline.menu.results", icon: <BarChartOutlined />, testId: "menu-hotline-results" },
    Page: lazy(() => import("./results-page.tsx").then((m) => ({ default: m.ResultsPage }))),
  },
];
