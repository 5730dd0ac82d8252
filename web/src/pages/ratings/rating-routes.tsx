import { DislikeOutlined, FieldTimeOutlined, FundOutlined, SolutionOutlined, UnorderedListOutlined } from "@ant-design/icons";
import { PERMISSIONS as P } from "@kaoping/core";
import { lazy } from "react";
import type { AppRoute } from "../../app/routes.tsx";

/** The 好差评 menu's pages, in menu order (app/routes.tsx spreads them). */
export const RATING_ROUTES: AppRoute[] = [
  {
    path: "/ratings",
    perm: P.ratingRead,
    menu: { group: "ratings", labelKey: "ratings.menu.dashboard", icon: <FundOutlined />, testId: "menu-ratings-dashboard" },
    Page: lazy(() => import("./dashboard-page.tsx").then((m) => ({ default: m.RatingsDashboardPage }))),
  },
  {
    path: "/ratings/reviews",
    perm: P.ratingRead,
    menu: { group: "ratings", labelKey: "ratings.menu.reviews", icon: <DislikeOutlined />, testId: "menu-reviews" },
    Page: lazy(() => import("./reviews-page.tsx").then((m) => ({ default: m.ReviewsPage }))),
  },
  {
    path: "/ratings/appeals",
    perm: P.reviewManage,
    menu: { group: "ratings", labelKey: "ratings.menu.appeals", icon: <SolutionOutlined />, testId: "menu-rating-appeals" },
    Page: lazy(() => import("./reviews-page.tsx").then((m) => ({ default: m.AppealsPage }))),
  },
  {
    path: "/ratings/list",
    perm: P.ratingRead,
    menu: { group: "ratings", labelKey: "ratings.menu.list", icon: <UnorderedListOutlined />, testId: "menu-ratings-list" },
    Page: lazy(() => import("./ratings-page.tsx").then((m) => ({ default: m.RatingsPage }))),
  },
  {
    path: "/ratings/settings",
    perm: P.reviewManage,
    menu: { group: "ratings", labelKey: "ratings.menu.settings", icon: <FieldTimeOutlined />, testId: "menu-rating-settings" },
    Page: lazy(() => import("./settings-page.tsx").then((m) => ({ default: m.RatingSettingsPage }))),
  },
];
