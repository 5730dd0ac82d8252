import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
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

/**
 * Campaigns (考核 / 评估). `definition` is the framework version frozen when
 * the campaign opens; `version` guards concurrent edits of the campaign row.
 */
export const campaigns = pgTable(
  "campaigns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    year: integer("year").notNull(),
    issuer: text("issuer"),
    status: text("status").notNull().default("draft"),
    frameworkId: uuid("framework_id")
      .notNull()
      .references(() => frameworks.id),
    frameworkCode: text("framework_code").notNull(),
    frameworkVersion: integer("framework_version").notNull(),
    definition: jsonb("definition").notNull(),
    phases: jsonb("phases").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true, mode: "date" }),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by"),
    ...timestamps,
  },
  (t) => [index("campaigns_framework_code_idx").on(t.frameworkCode), index("campaigns_status_idx").on(t.status)],
);

/** The assessed units, frozen: code, name and place in the tree as they were when the campaign opened. */
/** The campaign a row belongs to; it goes when the campaign (a draft) is deleted. */
const campaignRef = () =>
  uuid("campaign_id")
    .notNull()
    .references(() => campaigns.id, { onDelete: "cascade" });
/** The assessed unit a campaign row is about. */
const unitRef = () =>
  uuid("unit_id")
    .notNull()
    .references(() => units.id);

export const campaignUnits = pgTable(
  "campaign_units",
  {
    campaignId: campaignRef(),
    unitId: unitRef(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    shortName: text("short_name"),
    parentName: text("parent_name"),
    path: text("path").notNull(),
    category: text("category"),
    isReference: boolean("is_reference").notNull().default(false),
    sortOrder: integer("sort_order").notNull().default(0),
    /** The indicators the office chose for this unit (中省直单位 只考核“相关任务”); null = all its category allows. */
    indicatorCodes: jsonb("indicator_codes").$type<string[]>(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.unitId] }), index("campaign_units_unit_idx").on(t.unitId)],
);

/** Reviewers and third-party evaluators assigned to a campaign: they see it, and only it. */
export const campaignReviewers = pgTable(
  "campaign_reviewers",
  {
    campaignId: campaignRef(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.userId] }), index("campaign_reviewers_user_idx").on(t.userId)],
);

/** A unit's submission of its self-check reports: liaison submits, leader confirms (the seal), office may return it. */
export const submissions = pgTable(
  "submissions",
  {
    campaignId: campaignRef(),
    unitId: unitRef(),
    status: text("status").notNull().default("open"),
    submittedAt: timestamp("submitted_at", { withTimezone: true, mode: "date" }),
    submittedBy: uuid("submitted_by"),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true, mode: "date" }),
    confirmedBy: uuid("confirmed_by"),
    /** The first confirmation: what 迟报 is judged by (a return and re-confirmation does not make it late). */
    firstConfirmedAt: timestamp("first_confirmed_at", { withTimezone: true, mode: "date" }),
    seal: text("seal"),
    returnReason: text("return_reason"),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.unitId] })],
);

/** 自查报告: one per unit × indicator. */
export const selfAssessments = pgTable(
  "self_assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    campaignId: campaignRef(),
    unitId: unitRef(),
    indicatorCode: text("indicator_code").notNull(),
    completion: text("completion"),
    narrative: text("narrative").notNull().default(""),
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by"),
    ...timestamps,
  },
  (t) => [uniqueIndex("self_assessments_key_idx").on(t.campaignId, t.unitId, t.indicatorCode)],
);

/** 责任分解: an indicator's responsible unit (lead / co) with its milestone and reported progress. */
export const responsibilities = pgTable(
  "responsibilities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    campaignId: campaignRef(),
    indicatorCode: text("indicator_code").notNull(),
    unitId: unitRef(),
    role: text("role").notNull(),
    milestone: text("milestone"),
    dueDate: text("due_date"),
    status: text("status").notNull().default("not_started"),
    note: text("note").notNull().default(""),
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("responsibilities_key_idx").on(t.campaignId, t.indicatorCode, t.unitId),
    index("responsibilities_unit_idx").on(t.unitId),
  ],
);

/**
 * 佐证材料: files stored by SHA-256 outside the web root. Never overwritten: a
 * new upload of a file is a new row with `previousId` pointing at the old one.
 * `ownerType` is self_assessment | responsibility | finding | appeal.
 */
export const evidenceFiles = pgTable(
  "evidence_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    campaignId: campaignRef(),
    unitId: unitRef(),
    ownerType: text("owner_type").notNull(),
    ownerId: uuid("owner_id").notNull(),
    fileName: text("file_name").notNull(),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    mimeType: text("mime_type").notNull(),
    revision: integer("revision").notNull().default(1),
    previousId: uuid("previous_id"),
    supersededAt: timestamp("superseded_at", { withTimezone: true, mode: "date" }),
    uploadedBy: uuid("uploaded_by"),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("evidence_owner_idx").on(t.ownerType, t.ownerId), index("evidence_unit_idx").on(t.campaignId, t.unitId)],
);

