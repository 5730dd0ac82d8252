import { type GuideChannel, type ServiceGuide, serviceGuideSchema } from "@kaoping/core";
import { inArray, sql } from "drizzle-orm";
import { serviceGuides, unitGroupMembers, unitGroups, units } from "../../platform/db/schema.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { importGuides } from "../guides/commands.ts";
import { generateGuide, sampleGuide } from "../guides/generate.ts";

/** Typical items of a district's window departments, named as on the portal. */
const ITEM_NAMES = [
  "食品经营许可",
  "公共场所卫生许可",
  "建设工程规划许可证核发",
  "企业投资项目备案",
  "社会团体成立登记",
  "户外广告设施设置审批",
  "特种设备使用登记",
  "医疗机构执业登记",
  "民办学校设立审批",
  "排水许可证核发",
];
const GUIDES_PER_UNIT = 3;

/**
 * Service guides for the demo (docs/demo-data.md): three generated guides for
 * each of Changning's window departments (CN-G-WINDOW), imported a month ago,
 * half of them corrected since (a second version), so the department view has
 * a trend and the correction queue has closed defects; plus the previous
 * edition of the real provincial record in the market regulator (区市场监管局,
 * the demo liaison's unit) with a hall copy whose phone differs (the
 * consistency view); importing the sample file then adds edition 13.
 * Imported unit by unit, as each department would upload its own.
 */
export async function loadDemoGuides(ctx: CommandContext): Promise<number> {
  const members = await ctx.tx
    .select({ id: units.id, code: units.code, name: units.name })
    .from(unitGroupMembers)
    .innerJoin(unitGroups, sql`${unitGroups.id} = ${unitGroupMembers.groupId}`)
    .innerJoin(units, sql`${units.id} = ${unitGroupMembers.unitId}`)
    .where(inArray(unitGroups.code, ["CN-G-WINDOW"]));
  const base = sampleGuide();
  const planned = members.flatMap((unit, u) =>
    Array.from({ length: GUIDES_PER_UNIT }, (_, i) => ({ unit, i, n: u * GUIDES_PER_UNIT + i })),
  );
  // A valid 实施编码 (the sample's credit code, level 4, a 12-digit basic code of its own), so the
  // code checks pass and the defects shown are the planted ones.
  const make = (p: (typeof planned)[number], seed: number, maxDefects: number): ServiceGuide =>
    serviceGuideSchema.parse({
      ...generateGuide(base, seed, maxDefects),
      name: ITEM_NAMES[p.n % ITEM_NAMES.length],
      implementationCode: `${base.bodyCode}4${String(900_000_000_000 + p.n).slice(0, 12)}`,
      basicCode: String(900_000_000_000 + p.n).slice(0, 12),
      implementingBody: p.unit.name,
      source: "kaoping",
      unmappedCodes: {},
    });
  let versions = 0;
  const load = async (unitId: string, guides: ServiceGuide[], channel: GuideChannel = "online") => {
    if (guides.length)
      versions += (await importGuides({ ctx, guides, channel, unitId, importedFrom: "demo", format: "kaoping" })).versionsCreated;
  };
  const ofUnit = (unitId: string, list: { p: (typeof planned)[number]; guide: ServiceGuide }[]) =>
    list.filter((g) => g.p.unit.id === unitId).map((g) => g.guide);
  const first = planned.map((p) => ({ p, guide: make(p, p.n, 4) }));
  for (const unit of members) await load(unit.id, ofUnit(unit.id, first));
  const market = members.find((m) => m.code === "310105-D03");
  // The record's previous edition (12: promised 10 working days); the real export is edition 13, so
  // importing the sample file makes version 2 of this item.
  const edition12 = { ...base, version: "12", promisedLimit: { ...base.promisedLimit, days: 10 } };
  if (market) await load(market.id, [edition12]);
  // A month ago: the trend then has a before and an after.
  await ctx.tx.execute(sql`update ${serviceGuides} set created_at = now() - interval '30 days'`);
  const corrected = planned.filter((p) => p.n % 2 === 0).map((p) => ({ p, guide: make(p, p.n + 1000, 0) }));
  for (const unit of members) await load(unit.id, ofUnit(unit.id, corrected));
  if (market) await load(market.id, [{ ...edition12, consultationPhone: "021-22050000" }], "offline");
  return versions;
}
