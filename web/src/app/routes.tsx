import { ApartmentOutlined, AuditOutlined, ClusterOutlined, SafetyOutlined, TeamOutlined } from "@ant-design/icons";
import { PERMISSIONS as P, type Permission } from "@kaoping/core";
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from "react";

/** A page of the 系统管理 menu: where it lives, what it is called, what it needs. */
export interface SystemRoute {
  path: string;
  labelKey: string;
  icon: ReactNode;
  perm: Permission;
  testId: string;
  Page: LazyExoticComponent<ComponentType>;
}

/** One list drives both the router and the menu, so a page and its menu item need the same permission. */
export const SYSTEM_ROUTES: SystemRoute[] = [
  {
    path: "/system/units",
    labelKey: "menu.units",
    icon: <ApartmentOutlined />,
    perm: P.unitRead,
    testId: "menu-units",
    Page: lazy(() => import("../pages/units/units-page.tsx").then((m) => ({ default: m.UnitsPage }))),
  },
  {
    path: "/system/groups",
    labelKey: "menu.groups",
    icon: <ClusterOutlined />,
    perm: P.groupRead,
    testId: "menu-groups",
    Page: lazy(() => import("../pages/groups/groups-page.tsx").then((m) => ({ default: m.GroupsPage }))),
  },
  {
    path: "/system/users",
    labelKey: "menu.users",
    icon: <TeamOutlined />,
    perm: P.userRead,
    testId: "menu-users",
    Page: lazy(() => import("../pages/users/users-page.tsx").then((m) => ({ default: m.UsersPage }))),
  },
  {
    path: "/system/roles",
    labelKey: "menu.roles",
    icon: <SafetyOutlined />,
    perm: P.roleRead,
    testId: "menu-roles",
    Page: lazy(() => import("../pages/roles/roles-page.tsx").then((m) => ({ default: m.RolesPage }))),
  },
  {
    path: "/system/audit",
    labelKey: "menu.audit",
    icon: <AuditOutlined />,
    perm: P.auditRead,
    testId: "menu-audit",
    Page: lazy(() => import("../pages/audit/audit-page.tsx").then((m) => ({ default: m.AuditPage }))),
  },
];