/**
 * 附件 of a workflow step outside campaigns: a 差评 申诉 or 整改, a 督办 反馈. Uploaded first (owner
 * null, visible to its uploader only), then claimed by the step that cites it, in the step's own
 * transaction; a claimed file is never moved. Bytes live in the same content-addressed store as evidence.
 */
export const stepAttachments = pgTable(
  "step_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** bad_review_step | supervision_order_step; null until a step claims it. */
    ownerType: text("owner_type"),
    ownerId: uuid("owner_id"),
    fileName: text("file_name").notNull(),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    mimeType: text("mime_type").notNull(),
    /** null: the system (the demo's replayed steps). */
    uploadedBy: uuid("uploaded_by").references(() => users.id),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("step_attachments_owner_idx").on(t.ownerType, t.ownerId),
    index("step_attachments_uploader_idx").on(t.uploadedBy, t.uploadedAt),
  ],
);

/** 问题台账: a deduction, bonus or manual score recorded against a rule term. */
export const findings = pgTable(
  "findings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    campaignId: campaignRef(),
    unitId: unitRef(),
    indicatorCode: text("indicator_code").notNull(),
    ruleId: text("rule_id").notNull(),
    fact: text("fact"),
    sourceLevel: text("source_level"),
    count: integer("count").notNull().default(1),
    points: text("points"),
    /** 所涉内容/事项: what the finding is about, for rules that take the highest per subject (同一宣传内容取最高分). */
    subject: text("subject"),
    noticeNo: text("notice_no"),
    foundOn: text("found_on"),
    description: text("description").notNull(),
    status: text("status").notNull().default("draft"),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true, mode: "date" }),
    confirmedBy: uuid("confirmed_by"),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by"),
    ...timestamps,
  },
  (t) => [index("findings_campaign_unit_idx").on(t.campaignId, t.unitId), index("findings_status_idx").on(t.campaignId, t.status)],
);

/** 测评数据: a measured value (rate, external rank or score, flag) per unit and fact. */
export const measurements = pgTable(
  "measurements",
  {
    campaignId: campaignRef(),
    unitId: unitRef(),
    fact: text("fact").notNull(),
    value: jsonb("value").$type<number | boolean>().notNull(),
    note: text("note"),
    updatedBy: uuid("updated_by"),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.unitId, t.fact] })],
);

/** 申诉 against one finding. */
export const appeals = pgTable(
  "appeals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    campaignId: campaignRef(),
    findingId: uuid("finding_id")
      .notNull()
      .references(() => findings.id),
    unitId: unitRef(),
    reason: text("reason").notNull(),
    status: text("status").notNull().default("pending"),
    decidedBy: uuid("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }),
    decisionReason: text("decision_reason"),
    createdBy: uuid("created_by"),
    ...timestamps,
  },
  (t) => [index("appeals_campaign_idx").on(t.campaignId), index("appeals_finding_idx").on(t.findingId)],
);

/** Published results, one row per version; never updated. `result` is the engine's ScoreResult plus fact sources. */
export const publications = pgTable(
  "publications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    campaignId: campaignRef(),
    version: integer("version").notNull(),
    result: jsonb("result").notNull(),
    reason: text("reason"),
    publishedBy: uuid("published_by"),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("publications_version_idx").on(t.campaignId, t.version)],
);

/** In-app notifications (reminders, returns, appeal decisions), one row per recipient. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    campaignId: uuid("campaign_id").references(() => campaigns.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    link: text("link"),
    readAt: timestamp("read_at", { withTimezone: true, mode: "date" }),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.readAt)],
);

/**
 * Code lists of guide sources (事项类型, 办件类型, 材料必要性 … per province) as
 * mapping tables: `value` is what the code means in the normalised model (a
 * string, a list, or a number for 网办深度). Seeded from core's tables, editable.
 */
export const guideCodeMaps = pgTable(
  "guide_code_maps",
  {
    source: text("source").notNull(),
    list: text("list").notNull(),
    code: text("code").notNull(),
    value: jsonb("value").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.source, t.list, t.code] })],
);

/**
 * 政务服务事项: keyed by its 实施编码. `unitId` is the implementing department
 * (owner of procedural elements); `lineUnitId` the city's line department that
 * owns the substantive elements (seed 002), when the office has set it.
 */
export const serviceItems = pgTable(
  "service_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    itemType: text("item_type"),
    unitId: unitRef(),
    lineUnitId: uuid("line_unit_id").references(() => units.id),
    createdBy: uuid("created_by"),
    ...timestamps,
  },
  (t) => [index("service_items_unit_idx").on(t.unitId)],
);

