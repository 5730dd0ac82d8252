import type { GroupCreateInput, GroupDetailView, GroupUpdateInput, GroupView, Paged } from "@kaoping/core";
import { api } from "./client.ts";

export const groupsApi = {
  list: (query: { q?: string; page: number; pageSize: number }) => api.get<Paged<GroupView>>("/api/groups", query),
  get: (id: string) => api.get<GroupDetailView>(`/api/groups/${id}`),
  create: (input: GroupCreateInput) => api.post<GroupView>("/api/groups", input),
  update: (id: string, input: GroupUpdateInput) => api.patch<GroupView>(`/api/groups/${id}`, input),
  remove: (id: string) => api.delete<void>(`/api/groups/${id}`),
};
