import type { NotificationPage, NotificationView } from "@kaoping/core";
import { Badge, Button, Empty, Flex, Pagination, Segmented, Space, Spin, Tag, Typography, theme } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { todoApi } from "../../api/todo.ts";
import { useShowError } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { useLoaded } from "../campaigns/use-loaded.ts";
import { sortNotifications } from "./todo-groups.ts";

const PAGE_SIZE = 20;

/** 站内消息: unread first; 标为已读, and 查看 opens the linked page (reading it). */
export function NotificationList({ onRead }: { onRead: () => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const showError = useShowError();
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const loaded = useLoaded(`${page}:${unreadOnly}`, () =>
    todoApi.notifications({ page, pageSize: PAGE_SIZE, ...(unreadOnly ? { unreadOnly: "true" as const } : {}) }),
  );
  const rows = useMemo(() => sortNotifications(loaded.data?.rows ?? []), [loaded.data]);

  async function markRead(notification: NotificationView): Promise<void> {
    if (notification.read) return;
    try {
      await todoApi.markRead(notification.id);
      const data = loaded.data as NotificationPage;
      loaded.set({
        ...data,
        unread: Math.max(0, data.unread - 1),
        rows: data.rows.map((row) => (row.id === notification.id ? { ...row, read: true } : row)),
      });
      onRead();
    } catch (error) {
      showError(error);
    }
  }

  async function open(notification: NotificationView) {
    await markRead(notification);
    if (notification.link) navigate(notification.link);
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="notification-list">
      <Segmented
        value={unreadOnly ? "unread" : "all"}
        onChange={(value) => {
          setUnreadOnly(value === "unread");
          setPage(1);
        }}
        options={[
          { value: "all", label: t("common.all") },
          { value: "unread", label: t("campaign.unreadCount", { count: loaded.data?.unread ?? 0 }) },
        ]}
      />
      <Spin spinning={loaded.isLoading}>
        {rows.length === 0 ? (
          <Empty description={t("campaign.noNotifications")} />
        ) : (
          <Flex vertical>
            {rows.map((notification, index) => (
              <Flex
                key={notification.id}
                vertical
                gap={4}
                style={{ padding: "10px 0", borderTop: index ? `1px solid ${token.colorBorderSecondary}` : undefined }}
                data-testid="notification"
                data-read={notification.read}
              >
                <Flex justify="space-between" align="center" gap={8}>
                  <Space size={6}>
                    {!notification.read && <Badge status="processing" />}
                    <Tag>{t(`campaign.enum.notificationKind.${notification.kind}`)}</Tag>
                    <Typography.Text strong={!notification.read}>{notification.title}</Typography.Text>
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: "nowrap" }}>
                    {formatDateTime(notification.createdAt)}
                  </Typography.Text>
                </Flex>
                {notification.body && <Typography.Text type="secondary">{notification.body}</Typography.Text>}
                <Space size={0}>
                  {notification.link && (
                    <Button type="link" size="small" onClick={() => void open(notification)}>
                      {t("campaign.openLink")}
                    </Button>
                  )}
                  {!notification.read && (
                    <Button type="link" size="small" onClick={() => void markRead(notification)} data-testid="notification-read">
                      {t("campaign.markRead")}
                    </Button>
                  )}
                </Space>
              </Flex>
            ))}
          </Flex>
        )}
      </Spin>
      {(loaded.data?.total ?? 0) > PAGE_SIZE && (
        <Pagination
          size="small"
          current={page}
          pageSize={PAGE_SIZE}
          total={loaded.data?.total ?? 0}
          onChange={setPage}
          showSizeChanger={false}
        />
      )}
    </Space>
  );
}
