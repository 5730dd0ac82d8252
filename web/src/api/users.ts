import type { Paged, RoleCode, RoleUpdateInput, RoleView, UserCreateInput, UserUpdateInput, UserView } from "@kaoping/core";
import { api } from "./client.ts";

export interface UserFilters {
  q?: string;
  unitId?: string;
  status?: string;
}

export const usersApi = {
  list: (query: UserFilters & { page: number; pageSize: number }) => api.get<Paged<UserView>>("/api/users", { ...query }),
  create: (input: UserCreateInput) => api.post<UserView>("/api/users", input),
  update: (id: string, input: UserUpdateInput) => api.patch<UserView>(`/api/users/${id}`, input),
  resetPassword: (id: string, password: string) => api.post<void>(`/api/users/${id}/reset-password`, { password }),
  unlock: (id: string) => api.post<void>(`/api/users/${id}/unlock`),
};

export const rolesApi = {
  list: () => api.get<RoleView[]>("/api/roles"),
  update: (code: RoleCode, input: RoleUpdateInput) => api.patch<RoleView>(`/api/roles/${code}`, input),
};
