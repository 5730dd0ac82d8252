import { z } from "zod";
import { checkPasswordComplexity, PASSWORD_MAX_LENGTH } from "../access/password-policy.ts";
import type { Permission } from "../access/permissions.ts";
import { DATA_SCOPES, type DataScope, ROLE_CODES, type RoleCode } from "../access/roles.ts";
import { idSchema, LIMITS, pageQuerySchema } from "./common.ts";

export const passwordSchema = z
  .string()
  .max(PASSWORD_MAX_LENGTH)
  .superRefine((value, ctx) => {
    for (const message of checkPasswordComplexity(value)) ctx.addIssue({ code: "custom", message });
  });

const username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9_.@-]+$/, "用户名只能包含字母、数字和 _ . @ -");

export const USER_STATUSES = ["active", "disabled"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
export const USER_STATUS_LABELS: Record<UserStatus, string> = { active: "正常", disabled: "停用" };

export const userCreateSchema = z.strictObject({
  username,
  displayName: z.string().trim().min(1).max(LIMITS.nameMax),
  /** The unit the user belongs to; data scopes are computed from it. */
  unitId: idSchema,
  roleCodes: z.array(z.enum(ROLE_CODES)).min(1),
  password: passwordSchema,
  phone: z.string().trim().max(32).nullish(),
});
export type UserCreateInput = z.infer<typeof userCreateSchema>;

export const userUpdateSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(LIMITS.nameMax).optional(),
  unitId: idSchema.optional(),
  roleCodes: z.array(z.enum(ROLE_CODES)).min(1).optional(),
  status: z.enum(USER_STATUSES).optional(),
  phone: z.string().trim().max(32).nullish(),
});
export type UserUpdateInput = z.infer<typeof userUpdateSchema>;

export const userListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(LIMITS.nameMax).optional(),
  unitId: idSchema.optional(),
  status: z.enum(USER_STATUSES).optional(),
  /** Users holding this role (e.g. the reviewers to assign to a campaign). */
  roleCode: z.enum(ROLE_CODES).optional(),
});

export const resetPasswordSchema = z.strictObject({ password: passwordSchema });

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  unitName: string;
  roleCodes: RoleCode[];
  status: UserStatus;
  phone: string | null;
  isLocked: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export const roleUpdateSchema = z.strictObject({
  dataScope: z.enum(DATA_SCOPES).optional(),
  /** Units for the `custom` data scope. */
  scopeUnitIds: z.array(idSchema).max(5000).optional(),
  permissions: z.array(z.string()).optional(),
});
export type RoleUpdateInput = z.infer<typeof roleUpdateSchema>;

export interface RoleView {
  code: RoleCode;
  name: string;
  description: string;
  permissions: Permission[];
  dataScope: DataScope;
  scopeUnitIds: string[];
}

export const loginSchema = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

export const changePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: passwordSchema,
});

/** What the web needs about the signed-in user. */
export interface SessionView {
  user: {
    id: string;
    username: string;
    displayName: string;
    unitId: string;
    unitName: string;
    roleCodes: RoleCode[];
    mustChangePassword: boolean;
  };
  permissions: Permission[];
  csrfToken: string;
  idleTimeoutMinutes: number;
}