/**
 * 办事指南, one row per published version and channel (online = the portal,
 * offline = the hall's printed guide). Never updated but for link results:
 * a republished guide is the next version. `result` is the checker's
 * GuideResult at import; accuracy is computed on read (weights are settings).
 */
export const serviceGuides = pgTable(
  "service_guides",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => serviceItems.id, { onDelete: "cascade" }),
    channel: text("channel").notNull().default("online"),
    version: integer("version").notNull(),
    guide: jsonb("guide").notNull(),
    contentHash: text("content_hash").notNull(),
    result: jsonb("result").notNull(),
    linkFindings: jsonb("link_findings"),
    linksCheckedAt: timestamp("links_checked_at", { withTimezone: true, mode: "date" }),
    importedFrom: text("imported_from").notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("service_guides_version_idx").on(t.itemId, t.channel, t.version),
    index("service_guides_created_idx").on(t.createdAt),
  ],
);

/** A defect found in a guide, routed to the unit owning its element; closed by a later version that passes. */
export const guideDefects = pgTable(
  "guide_defects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => serviceItems.id, { onDelete: "cascade" }),
    channel: text("channel").notNull(),
    guideId: uuid("guide_id")
      .notNull()
      .references(() => serviceGuides.id, { onDelete: "cascade" }),
    checkId: text("check_id").notNull(),
    element: text("element").notNull(),
    severity: text("severity").notNull(),
    path: text("path").notNull(),
    detail: text("detail"),
    ownership: text("ownership").notNull(),
    ownerUnitId: uuid("owner_unit_id")
      .notNull()
      .references(() => units.id),
    status: text("status").notNull().default("open"),
    closedGuideId: uuid("closed_guide_id").references(() => serviceGuides.id, { onDelete: "set null" }),
    closedAt: timestamp("closed_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("guide_defects_owner_idx").on(t.ownerUnitId, t.status),
    index("guide_defects_item_idx").on(t.itemId, t.channel, t.status),
    // One open defect per finding place: a recheck that finds it again keeps the one already routed.
    uniqueIndex("guide_defects_open_idx").on(t.itemId, t.channel, t.checkId, t.path).where(sql`status = 'open'`),
  ],
);

/** 确认书: a department confirms its guides are corrected. */
export const guideConfirmations = pgTable(
  "guide_confirmations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: unitRef(),
    note: text("note").notNull().default(""),
    closedDefects: integer("closed_defects").notNull(),
    confirmedBy: uuid("confirmed_by").notNull(),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("guide_confirmations_unit_idx").on(t.unitId)],
);

/** 找茬: a problem with a guide reported by anyone, without logging in; triaged by the office. */
export const guideFaultReports = pgTable(
  "guide_fault_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id").references(() => serviceItems.id, { onDelete: "set null" }),
    itemName: text("item_name").notNull(),
    element: text("element"),
    description: text("description").notNull(),
    contact: text("contact"),
    /** SHA-256 of the reporter's IP with a server secret: enough to throttle, not to identify. */
    ipHash: text("ip_hash").notNull(),
    status: text("status").notNull().default("new"),
    triageNote: text("triage_note"),
    triagedBy: uuid("triaged_by"),
    triagedAt: timestamp("triaged_at", { withTimezone: true, mode: "date" }),
    defectId: uuid("defect_id").references(() => guideDefects.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("guide_fault_reports_ip_idx").on(t.ipHash, t.createdAt), index("guide_fault_reports_status_idx").on(t.status, t.createdAt)],
);

/**
 * 工作日历: the days that differ from Monday–Friday (调休: weekday holidays and weekend make-up
 * working days) per region; "" is the nationwide calendar a region's own days add to. Owned by the
 * office: seeded from chinese-days, edited in the UI, imported from Excel when a notice is published.
 */
export const calendarDays = pgTable(
  "calendar_days",
  {
    regionCode: text("region_code").notNull().default(""),
    date: date("date", { mode: "string" }).notNull(),
    kind: text("kind").notNull(),
    name: text("name"),
    source: text("source").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.date] })],
);

/** The years whose holiday notice the calendar holds: outside them a limit is 时限无法计算. */
export const calendarYears = pgTable(
  "calendar_years",
  {
    regionCode: text("region_code").notNull().default(""),
    year: integer("year").notNull(),
    source: text("source").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.year] })],
);

/**
 * A source of bulk data (an acceptance platform's export) and its column mapping, kept as data
 * like the guide code tables: { kind, columns: { canonical: sourceHeader }, values: { column: { sourceValue: canonical } } }.
 */
export const ingestSources = pgTable("ingest_sources", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  kind: text("kind").notNull(),
  mapping: jsonb("mapping").notNull(),
  ...timestamps,
});

/**
 * A bulk import run as a background job. Progress is written per committed batch, so a killed
 * server leaves `committedRows` true: the rerun skips what was committed and nothing is doubled.
 */
