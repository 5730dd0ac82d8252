import type { NotificationPage, NotificationView, TodoList } from "@kaoping/core";
import { api } from "./client.ts";

export const todoApi = {
  list: () => api.get<TodoList>("/api/todo"),
  notifications: (query: { page: number; pageSize: number; unreadOnly?: "true" | "false" }) =>
    api.get<NotificationPage>("/api/notifications", query),
  markRead: (id: string) => api.post<NotificationView | undefined>(`/api/notifications/${id}/read`),
};
