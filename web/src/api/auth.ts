import type { SessionView } from "@kaoping/core";
import { request } from "./client.ts";

export const authApi = {
  login: (username: string, password: string) =>
    request<SessionView>("POST", "/api/auth/login", { body: { username, password }, isAuthProbe: true }),
  /** The current session, or a 401 when there is none. */
  me: () => request<SessionView>("GET", "/api/auth/me", { isAuthProbe: true }),
  logout: () => request<void>("POST", "/api/auth/logout", { body: {}, isAuthProbe: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>("POST", "/api/auth/password", { body: { currentPassword, newPassword }, isAuthProbe: true }),
};