export const ingestJobs = pgTable(
  "ingest_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    sourceCode: text("source_code").notNull(),
    fileName: text("file_name").notNull(),
    storageKey: text("storage_key").notNull(),
    fileSha256: text("file_sha256").notNull(),
    bytesTotal: bigint("bytes_total", { mode: "number" }).notNull(),
    status: text("status").notNull().default("queued"),
    rowsRead: integer("rows_read").notNull().default(0),
    rowsAccepted: integer("rows_accepted").notNull().default(0),
    rowsQuarantined: integer("rows_quarantined").notNull().default(0),
    committedRows: integer("committed_rows").notNull().default(0),
    bytesRead: bigint("bytes_read", { mode: "number" }).notNull().default(0),
    error: jsonb("error"),
    cancelRequested: boolean("cancel_requested").notNull().default(false),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true, mode: "date" }),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("ingest_jobs_status_idx").on(t.status, t.createdAt)],
);

/**
 * A calendar change's clocks, re-derived in the background when they are too many for the request
 * (modules/cases/rederive.ts): the cases of `regionCode` ("" = every region) whose span touches
 * [fromDate, toDate], and those 时限无法计算. `afterKey` is the last case done: a killed job resumes there.
 */
export const caseRederiveJobs = pgTable(
  "case_rederive_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: text("region_code").notNull(),
    fromDate: date("from_date", { mode: "string" }).notNull(),
    toDate: date("to_date", { mode: "string" }).notNull(),
    /** What changed, for the screen: “2025-06-03 设为休息日”. */
    reason: text("reason").notNull(),
    status: text("status").notNull().default("queued"),
    /** Cases to derive again, counted when the job starts; done so far. */
    total: integer("total"),
    done: integer("done").notNull().default(0),
    afterKey: jsonb("after_key").$type<{ regionCode: string; sourceCode: string; caseNo: string }>(),
    /** Failed runs so far: queued again until the third. */
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true, mode: "date" }),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("case_rederive_jobs_status_idx").on(t.status, t.createdAt)],
);

/** Rows refused by the ingest, with their reasons, counted against the unit that sent them. */
export const ingestQuarantine = pgTable(
  "ingest_quarantine",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => ingestJobs.id, { onDelete: "cascade" }),
    line: integer("line").notNull(),
    unitCode: text("unit_code"),
    unitId: uuid("unit_id"),
    raw: jsonb("raw").notNull(),
    reasons: jsonb("reasons").notNull(),
  },
  (t) => [uniqueIndex("ingest_quarantine_line_idx").on(t.jobId, t.line), index("ingest_quarantine_unit_idx").on(t.unitId)],
);

/**
 * 办件. Keyed by region + source + case number so re-ingesting updates, and so the same keys
 * distribute on Citus by region (docs/cases.md). No applicant identity in clear: a keyed hash
 * for de-duplication and a masked form at most (个人信息保护法, minimum necessary).
 */
export const cases = pgTable(
  "cases",
  {
    regionCode: text("region_code").notNull(),
    sourceCode: text("source_code").notNull(),
    caseNo: text("case_no").notNull(),
    unitId: uuid("unit_id").notNull(),
    itemCode: text("item_code").notNull(),
    itemId: uuid("item_id"),
    itemVersion: text("item_version"),
    situation: text("situation"),
    applicantType: text("applicant_type"),
    applicantHash: text("applicant_hash"),
    applicantMasked: text("applicant_masked"),
    channel: text("channel").notNull(),
    caseType: text("case_type").notNull(),
    appliedAt: timestamp("applied_at", { withTimezone: true, mode: "date" }),
    acceptedAt: timestamp("accepted_at", { withTimezone: true, mode: "date" }).notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true, mode: "date" }),
    result: text("result"),
    /** Days, in half-day steps (0.5 = 半个工作日, counted in office hours). */
    legalLimit: numeric("legal_limit", { precision: 6, scale: 1, mode: "number" }),
    legalLimitUnit: text("legal_limit_unit"),
    promisedLimit: numeric("promised_limit", { precision: 6, scale: 1, mode: "number" }),
    promisedLimitUnit: text("promised_limit_unit"),
    visits: integer("visits"),
    materialsReused: boolean("materials_reused"),
    fee: numeric("fee", { precision: 14, scale: 2 }),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true, mode: "date" }),
    /** The clock, computed at ingest: working (or natural) days used, paused days excluded; null while open or 时限无法计算. */
    elapsedDays: integer("elapsed_days"),
    dueAt: timestamp("due_at", { withTimezone: true, mode: "date" }),
    /** Data-quality issues found at ingest (QUALITY_ISSUE codes). */
    quality: jsonb("quality").$type<string[]>(),
    jobId: uuid("job_id"),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.sourceCode, t.caseNo] }),
    index("cases_unit_accepted_idx").on(t.unitId, t.acceptedAt),
    // 超期未办结 is counted from the open cases at query time (it moves with the clock, not at ingest):
    // this index holds only them, with their due instant, so the count is an index-only scan of the
    // few open cases, never a read of a period's all.
    index("cases_open_unit_accepted_idx").on(t.unitId, t.acceptedAt, t.dueAt).where(sql`${t.completedAt} is null`),
    index("cases_item_idx").on(t.itemCode),
    // An events file names its case by source and number (the region optional): the ingest's lookup.
    index("cases_source_case_no_idx").on(t.sourceCode, t.caseNo),
    // A rating names its case by region and number, whatever source sent the case: the ratings
    // ingest's link (without it each batch would read the whole case store).
    index("cases_case_no_region_idx").on(t.caseNo, t.regionCode),
    // The warning rules' change cursor reads the cases written since it, in commit order.
    index("cases_updated_idx").on(t.updatedAt, t.regionCode, t.sourceCode, t.caseNo),
  ],
);

