import { ClockCircleOutlined, RightOutlined } from "@ant-design/icons";
import type { TodoList } from "@kaoping/core";
import { Badge, Card, Col, Empty, Flex, Row, Space, Spin, Tag, Typography, theme } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { todoApi } from "../../api/todo.ts";
import { useLoaded } from "../campaigns/use-loaded.ts";
import { NotificationList } from "./notification-list.tsx";
import { groupKey, groupPath, groupTodo } from "./todo-groups.ts";

/** 我的待办: what the user has to do in open campaigns, grouped by campaign; and their in-app messages. */
export function TodoPage() {
  const { t } = useTranslation();
  const todo = useLoaded("todo", () => todoApi.list());
  const unread = todo.data?.unreadNotifications ?? 0;

  return (
    <Row gutter={16}>
      <Col xs={24} xl={14}>
        <Card title={t("campaign.todoTitle")} data-testid="todo-list">
          {todo.data ? <TodoGroups list={todo.data} /> : <Spin style={{ display: "block", margin: 24 }} spinning={todo.isLoading} />}
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card
          title={
            <Space>
              {t("campaign.notifications")}
              <Badge count={unread} data-testid="todo-unread" />
            </Space>
          }
        >
          <NotificationList onRead={() => void todo.reload()} />
        </Card>
      </Col>
    </Row>
  );
}

function TodoGroups({ list }: { list: TodoList }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const groups = useMemo(() => groupTodo(list.items), [list.items]);
  if (!groups.length) return <Empty description={t("campaign.todoEmpty")} />;

  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }}>
      {groups.map((group) => (
        <div key={groupKey(group)} data-testid="todo-group">
          <Space style={{ marginBottom: 8 }}>
            <Link to={groupPath(group)}>
              <Typography.Text strong>{group.campaignName}</Typography.Text>
            </Link>
            <Tag>{group.items.length}</Tag>
            {group.overdue > 0 && <Tag color="error">{`${t("campaign.overdue")} ${group.overdue}`}</Tag>}
          </Space>
          <Flex vertical style={{ border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadius }}>
            {group.items.map((item, index) => (
              <Flex
                key={`${item.kind}:${item.unitId}:${item.title}`}
                justify="space-between"
                align="center"
                gap={12}
                style={{ padding: "8px 12px", borderTop: index ? `1px solid ${token.colorBorderSecondary}` : undefined }}
                data-testid={`todo-${item.kind}`}
              >
                <Space orientation="vertical" size={2}>
                  <Space size={6} wrap>
                    <Tag color="blue">{t(`campaign.enum.todoKind.${item.kind}`)}</Tag>
                    <span>{item.title}</span>
                    <Typography.Text type="secondary">{item.unitName}</Typography.Text>
                  </Space>
                  <Space size={12} wrap>
                    {item.due && (
                      <Typography.Text type={item.overdue ? "danger" : "secondary"} style={{ fontSize: 12 }}>
                        <ClockCircleOutlined /> {t("campaign.due", { date: item.due })}
                      </Typography.Text>
                    )}
                    {item.overdue && <Tag color="error">{t("campaign.overdue")}</Tag>}
                    {item.detail && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {item.detail}
                      </Typography.Text>
                    )}
                  </Space>
                </Space>
                <Link to={item.link} style={{ whiteSpace: "nowrap" }}>
                  {t("campaign.handle")} <RightOutlined />
                </Link>
              </Flex>
            ))}
          </Flex>
        </div>
      ))}
    </Space>
  );
}
