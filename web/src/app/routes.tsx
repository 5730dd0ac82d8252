import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BugOutlined,
  CarryOutOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  EyeOutlined,
  FileSearchOutlined,
  FlagOutlined,
  FundOutlined,
  LikeOutlined,
  PartitionOutlined,
  ProfileOutlined,
  SafetyOutlined,
  SettingOutlined,
  SlidersOutlined,
  TeamOutlined,
  ToolOutlined,
} from "@ant-design/icons";
import { PERMISSIONS as P, type Permission } from "@kaoping/core";
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from "react";
import { matchPath } from "react-router";
import { CASE_ROUTES } from "../pages/cases/case-routes.tsx";
import { HOTLINE_ROUTES } from "../pages/hotline/hotline-routes.tsx";
import { RATING_ROUTES } from "../pages/ratings/rating-routes.tsx";
import { SUPERVISION_ROUTES } from "../pages/supervision/supervision-routes.tsx";

/** A top menu (考核评估, 系统管理) holding pages. */
export interface MenuGroup {
  key: string;
  labelKey: string;
  icon: ReactNode;
}

/** A page: where it lives, what it needs; with a label and test id when it is a menu item. */
export interface AppRoute {
  path: string;
  /** What the page needs; absent: any signed-in user (the page's data is nobody's unit data). */
  perm?: Permission;
  Page: LazyExoticComponent<ComponentType>;
  /** Menu entry; pages without one (an editor opened from a list) highlight the list's item. */
  menu?: { group: string; labelKey: string; icon: ReactNode; testId: string };
  /** The page's title (h1 and document title) when it has no menu entry to take it from. */
  titleKey?: string;
}

export const MENU_GROUPS: MenuGroup[] = [
  { key: "assess", labelKey: "menu.assess", icon: <FundOutlined /> },
  { key: "guides", labelKey: "menu.guides", icon: <FileSearchOutlined /> },
  { key: "cases", labelKey: "menu.cases", icon: <CarryOutOutlined /> },
  { key: "supervision", labelKey: "menu.supervision", icon: <EyeOutlined /> },
  { key: "ratings", labelKey: "menu.ratings", icon: <LikeOutlined /> },
  { key: "hotline", labelKey: "menu.hotline", icon: <CustomerServiceOutlined /> },
  { key: "system", labelKey: "menu.system", icon: <SettingOutlined /> },
];