/** A case's process (受理, 审查, 补正 …), in order; re-ingested events replace the case's events. */
export const caseEvents = pgTable(
  "case_events",
  {
    regionCode: text("region_code").notNull(),
    sourceCode: text("source_code").notNull(),
    caseNo: text("case_no").notNull(),
    seq: integer("seq").notNull(),
    kind: text("kind").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    endAt: timestamp("end_at", { withTimezone: true, mode: "date" }),
    handler: text("handler"),
    signKeyId: text("sign_key_id"),
    /** The ingest job that wrote the event: a job replaces a case's events from other jobs, and keeps its own across batches. */
    jobId: uuid("job_id"),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.sourceCode, t.caseNo, t.seq] }),
    // A case's pauses (补正, 特别程序) without reading its other events: the clock's pauses, the rollups'
    // 补正 count and an events batch's cases to re-derive probe it case by case. Through the primary
    // key each probe read every event of the case from the table to check its kind.
    index("case_events_pause_idx").on(t.regionCode, t.sourceCode, t.caseNo).where(sql`${t.kind} in ('correction', 'special')`),
  ],
);

/**
 * Daily rollups kept at ingest (a case's old contribution subtracted, its new one added, in the
 * batch's transaction): metrics read these, never the cases. One row per unit, item, channel,
 * case type and day of acceptance; counters are sums so any period and subtree adds up.
 */
/** The rollup columns: the case's dimensions and the counters every 办件 metric is computed from. */
const caseRollupColumns = () => ({
  regionCode: text("region_code").notNull(),
  unitId: uuid("unit_id").notNull(),
  itemCode: text("item_code").notNull(),
  channel: text("channel").notNull(),
  caseType: text("case_type").notNull(),
  day: date("day", { mode: "string" }).notNull(),
  accepted: integer("accepted").notNull().default(0),
  /** 网上受理: online or mobile channel. */
  onlineAccepted: integer("online_accepted").notNull().default(0),
  /** 全程网办: online channel and no in-person visit. */
  fullyOnline: integer("fully_online").notNull().default(0),
  instant: integer("instant").notNull().default(0),
  completed: integer("completed").notNull().default(0),
  completedOnTime: integer("completed_on_time").notNull().default(0),
  completedLate: integer("completed_late").notNull().default(0),
  /** Completed cases whose clock could be computed, and the days they used. */
  clocked: integer("clocked").notNull().default(0),
  elapsedDaysSum: bigint("elapsed_days_sum", { mode: "number" }).notNull().default(0),
  /** Clocked cases with a promised limit, and Σ elapsed ÷ promised (实际办理时间 ÷ 承诺时限). */
  promisedClocked: integer("promised_clocked").notNull().default(0),
  elapsedToPromisedSum: numeric("elapsed_to_promised_sum", { precision: 18, scale: 6 }).notNull().default("0"),
  /** Cases with both limits, and their sums (承诺时限压缩比 = (Σ法定 − Σ承诺) ÷ Σ法定). */
  limited: integer("limited").notNull().default(0),
  legalDaysSum: numeric("legal_days_sum", { precision: 16, scale: 1, mode: "number" }).notNull().default(0),
  promisedDaysSum: numeric("promised_days_sum", { precision: 16, scale: 1, mode: "number" }).notNull().default(0),
  visitsCounted: integer("visits_counted").notNull().default(0),
  visitsSum: bigint("visits_sum", { mode: "number" }).notNull().default(0),
  zeroVisit: integer("zero_visit").notNull().default(0),
  atMostOneVisit: integer("at_most_one_visit").notNull().default(0),
  /** Cases that went through 补正 (一次办结率 counts the others). */
  corrected: integer("corrected").notNull().default(0),
  materialsReused: integer("materials_reused").notNull().default(0),
  /** Cases with at least one data-quality issue, and per issue. */
  qualityDefective: integer("quality_defective").notNull().default(0),
  unknownItem: integer("unknown_item").notNull().default(0),
  missingOptional: integer("missing_optional").notNull().default(0),
  lateUpload: integer("late_upload").notNull().default(0),
  limitUnknown: integer("limit_unknown").notNull().default(0),
});

