import { ClockCircleOutlined } from "@ant-design/icons";
import { App, Button, Tag, Tooltip } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { getLastActivityAt } from "../api/client.ts";
import { useAuth } from "./auth.tsx";

const TICK_MS = 15_000;
const WARN_MS = 60_000;
const NOTICE_KEY = "session-idle";

/**
 * Shows how long the session has left. The server expires it after `idleTimeoutMinutes`
 * without a request; this tab counts from its own last request, warns a minute before,
 * and at zero asks the server, whose 401 sends the user to the login page.
 */
export function SessionIdle() {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const { session, refresh } = useAuth();
  const [now, setNow] = useState(Date.now());
  const hasWarned = useRef(false);
  const idleMs = (session?.idleTimeoutMinutes ?? 30) * 60_000;
  const remainingMs = idleMs - Math.max(0, now - getLastActivityAt());
  // A 401 is handled by the auth provider; other failures just wait for the next tick.
  const keepAlive = useCallback(() => {
    refresh()
      .catch(() => {})
      .finally(() => setNow(Date.now()));
  }, [refresh]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => {
      clearInterval(timer);
      notification.destroy(NOTICE_KEY);
    };
  }, [notification]);

  useEffect(() => {
    if (remainingMs > WARN_MS) {
      hasWarned.current = false;
      notification.destroy(NOTICE_KEY);
    } else if (remainingMs > 0 && !hasWarned.current) {
      hasWarned.current = true;
      notification.warning({
        key: NOTICE_KEY,
        // Bottom right: the header's logout button stays clickable.
        placement: "bottomRight",
        title: t("header.idleSoonTitle"),
        description: t("header.idleSoon"),
        duration: 0,
        actions: (
          <Button type="primary" size="small" onClick={keepAlive}>
            {t("header.keepAlive")}
          </Button>
        ),
      });
    } else if (remainingMs <= 0) {
      notification.destroy(NOTICE_KEY);
      keepAlive();
    }
  }, [remainingMs, notification, keepAlive, t]);

  const minutes = Math.max(0, Math.ceil(remainingMs / 60_000));
  return (
    <Tooltip title={t("header.idle", { minutes: session?.idleTimeoutMinutes ?? 30 })}>
      <Tag icon={<ClockCircleOutlined />} color={remainingMs <= WARN_MS ? "warning" : "default"} data-testid="session-idle">
        {t("header.idleLeft", { minutes })}
      </Tag>
    </Tooltip>
  );
}
