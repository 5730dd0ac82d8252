import { type GuideChannel, type ServiceGuide, serviceGuideSchema } from "@kaoping/core";
import { inArray, sql } from "drizzle-orm";
import { serviceGuides, unitGroupMembers, unitGroups, units } from "../../platform/db/schema.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { importGuides } from "../guides/commands.ts";
import { type GuidePlace, generateGuide, placeGuide, sampleGuide } from "../guides/generate.ts";

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
 * A Changning department as the place of its guides: the district's division
 * code, a credit code of its own (机关 11 + 310105 + an organisation part,
 * check character computed), Shanghai's 021 numbers, the district's service
 * hall, the city's portal, and Shanghai's regulation where the Guangxi record
 * cites Guangxi's (docs/demo-data.md).
 */
export function changningPlace(unit: { name: string }, index: number): GuidePlace {
  const local = (n: number) => `2205${String(1000 + index * 10 + n).padStart(4, "0")}`;
  return {
    body: unit.name,
    regionCode: "310105",
    orgCode: `MB${String(2_000_000 + index)}`,
    level: "county",
    areaCode: "021",
    phones: [local(0), local(5)],
    address: "上海市长宁区长宁路599号长宁区行政服务中心一楼综合窗口",
    hours: "工作日：上午9:00-12:00、下午13:30-17:00",
    onlineUrl: "https://zwdt.sh.gov.cn/",
    wording: [
      ["《广西壮族自治区固定资产投资项目节能审查办法》（桂发改环资〔2017〕635号）", "《上海市固定资产投资项目节能审查实施办法》"],
      ["《广西壮族自治区固定资产投资项目节能审查办法》", "《上海市固定资产投资项目节能审查实施办法》"],
      ["广西壮族自治区", "上海市"],
      ["灵山县行政审批局", unit.name],
      ["灵山县", "长宁区"],
    ],
  };
}

/**
 * Service guides for the demo (docs/demo-data.md): three generated guides for
 * each of Changning's window departments (CN-G-WINDOW), imported a month ago,
 * half of them corrected since (a second version), so the department view has
 * a trend and the correction queue has closed defects; plus the previous
 * edition of the real provincial record in the market regulator (区市场监管局,
 * the demo liaison's unit) with a hall copy whose phone differs (the
 * consistency view). Every guide is placed in its department (changningPlace):
 * Shanghai codes, phones and legal bases, not the Guangxi record's.
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
  const places = new Map(members.map((unit, u) => [unit.id, changningPlace(unit, u)]));
  const planned = members.flatMap((unit, u) =>
    Array.from({ length: GUIDES_PER_UNIT }, (_, i) => ({ unit, i, n: u * GUIDES_PER_UNIT + i })),
  );
  // Placed in the department (its valid 实施编码: credit code, level 4, a 12-digit basic code of its
  // own), so the code checks pass and the defects shown are the planted ones.
  const make = (p: (typeof planned)[number], seed: number, maxDefects: number): ServiceGuide =>
    serviceGuideSchema.parse(
      placeGuide(
        {
          ...generateGuide(base, seed, maxDefects),
          name: ITEM_NAMES[p.n % ITEM_NAMES.length]!,
          basicCode: String(900_000_000_000 + p.n).slice(0, 12),
          source: "kaoping",
          unmappedCodes: {},
        },
        places.get(p.unit.id)!,
      ),
    );
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
  const edition12 = market && {
    ...placeGuide(base, places.get(market.id)!),
    version: "12",
    promisedLimit: { ...base.promisedLimit, days: 10 },
  };
  if (market && edition12) await load(market.id, [edition12]);
  // A month ago: the trend then has a before and an after.
  await ctx.tx.execute(sql`update ${serviceGuides} set created_at = now() - interval '30 days'`);
  const corrected = planned.filter((p) => p.n % 2 === 0).map((p) => ({ p, guide: make(p, p.n + 1000, 0) }));
  for (const unit of members) await load(unit.id, ofUnit(unit.id, corrected));
  if (market && edition12) await load(market.id, [{ ...edition12, consultationPhone: "021-22050000" }], "offline");
  return versions;
}