export const caseRollups = pgTable("case_rollups", caseRollupColumns(), (t) => [
  primaryKey({ columns: [t.regionCode, t.unitId, t.itemCode, t.channel, t.caseType, t.day] }),
  index("case_rollups_unit_day_idx").on(t.unitId, t.day),
]);

/**
 * The same counters by month (`day` = the month's first day), kept beside the daily ones at ingest:
 * a district's year sums a few hundred thousand rows instead of millions (docs/performance.md,
 * bench:case-metrics). Queries read whole months here and the days at a period's ends there.
 */
export const caseRollupsMonthly = pgTable("case_rollups_monthly", caseRollupColumns(), (t) => [
  primaryKey({ columns: [t.regionCode, t.unitId, t.itemCode, t.channel, t.caseType, t.day] }),
  index("case_rollups_monthly_unit_day_idx").on(t.unitId, t.day),
]);

/**
 * 电子监察's warning rules, one row per version (the set as a whole: what was in force when a
 * warning was raised stays readable). No row yet: the defaults of core's DEFAULT_WARNING_RULES.
 */
export const warningRuleSets = pgTable("warning_rule_sets", {
  version: integer("version").primaryKey(),
  rules: jsonb("rules").notNull(),
  /** 黄牌 / 红牌 thresholds (core's CardThresholds); null: the defaults. */
  cards: jsonb("cards"),
  note: text("note").notNull().default(""),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/**
 * The warning ledger (预警台账): what the rules raised on the case store, one row per case and rule
 * (the key makes a re-evaluation raise nothing twice). Keyed like the case, so it co-locates with
 * it on a distributed store (docs/cases.md, scale-out).
 */
export const warnings = pgTable(
  "warnings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: text("region_code").notNull(),
    sourceCode: text("source_code").notNull(),
    caseNo: text("case_no").notNull(),
    unitId: uuid("unit_id").notNull(),
    itemCode: text("item_code").notNull(),
    ruleId: text("rule_id").notNull(),
    ruleKind: text("rule_kind").notNull(),
    ruleName: text("rule_name").notNull(),
    severity: text("severity").notNull(),
    ruleVersion: integer("rule_version").notNull(),
    /** When the condition arose (the due instant for 超期 …). */
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    raisedAt: timestamp("raised_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    explanation: text("explanation").notNull(),
    facts: jsonb("facts").notNull(),
  },
  (t) => [
    uniqueIndex("warnings_case_rule_idx").on(t.regionCode, t.sourceCode, t.caseNo, t.ruleId),
    index("warnings_unit_at_idx").on(t.unitId, t.at),
  ],
);

/**
 * 督办单: the office's order to a unit about one warning, with its deadline on the working-day
 * clock. `firstDueAt` is the 规定时间 a reply is judged against; `dueAt` moves with each 催办.
 */
export const supervisionOrders = pgTable(
  "supervision_orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderNo: text("order_no").notNull().unique(),
    warningId: uuid("warning_id")
      .notNull()
      .unique()
      .references(() => warnings.id),
    unitId: uuid("unit_id").notNull(),
    status: text("status").notNull(),
    instruction: text("instruction").notNull(),
    replyDays: integer("reply_days").notNull(),
    firstDueAt: timestamp("first_due_at", { withTimezone: true, mode: "date" }).notNull(),
    dueAt: timestamp("due_at", { withTimezone: true, mode: "date" }).notNull(),
    urgeCount: integer("urge_count").notNull().default(0),
    issuedBy: uuid("issued_by").references(() => users.id),
    issuedAt: timestamp("issued_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** The first reply, and whether it came after firstDueAt (seed 004 四.3: 没在规定时间内回复). */
    repliedAt: timestamp("replied_at", { withTimezone: true, mode: "date" }),
    isReplyLate: boolean("is_reply_late"),
    closedAt: timestamp("closed_at", { withTimezone: true, mode: "date" }),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("supervision_orders_unit_idx").on(t.unitId, t.issuedAt), index("supervision_orders_due_idx").on(t.status, t.dueAt)],
);

/** An order's timeline: who did what when (the system for 催办 and 升级), with the deadline it set. */
export const supervisionOrderSteps = pgTable(
  "supervision_order_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => supervisionOrders.id),
    kind: text("kind").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    actorId: uuid("actor_id").references(() => users.id),
    text: text("text").notNull().default(""),
    dueAt: timestamp("due_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("supervision_order_steps_order_idx").on(t.orderId, t.at)],
);

/** 月份运行情况通报, one row per published version of a month: its content frozen (core's BulletinContent). */
export const supervisionBulletins = pgTable(
  "supervision_bulletins",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    month: text("month").notNull(),
    version: integer("version").notNull(),
    content: jsonb("content").notNull(),
    publishedBy: uuid("published_by").references(() => users.id),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("supervision_bulletins_month_version_idx").on(t.month, t.version)],
);

/**
 * 审批人员电子密钥: the signing keys a unit registered, each with its approver and the dates it may
 * sign (签章异常 compares a decision's key with them). A changed approver ends the old key's
 * validity or revokes it; the row stays, so past decisions are still judged against it.
 */
export const signingKeys = pgTable(
  "signing_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    keyId: text("key_id").notNull(),
    approver: text("approver").notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("signing_keys_unit_key_idx").on(t.unitId, t.keyId, t.validFrom)],
);

/**
 * 效能投诉 / 媒体曝光 register (core/src/supervision/complaints.ts): each record of a unit with its
 * date, source and what checking it found; the office keeps it, campaigns count the substantiated.
 */
export const supervisionComplaints = pgTable(
  "supervision_complaints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    kind: text("kind").notNull(),
    occurredOn: date("occurred_on", { mode: "string" }).notNull(),
    title: text("title").notNull(),
    source: text("source").notNull().default(""),
    finding: text("finding").notNull().default("pending"),
    note: text("note").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("supervision_complaints_unit_on_idx").on(t.unitId, t.occurredOn)],
);

