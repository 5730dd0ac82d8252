import type { RoleCode, UserStatus, UserView } from "@kaoping/core";
import type { users } from "../../platform/db/schema.ts";

export type UserRow = typeof users.$inferSelect;

/** The API's user: never the password hash or lockout internals. */
export function presentUser(row: UserRow, unitName: string, roleCodes: RoleCode[]): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    unitId: row.unitId,
    unitName,
    roleCodes: [...roleCodes].sort(),
    status: row.status as UserStatus,
    phone: row.phone,
    isLocked: !!row.lockedUntil && row.lockedUntil.getTime() > Date.now(),
    mustChangePassword: row.mustChangePassword,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** What the audit log keeps of a user. */
export function auditUser(row: UserRow, roleCodes: RoleCode[]) {
  return {
    username: row.username,
    displayName: row.displayName,
    unitId: row.unitId,
    status: row.status,
    phone: row.phone,
    roleCodes: [...roleCodes].sort(),
  };
}