/** One list drives both the router and the menu, so a page and its menu item need the same permission. */
export const APP_ROUTES: AppRoute[] = [
  {
    path: "/assess/frameworks",
    perm: P.frameworkRead,
    menu: { group: "assess", labelKey: "menu.frameworks", icon: <PartitionOutlined />, testId: "menu-frameworks" },
    Page: lazy(() => import("../pages/frameworks/frameworks-page.tsx").then((m) => ({ default: m.FrameworksPage }))),
  },
  {
    path: "/assess/frameworks/:id",
    titleKey: "a11y.page.frameworkEditor",
    perm: P.frameworkRead,
    Page: lazy(() => import("../pages/frameworks/editor/framework-editor-page.tsx").then((m) => ({ default: m.FrameworkEditorPage }))),
  },
  {
    path: "/assess/campaigns",
    perm: P.campaignRead,
    menu: { group: "assess", labelKey: "menu.campaigns", icon: <FlagOutlined />, testId: "menu-campaigns" },
    Page: lazy(() => import("../pages/campaigns/campaigns-page.tsx").then((m) => ({ default: m.CampaignsPage }))),
  },
  {
    path: "/assess/campaigns/:id",
    titleKey: "a11y.page.campaignDetail",
    perm: P.campaignRead,
    Page: lazy(() => import("../pages/campaigns/detail/campaign-detail-page.tsx").then((m) => ({ default: m.CampaignDetailPage }))),
  },
  {
    path: "/assess/campaigns/:id/units/:unitId",
    titleKey: "a11y.page.unitWorkspace",
    perm: P.campaignRead,
    Page: lazy(() => import("../pages/campaigns/unit/unit-workspace-page.tsx").then((m) => ({ default: m.UnitWorkspacePage }))),
  },
  {
    path: "/assess/todo",
    perm: P.campaignRead,
    menu: { group: "assess", labelKey: "menu.todo", icon: <CheckSquareOutlined />, testId: "menu-todo" },
    Page: lazy(() => import("../pages/todo/todo-page.tsx").then((m) => ({ default: m.TodoPage }))),
  },
  {
    path: "/assess/cockpit",
    perm: P.campaignRead,
    menu: { group: "assess", labelKey: "menu.cockpit", icon: <DashboardOutlined />, testId: "menu-cockpit" },
    Page: lazy(() => import("../pages/review/cockpit-page.tsx").then((m) => ({ default: m.CockpitPage }))),
  },
  {
    path: "/guides/items",
    perm: P.guideRead,
    menu: { group: "guides", labelKey: "menu.guideItems", icon: <ProfileOutlined />, testId: "menu-guide-items" },
    Page: lazy(() => import("../pages/guides/guides-page.tsx").then((m) => ({ default: m.GuidesPage }))),
  },
  {
    path: "/guides/items/:id",
    titleKey: "a11y.page.guideDetail",
    perm: P.guideRead,
    Page: lazy(() => import("../pages/guides/guide-page.tsx").then((m) => ({ default: m.GuidePage }))),
  },
  {
    path: "/guides/departments",
    perm: P.guideRead,
    menu: { group: "guides", labelKey: "menu.guideDepartments", icon: <BarChartOutlined />, testId: "menu-guide-departments" },
    Page: lazy(() => import("../pages/guides/departments-page.tsx").then((m) => ({ default: m.DepartmentsPage }))),
  },
  {
    path: "/guides/defects",
    perm: P.guideRead,
    menu: { group: "guides", labelKey: "menu.guideDefects", icon: <ToolOutlined />, testId: "menu-guide-defects" },
    Page: lazy(() => import("../pages/guides/defects-page.tsx").then((m) => ({ default: m.DefectsPage }))),
  },
  {
    path: "/guides/reports",
    perm: P.guideTriage,
    menu: { group: "guides", labelKey: "menu.guideReports", icon: <BugOutlined />, testId: "menu-guide-reports" },
    Page: lazy(() => import("../pages/guides/fault-reports-page.tsx").then((m) => ({ default: m.FaultReportsPage }))),
  },
  {
    path: "/guides/settings",
    perm: P.guideManage,
    menu: { group: "guides", labelKey: "guide.settings.menu", icon: <SlidersOutlined />, testId: "menu-guide-settings" },
    Page: lazy(() => import("../pages/guides/settings-page.tsx").then((m) => ({ default: m.SettingsPage }))),
  },
  ...CASE_ROUTES,
  ...SUPERVISION_ROUTES,
  ...RATING_ROUTES,
  ...HOTLINE_ROUTES,
  {
    path: "/system/units",
    perm: P.unitRead,
    menu: { group: "system", labelKey: "menu.units", icon: <ApartmentOutlined />, testId: "menu-units" },
    Page: lazy(() => import("../pages/units/units-page.tsx").then((m) => ({ default: m.UnitsPage }))),
  },
  {
    path: "/system/groups",
    perm: P.groupRead,
    menu: { group: "system", labelKey: "menu.groups", icon: <ClusterOutlined />, testId: "menu-groups" },
    Page: lazy(() => import("../pages/groups/groups-page.tsx").then((m) => ({ default: m.GroupsPage }))),
  },
  {
    path: "/system/users",
    perm: P.userRead,
    menu: { group: "system", labelKey: "menu.users", icon: <TeamOutlined />, testId: "menu-users" },
    Page: lazy(() => import("../pages/users/users-page.tsx").then((m) => ({ default: m.UsersPage }))),
  },
  {
    path: "/system/roles",
    perm: P.roleRead,
    menu: { group: "system", labelKey: "menu.roles", icon: <SafetyOutlined />, testId: "menu-roles" },
    Page: lazy(() => import("../pages/roles/roles-page.tsx").then((m) => ({ default: m.RolesPage }))),
  },
  {
    path: "/system/audit",
    perm: P.auditRead,
    menu: { group: "system", labelKey: "menu.audit", icon: <AuditOutlined />, testId: "menu-audit" },
    Page: lazy(() => import("../pages/audit/audit-page.tsx").then((m) => ({ default: m.AuditPage }))),
  },
];

/** The title key of the page at a location: its route's own, its menu label's, 首页, or 页面不存在. */
export function pageTitleKey(pathname: string): string {
  if (pathname === "/") return "a11y.page.home";
  const route = APP_ROUTES.find((candidate) => matchPath(candidate.path, pathname));
  return route?.titleKey ?? route?.menu?.labelKey ?? "a11y.page.notFound";
}

/** The menu item to highlight for a location: the longest menu path it starts with. */
export function menuKeyFor(pathname: string): string {
  const matches = APP_ROUTES.filter((route) => route.menu && (pathname === route.path || pathname.startsWith(`${route.path}/`)));
  return matches.sort((a, b) => b.path.length - a.path.length)[0]?.path ?? "/";
}