/**
 * 好差评 ratings: imported from the provincial system (ingest kind `ratings`) or given on Kaoping's
 * public page. One row per rating, keyed by its source and number (a re-sent file overwrites, never
 * doubles). The rater is kept only as a keyed hash and a mask (个人信息保护法); the text stays, for 核实.
 */
export const ratings = pgTable(
  "ratings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sourceCode: text("source_code").notNull(),
    ratingNo: text("rating_no").notNull(),
    origin: text("origin").notNull().default("import"),
    kind: text("kind").notNull().default("first"),
    regionCode: text("region_code").notNull(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    itemCode: text("item_code"),
    caseNo: text("case_no"),
    /** The case is in the case store (same region and number, any source) when the rating arrived. */
    caseKnown: boolean("case_known").notNull().default(false),
    channel: text("channel").notNull(),
    level: integer("level").notNull(),
    tags: jsonb("tags").$type<string[]>().notNull().default([]),
    content: text("content"),
    ratedAt: timestamp("rated_at", { withTimezone: true, mode: "date" }).notNull(),
    isDefault: boolean("is_default").notNull().default(false),
    raterHash: text("rater_hash"),
    raterMasked: text("rater_masked"),
    jobId: uuid("job_id"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("ratings_source_no_idx").on(t.sourceCode, t.ratingNo),
    index("ratings_unit_rated_idx").on(t.unitId, t.ratedAt),
    index("ratings_case_idx").on(t.regionCode, t.caseNo),
  ],
);

/**
 * Rating counters kept at ingest per unit, item ('' when the rating names none), channel and day of
 * rating (China time): the dashboard sums these, never the ratings. Monthly beside daily, as for cases.
 */
const ratingRollupColumns = () => ({
  regionCode: text("region_code").notNull(),
  unitId: uuid("unit_id").notNull(),
  itemCode: text("item_code").notNull(),
  channel: text("channel").notNull(),
  day: date("day", { mode: "string" }).notNull(),
  /** Active first ratings (not 默认评价) by level. */
  level1: integer("level1").notNull().default(0),
  level2: integer("level2").notNull().default(0),
  level3: integer("level3").notNull().default(0),
  level4: integer("level4").notNull().default(0),
  level5: integer("level5").notNull().default(0),
  defaults: integer("defaults").notNull().default(0),
  followUps: integer("follow_ups").notNull().default(0),
  followUpsBad: integer("follow_ups_bad").notNull().default(0),
  /** Of the active bad first ratings (levels 1–2), those whose review the office voided (申诉成立): 不计入统计. */
  voided: integer("voided").notNull().default(0),
});

export const ratingRollups = pgTable("rating_rollups", ratingRollupColumns(), (t) => [
  primaryKey({ columns: [t.regionCode, t.unitId, t.itemCode, t.channel, t.day] }),
  index("rating_rollups_unit_day_idx").on(t.unitId, t.day),
]);

export const ratingRollupsMonthly = pgTable("rating_rollups_monthly", ratingRollupColumns(), (t) => [
  primaryKey({ columns: [t.regionCode, t.unitId, t.itemCode, t.channel, t.day] }),
  index("rating_rollups_monthly_unit_day_idx").on(t.unitId, t.day),
]);

/**
 * The bad-review loop (差评核实整改, core/src/ratings/loop.ts): one row per bad first rating, with each
 * step's instant and deadline. `version` is bumped by every step (a stale step is refused).
 */
export const badReviews = pgTable(
  "bad_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ratingId: uuid("rating_id")
      .notNull()
      .unique()
      .references(() => ratings.id),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    regionCode: text("region_code").notNull(),
    status: text("status").notNull().default("verifying"),
    version: integer("version").notNull().default(0),
    openedAt: timestamp("opened_at", { withTimezone: true, mode: "date" }).notNull(),
    /** Null: the calendar lacked the year (时限无法计算). */
    verifyDueAt: timestamp("verify_due_at", { withTimezone: true, mode: "date" }),
    respondedAt: timestamp("responded_at", { withTimezone: true, mode: "date" }),
    appealKind: text("appeal_kind"),
    appealReason: text("appeal_reason"),
    appealedAt: timestamp("appealed_at", { withTimezone: true, mode: "date" }),
    decideDueAt: timestamp("decide_due_at", { withTimezone: true, mode: "date" }),
    decision: text("decision"),
    decisionReason: text("decision_reason"),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true, mode: "date" }),
    rectifyDueAt: timestamp("rectify_due_at", { withTimezone: true, mode: "date" }),
    rectifiedAt: timestamp("rectified_at", { withTimezone: true, mode: "date" }),
    rectifyResult: text("rectify_result"),
    revisitedAt: timestamp("revisited_at", { withTimezone: true, mode: "date" }),
    followUpRatingId: uuid("follow_up_rating_id").references(() => ratings.id),
    followUpLevel: integer("follow_up_level"),
    closedAt: timestamp("closed_at", { withTimezone: true, mode: "date" }),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("bad_reviews_unit_opened_idx").on(t.unitId, t.openedAt), index("bad_reviews_status_idx").on(t.status)],
);

