import {
  type AnyPgColumn,
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
};

/** 考核对象: the unit tree. `path` is the ancestors path "/rootId/.../selfId/" for subtree queries. */
export const units = pgTable(
  "units",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    parentId: uuid("parent_id").references((): AnyPgColumn => units.id),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    shortName: text("short_name"),
    kind: text("kind").notNull(),
    status: text("status").notNull().default("active"),
    isReference: boolean("is_reference").notNull().default(false),
    sortOrder: integer("sort_order").notNull().default(0),
    path: text("path").notNull(),
    createdBy: uuid("created_by"),
    ...timestamps,
  },
  (t) => [index("units_path_idx").on(t.path.op("text_pattern_ops")), index("units_parent_idx").on(t.parentId)],
);

/** Named unit groups (“全区28家在线办事部门”). */
export const unitGroups = pgTable("unit_groups", {
  id: uuid("id").primaryKey().defaultRandom(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  description: text("description"),
  ownerUnitId: uuid("owner_unit_id").references(() => units.id),
  createdBy: uuid("created_by"),
  ...timestamps,
});

export const unitGroupMembers = pgTable(
  "unit_group_members",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => unitGroups.id, { onDelete: "cascade" }),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.unitId] })],
);

/** Roles: built-ins seeded from core; permissions and data scope editable. */
export const roles = pgTable("roles", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  permissions: jsonb("permissions").$type<string[]>().notNull(),
  dataScope: text("data_scope").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/** Units of a role's `custom` data scope. */
export const roleUnits = pgTable(
  "role_units",
  {
    roleCode: text("role_code")
      .notNull()
      .references(() => roles.code, { onDelete: "cascade" }),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.roleCode, t.unitId] })],
);

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  username: text("username").notNull().unique(),
  displayName: text("display_name").notNull(),
  unitId: uuid("unit_id")
    .notNull()
    .references(() => units.id),
  passwordHash: text("password_hash").notNull(),
  status: text("status").notNull().default("active"),
  phone: text("phone"),
  failedAttempts: integer("failed_attempts").notNull().default(0),
  lockedUntil: timestamp("locked_until", { withTimezone: true, mode: "date" }),
  mustChangePassword: boolean("must_change_password").notNull().default(false),
  passwordChangedAt: timestamp("password_changed_at", { withTimezone: true, mode: "date" }),
  lastLoginAt: timestamp("last_login_at", { withTimezone: true, mode: "date" }),
  lastLoginIp: text("last_login_ip"),
  createdBy: uuid("created_by"),
  ...timestamps,
});

export const userRoles = pgTable(
  "user_roles",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    roleCode: text("role_code")
      .notNull()
      .references(() => roles.code),
  },
  (t) => [primaryKey({ columns: [t.userId, t.roleCode] })],
);

/** Server-side sessions; the cookie carries a random token, the table only its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * The audit log: append-only (a trigger refuses UPDATE/DELETE/TRUNCATE) and
 * hash-chained: `hash` covers the record's content and `prevHash`.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name").notNull(),
    actorUnitId: uuid("actor_unit_id"),
    actorUnitName: text("actor_unit_name"),
    ip: text("ip"),
    action: text("action").notNull(),
    businessType: text("business_type").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    reason: text("reason"),
    algorithm: text("algorithm").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_entity_idx").on(t.entityType, t.entityId), index("audit_at_idx").on(t.at), index("audit_actor_idx").on(t.actorId)],
);

/** The chain's head, written in the same transaction as each record, so a removed last record is noticed. */
export const auditHead = pgTable("audit_head", {
  id: integer("id").primaryKey(),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: text("hash").notNull(),
});

/** Key-value settings the system keeps about itself (e.g. whether demo data was loaded). */
export const systemSettings = pgTable("system_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/**
 * Indicator frameworks (指标体系), one row per version. The indicator tree and
 * its rules live in `definition` (the core Framework contract, points as
 * decimal strings); a published version is frozen, edits make a new version.
 */
export const frameworks = pgTable(
  "frameworks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    version: integer("version").notNull(),
    name: text("name").notNull(),
    year: integer("year").notNull(),
    status: text("status").notNull().default("draft"),
    definition: jsonb("definition").notNull(),
    /** The built-in template it came from, if any. */
    templateCode: text("template_code"),
    createdBy: uuid("created_by"),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }),
    publishedBy: uuid("published_by"),
    ...timestamps,
  },
  (t) => [uniqueIndex("frameworks_code_version_idx").on(t.code, t.version), index("frameworks_status_idx").on(t.status)],
);
