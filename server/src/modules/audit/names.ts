import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../platform/db/client.ts";
import {
  appeals,
  campaigns,
  evidenceFiles,
  findings,
  frameworks,
  roles,
  serviceItems,
  unitGroups,
  units,
  users,
} from "../../platform/db/schema.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Names = Map<string, string>;

/** What a finding is called in the log: its unit, its notice number and the start of its description. */
function findingName(row: { unitName: string; noticeNo: string | null; description: string }): string {
  const text = row.description.length > 24 ? `${row.description.slice(0, 24)}…` : row.description;
  return [row.unitName, row.noticeNo, text].filter(Boolean).join(" ");
}

/** Keys made of ids ("campaignId:unitId[:fact]", a submission or a measurement): named by their campaign and unit. */
async function compositeNames(db: Db, keys: string[]): Promise<[string, string][]> {
  const parts = keys.map((key) => key.split(":"));
  const ids = [...new Set(parts.flatMap(([campaignId, unitId]) => [campaignId!, unitId!]))].filter((id) => UUID.test(id));
  if (!ids.length) return [];
  const [campaignRows, unitRows] = await Promise.all([
    db.select({ id: campaigns.id, name: campaigns.name }).from(campaigns).where(inArray(campaigns.id, ids)),
    db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ids)),
  ]);
  const names = new Map([...campaignRows, ...unitRows].map((r) => [r.id, r.name]));
  return keys.flatMap((key, i) => {
    const [campaignId, unitId, fact] = parts[i]!;
    const campaign = names.get(campaignId!);
    const unit = names.get(unitId!);
    return campaign && unit ? [[key, [campaign, unit, fact].filter(Boolean).join(" · ")] as [string, string]] : [];
  });
}

const NOT_UUID = new Set(["role", "submission", "measurement", "campaign_unit"]);

/**
 * How each entity type's ids become names, one query per type and page.
 * Entity types not listed (an import's summary, the guide settings) keep their id.
 */
const RESOLVERS: Record<string, (db: Db, ids: string[]) => Promise<[string, string][]>> = {
  unit: async (db, ids) =>
    (await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ids))).map((r) => [r.id, r.name]),
  unit_group: async (db, ids) =>
    (await db.select({ id: unitGroups.id, name: unitGroups.name }).from(unitGroups).where(inArray(unitGroups.id, ids))).map((r) => [
      r.id,
      r.name,
    ]),
  user: async (db, ids) =>
    (await db.select({ id: users.id, name: users.displayName, username: users.username }).from(users).where(inArray(users.id, ids))).map(
      (r) => [r.id, `${r.name}（${r.username}）`],
    ),
  framework: async (db, ids) =>
    (
      await db
        .select({ id: frameworks.id, name: frameworks.name, version: frameworks.version })
        .from(frameworks)
        .where(inArray(frameworks.id, ids))
    ).map((r) => [r.id, `${r.name} 第 ${r.version} 版`]),
  campaign: async (db, ids) =>
    (await db.select({ id: campaigns.id, name: campaigns.name }).from(campaigns).where(inArray(campaigns.id, ids))).map((r) => [
      r.id,
      r.name,
    ]),
  finding: async (db, ids) =>
    (
      await db
        .select({ id: findings.id, unitName: units.name, noticeNo: findings.noticeNo, description: findings.description })
        .from(findings)
        .innerJoin(units, eq(units.id, findings.unitId))
        .where(inArray(findings.id, ids))
    ).map((r) => [r.id, findingName(r)]),
  appeal: async (db, ids) =>
    (
      await db
        .select({ id: appeals.id, unitName: units.name, noticeNo: findings.noticeNo, description: findings.description })
        .from(appeals)
        .innerJoin(findings, eq(findings.id, appeals.findingId))
        .innerJoin(units, eq(units.id, appeals.unitId))
        .where(inArray(appeals.id, ids))
    ).map((r) => [r.id, `申诉：${findingName(r)}`]),
  evidence: async (db, ids) =>
    (
      await db
        .select({ id: evidenceFiles.id, fileName: evidenceFiles.fileName, unitName: units.name })
        .from(evidenceFiles)
        .innerJoin(units, eq(units.id, evidenceFiles.unitId))
        .where(inArray(evidenceFiles.id, ids))
    ).map((r) => [r.id, `${r.unitName} ${r.fileName}`]),
  role: async (db, codes) =>
    (await db.select({ code: roles.code, name: roles.name }).from(roles).where(inArray(roles.code, codes))).map((r) => [r.code, r.name]),
  submission: compositeNames,
  measurement: compositeNames,
  campaign_unit: compositeNames,
  service_item: async (db, ids) =>
    (await db.select({ id: serviceItems.id, name: serviceItems.name }).from(serviceItems).where(inArray(serviceItems.id, ids))).map((r) => [
      r.id,
      r.name,
    ]),
};

/**
 * The names of the objects a page of audit records is about (the campaign's
 * name, the unit's, a finding's notice number and description), keyed
 * "entityType:entityId". An object since deleted keeps its id in the log.
 */
export async function auditEntityNames(db: Db, records: { entityType: string; entityId: string | null }[]): Promise<Names> {
  const byType = new Map<string, Set<string>>();
  for (const { entityType, entityId } of records) {
    if (!entityId) continue;
    // A malformed id would fail the uuid column's cast; only roles are keyed by code and composites by several ids.
    if (!RESOLVERS[entityType] || (!NOT_UUID.has(entityType) && !UUID.test(entityId))) continue;
    byType.set(entityType, (byType.get(entityType) ?? new Set()).add(entityId));
  }
  const names: Names = new Map();
  await Promise.all(
    [...byType].map(async ([type, idSet]) => {
      const pairs = await RESOLVERS[type]!(db, [...idSet]);
      for (const [id, name] of pairs) names.set(`${type}:${id}`, name);
    }),
  );
  return names;
}