/** A bad review's timeline: each step, who took it (null: the system) and their note. */
export const badReviewSteps = pgTable(
  "bad_review_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reviewId: uuid("review_id")
      .notNull()
      .references(() => badReviews.id),
    step: text("step").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    actorId: uuid("actor_id").references(() => users.id),
    note: text("note"),
  },
  (t) => [index("bad_review_steps_review_idx").on(t.reviewId, t.at)],
);

/** A region's bad-review deadlines in working days; no row: core's REVIEW_DEFAULTS. */
export const ratingLoopSettings = pgTable("rating_loop_settings", {
  regionCode: text("region_code").primaryKey(),
  verifyDays: integer("verify_days").notNull(),
  rectifyDays: integer("rectify_days").notNull(),
  decideDays: integer("decide_days").notNull(),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/**
 * 接通率抽查: a round of calls by the office at one level (district, city, province) over some days.
 * Its sample is drawn once, at creation (core/src/hotline/sampling.ts, seeded by the round's id).
 */
export const hotlineRounds = pgTable(
  "hotline_rounds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    level: text("level").notNull(),
    fromDate: date("from_date", { mode: "string" }).notNull(),
    toDate: date("to_date", { mode: "string" }).notNull(),
    status: text("status").notNull().default("running"),
    /** The sample rule it was drawn with: { numbersPerUnit, callsPerNumber, kinds, unitIds }. */
    rule: jsonb("rule").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("hotline_rounds_level_idx").on(t.level, t.fromDate)],
);

/** One planned call of a round: the number (from a guide), its unit, its checker, and once rung its outcome. */
export const hotlineCalls = pgTable(
  "hotline_calls",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roundId: uuid("round_id")
      .notNull()
      .references(() => hotlineRounds.id, { onDelete: "cascade" }),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    itemId: uuid("item_id").references(() => serviceItems.id, { onDelete: "set null" }),
    itemCode: text("item_code").notNull(),
    guideId: uuid("guide_id").references(() => serviceGuides.id, { onDelete: "set null" }),
    phone: text("phone").notNull(),
    kind: text("kind").notNull(),
    plannedAt: timestamp("planned_at", { withTimezone: true, mode: "date" }).notNull(),
    checkerId: uuid("checker_id")
      .notNull()
      .references(() => users.id),
    outcome: text("outcome"),
    secondsToAnswer: integer("seconds_to_answer"),
    note: text("note"),
    calledAt: timestamp("called_at", { withTimezone: true, mode: "date" }),
    version: integer("version").notNull().default(0),
    /** The guide defect a dead number filed (电话准确性). */
    defectId: uuid("defect_id").references(() => guideDefects.id, { onDelete: "set null" }),
  },
  (t) => [
    index("hotline_calls_round_idx").on(t.roundId, t.unitId),
    index("hotline_calls_checker_idx").on(t.checkerId, t.plannedAt),
    index("hotline_calls_unit_idx").on(t.unitId),
  ],
);
