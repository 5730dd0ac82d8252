import type { RoleCode, UnitKind } from "@kaoping/core";
import { eq, inArray } from "drizzle-orm";
import { generatePassword } from "../../platform/auth/password.ts";
import { systemSettings, unitGroupMembers, unitGroups, units } from "../../platform/db/schema.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { createGroup } from "../groups/commands.ts";
import { updateRole } from "../roles/commands.ts";
import { importUnits } from "../units/transfer.ts";
import { createUser } from "../users/commands.ts";
import { DEMO_FRAMEWORK, type DemoCampaignSummary, loadDemoCampaigns, publishBuiltinFrameworks } from "./demo-campaigns.ts";
import { loadDemoGuides } from "./demo-guides.ts";
import demo from "./demo-units.json" with { type: "json" };

const DEMO_KEY = "demo_loaded";

/** One demo account per role, in units named by the seeds (see docs/demo-data.md). */
export const DEMO_USERS: { username: string; displayName: string; unitCode: string; role: RoleCode }[] = [
  { username: "kpb", displayName: "考评办 王敏", unitCode: "310000-O01", role: "assessment_admin" },
  { username: "dangxiao", displayName: "市委党校评估组 李强", unitCode: "310000-E01", role: "reviewer" },
  { username: "cn_scjg_lly", displayName: "区市场监管局联络员 张伟", unitCode: "310105-D03", role: "unit_liaison" },
  { username: "cn_scjg_fzr", displayName: "区市场监管局负责人 陈静", unitCode: "310105-D03", role: "unit_leader" },
  { username: "viewer", displayName: "市领导查阅", unitCode: "310000-O01", role: "viewer" },
];

export async function isDemoLoaded(ctx: CommandContext): Promise<boolean> {
  const [row] = await ctx.tx.select().from(systemSettings).where(eq(systemSettings.key, DEMO_KEY));
  return !!row;
}

/** What the demo holds, for the start banner. */
export interface DemoSummary {
  units: number;
  groups: number;
  password: string;
  frameworks: number;
  campaigns: DemoCampaignSummary[];
  /** Service-guide versions imported. */
  guideVersions: number;
}

/**
 * Loads the seeds' organisations (Shanghai, Changning, Shuangyashan), their
 * groups, one account per role, the built-in frameworks (published), service
 * guides and two campaigns (last year's published, this year's in review),
 * through the same commands as the UI, so every record is audited. Returns
 * what it loaded and the shared demo password (shown once).
 */
export async function loadDemoData(ctx: CommandContext): Promise<DemoSummary> {
  const rows = demo.units.map((u, i) => ({
    row: i + 1,
    code: u.code,
    name: u.name,
    shortName: u.shortName,
    kind: u.kind as UnitKind,
    parentCode: u.parentCode,
    isReference: u.isReference,
    status: "active" as const,
    sortOrder: u.sortOrder,
  }));
  await importUnits({ ctx, rows, updateExisting: true, source: "demo-units.json", sheet: "demo-units.json" });
  const all = await ctx.tx.select({ id: units.id, code: units.code }).from(units);
  const idOf = new Map(all.map((u) => [u.code, u.id]));
  for (const g of demo.groups) {
    await createGroup({
      ctx,
      input: {
        code: g.code,
        name: g.name,
        description: g.description,
        ownerUnitId: idOf.get(g.ownerCode) ?? null,
        memberUnitIds: g.memberCodes.map((c) => idOf.get(c)!),
      },
    });
  }
  const assessed = await ctx.tx
    .select({ unitId: unitGroupMembers.unitId })
    .from(unitGroupMembers)
    .innerJoin(unitGroups, eq(unitGroups.id, unitGroupMembers.groupId))
    .where(inArray(unitGroups.code, ["SH-G-ASSESSED"]));
  await updateRole({ ctx, code: "reviewer", input: { scopeUnitIds: assessed.map((a) => a.unitId) } });
  const password = generatePassword(DEMO_USERS.map((u) => u.username));
  const userIds = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const user = await createUser({
      ctx,
      input: { username: u.username, displayName: u.displayName, unitId: idOf.get(u.unitCode)!, roleCodes: [u.role], password },
      mustChangePassword: false,
    });
    userIds.set(u.username, user.id);
  }
  const guideVersions = await loadDemoGuides(ctx);
  const frameworks = await publishBuiltinFrameworks(ctx);
  const reviewerIds = DEMO_USERS.filter((u) => u.role === "reviewer").map((u) => userIds.get(u.username)!);
  const campaigns = await loadDemoCampaigns(ctx, { frameworkId: frameworks.get(DEMO_FRAMEWORK)!, reviewerIds });
  await ctx.tx.insert(systemSettings).values({ key: DEMO_KEY, value: { at: new Date().toISOString() } });
  return { units: rows.length, groups: demo.groups.length, password, frameworks: frameworks.size, campaigns, guideVersions };
}
