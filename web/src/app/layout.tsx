import { HomeOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { Button, Flex, Layout, Menu, type MenuProps, Space, Spin, Typography, theme } from "antd";
import { Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, useLocation, useNavigate } from "react-router";
import { useKeyboardScrollableTables } from "../components/scrollable-tables.ts";
import { NotificationBell } from "../pages/todo/notification-bell.tsx";
import { useAuth, useSession } from "./auth.tsx";
import { ChangePasswordModal } from "./change-password-modal.tsx";
import { LanguageSwitch } from "./language-switch.tsx";
import { MAIN_ID, PageHeading, SkipLink } from "./page-title.tsx";
import { usePermission } from "./permission.tsx";
import { APP_ROUTES, MENU_GROUPS, menuKeyFor } from "./routes.tsx";
import { SessionIdle } from "./session-idle.tsx";

type MenuItem = NonNullable<MenuProps["items"]>[number];

/** The menu items the user may open: 首页, then each top menu with the pages their permissions allow. */
function useMenuItems(): MenuItem[] {
  const { t } = useTranslation();
  const can = usePermission();
  const home = { key: "/", icon: <HomeOutlined />, label: <span data-testid="menu-home">{t("menu.home")}</span> };
  const groups = MENU_GROUPS.map((group) => {
    const children = APP_ROUTES.filter((route) => route.menu?.group === group.key && can(route.perm)).map((route) => ({
      key: route.path,
      icon: route.menu?.icon,
      label: <span data-testid={route.menu?.testId}>{t(route.menu?.labelKey ?? "")}</span>,
    }));
    return { key: group.key, icon: group.icon, label: t(group.labelKey), children };
  });
  return [home, ...groups.filter((group) => group.children.length > 0)];
}

/** The signed-in shell: a skip link, menu at the left, the page's h1, user, language and logout at the top, the page below. */
export function BasicLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const { token } = theme.useToken();
  const [isCollapsed, setIsCollapsed] = useState(false);
  const [isPasswordOpen, setIsPasswordOpen] = useState(false);
  const items = useMenuItems();
  useKeyboardScrollableTables();
  const selected = menuKeyFor(location.pathname);

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <SkipLink />
      <Layout.Sider collapsible collapsed={isCollapsed} onCollapse={setIsCollapsed} width={220}>
        <div style={{ height: 64, display: "flex", alignItems: "center", justifyContent: "center" }}>
          <Typography.Text strong style={{ color: "#fff", fontSize: isCollapsed ? 16 : 18, whiteSpace: "nowrap" }}>
            {isCollapsed ? "考评" : t("app.name")}
          </Typography.Text>
        </div>
        <Menu
          aria-label={t("a11y.mainMenu")}
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={[selected]}
          defaultOpenKeys={MENU_GROUPS.map((group) => group.key)}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: "0 24px",
            display: "flex",
            alignItems: "center",
            justifyContent: "space-between",
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <PageHeading />
          <Space size="middle" style={{ flex: "none", whiteSpace: "nowrap" }}>
            <SessionIdle />
            {/* Its own line height: the header's 64 px would drop the clipped unit name below the user's name. */}
            <Flex gap={4} align="center" data-testid="header-user" style={{ whiteSpace: "nowrap", lineHeight: "22px" }}>
              <UserOutlined />
              <Typography.Text strong data-testid="header-user-name">
                {session.user.displayName}
              </Typography.Text>
              <Typography.Text
                type="secondary"
                ellipsis={{ tooltip: session.user.unitName }}
                style={{ maxWidth: 200 }}
                data-testid="header-user-unit"
              >
                {session.user.unitName}
              </Typography.Text>
            </Flex>
            <NotificationBell />
            <LanguageSwitch />
            <Button type="text" icon={<KeyOutlined />} onClick={() => setIsPasswordOpen(true)}>
              {t("header.changePassword")}
            </Button>
            <Button type="text" icon={<LogoutOutlined />} onClick={() => void logout()} data-testid="logout">
              {t("header.logout")}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content id={MAIN_ID} tabIndex={-1} style={{ margin: 16, outline: "none" }}>
          <Suspense fallback={<Spin style={{ display: "block", margin: "20vh auto" }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      <ChangePasswordModal open={isPasswordOpen} onClose={() => setIsPasswordOpen(false)} />
    </Layout>
  );
}
