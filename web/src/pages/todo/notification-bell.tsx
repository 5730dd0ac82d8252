import { BellOutlined } from "@ant-design/icons";
import { PERMISSIONS } from "@kaoping/core";
import { Badge, Button, Tooltip } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { todoApi } from "../../api/todo.ts";
import { usePermission } from "../../app/permission.tsx";

/**
 * The header's bell with the unread count, opening 我的待办. It re-reads the
 * count on every page change, not on a timer: each call restarts the server's
 * idle timer, so polling would keep an abandoned session alive.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const can = usePermission();
  const [unread, setUnread] = useState(0);
  const isAllowed = can(PERMISSIONS.campaignRead);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page is a reason to re-read
  useEffect(() => {
    if (!isAllowed) return;
    let isCurrent = true;
    todoApi
      .notifications({ page: 1, pageSize: 1, unreadOnly: "true" })
      .then((page) => isCurrent && setUnread(page.unread))
      .catch(() => undefined);
    return () => {
      isCurrent = false;
    };
  }, [isAllowed, pathname]);

  if (!isAllowed) return null;
  return (
    <Tooltip title={t("campaign.notifications")}>
      <Badge count={unread} size="small" offset={[-4, 4]}>
        <Button type="text" icon={<BellOutlined />} onClick={() => navigate("/assess/todo")} data-testid="header-notifications" />
      </Badge>
    </Tooltip>
  );
}
