/**
 * Synthetic 好差评 exports for the benchmark and the demo: ratings of the given units' cases, in the
 * default source's Chinese headers, seeded (the same file for the same seed). Levels, channels and
 * 默认评价 in the proportions of published provincial figures (most ratings 非常满意, a few per cent
 * bad, a large share default); `problemRate` of the rows carry a level the mapping cannot read.
 */
import fs from "node:fs";
import { RATING_COLUMNS, seededRandom } from "@kaoping/core";
import { chunkedWriter, csvLine, formatCst, pickWeighted } from "../cases/generator.ts";

export interface RatingGeneratorOptions {
  seed: number;
  count: number;
  units: readonly { code: string; regionCode: string; itemCodes: readonly string[] }[];
  /** Epoch ms range of the rating times. */
  from: number;
  to: number;
  /** The case a rating is of, by its index (null: a rating not tied to a case number). */
  caseNoOf: (index: number, random: () => number) => string | null;
  ratingNoPrefix: string;
  problemRate?: number;
}

const LEVELS = [
  ["非常满意", 0.82],
  ["满意", 0.1],
  ["基本满意", 0.04],
  ["不满意", 0.02],
  ["非常不满意", 0.02],
] as const;
const CHANNELS = [
  ["窗口", 0.45],
  ["网上", 0.3],
  ["移动端", 0.2],
  ["自助终端", 0.05],
] as const;
const GOOD_TAGS = ["办事效率高", "服务态度好", "一次办成", "材料精简"];
const BAD_TAGS = ["等待时间长", "多次跑动", "态度不好", "材料反复提交"];

/** What a generated rating is of: its unit, case and item, and when it was given. */
export interface RatedCase {
  unitCode: string;
  regionCode: string;
  caseNo: string | null;
  itemCode: string | null;
  ratedAt: number;
}

/**
 * One rating row (RATING_COLUMNS order) of a case, its level, channel and 默认评价 drawn from `random`;
 * or, with `followUp`, the applicant's 追评 at that level with that text.
 */
export function ratingRow(
  ratingNo: string,
  of: RatedCase,
  random: () => number,
  options: { problemRate?: number; followUp?: { level: string; content: string } } = {},
): string[] {
  const { problemRate = 0, followUp } = options;
  const level = followUp?.level ?? pickWeighted(random, LEVELS);
  const isDefault = !followUp && random() < 0.3;
  const bad = level === "不满意" || level === "非常不满意";
  const row: Record<keyof typeof RATING_COLUMNS, string> = {
    ratingNo,
    caseNo: of.caseNo ?? "",
    regionCode: of.regionCode,
    ratedUnitCode: of.unitCode,
    itemCode: of.itemCode ?? "",
    ratingChannel: pickWeighted(random, CHANNELS),
    level: random() < problemRate ? "很好" : isDefault ? "非常满意" : level,
    ratingKind: followUp ? "追评" : "首评",
    tags: isDefault ? "" : (bad ? BAD_TAGS : GOOD_TAGS).filter(() => random() < 0.35).join("、"),
    content: followUp?.content ?? (bad && !isDefault ? "等了很久才办好，希望改进" : ""),
    ratedAt: formatCst(of.ratedAt),
    isDefault: isDefault ? "是" : "否",
    raterName: "",
    raterPhone: isDefault ? "" : `13${String(Math.floor(random() * 1e9)).padStart(9, "0")}`,
  };
  return (Object.keys(RATING_COLUMNS) as (keyof typeof RATING_COLUMNS)[]).map((h) => row[h]);
}

/** `count` ratings of random units' cases (the benchmark's), at random times of the range. */
export function* generateRatings(options: RatingGeneratorOptions): Generator<string[]> {
  const random = seededRandom(options.seed);
  for (let i = 0; i < options.count; i++) {
    const unit = options.units[Math.floor(random() * options.units.length)]!;
    const of: RatedCase = {
      unitCode: unit.code,
      regionCode: unit.regionCode,
      caseNo: options.caseNoOf(i, random),
      itemCode: unit.itemCodes[Math.floor(random() * unit.itemCodes.length)] ?? null,
      ratedAt: options.from + Math.floor(random() * (options.to - options.from)),
    };
    yield ratingRow(`${options.ratingNoPrefix}${i + 1}`, of, random, { problemRate: options.problemRate });
  }
}

/** Writes rating rows as a UTF-8 CSV with the default source's headers; answers the row count. */
export async function writeRatingFile(rows: Iterable<string[]>, path: string): Promise<number> {
  const out = chunkedWriter(fs.createWriteStream(path));
  out.write(csvLine(Object.values(RATING_COLUMNS)));
  let n = 0;
  for (const row of rows) {
    n++;
    const drained = out.write(csvLine(row));
    if (drained) await drained;
  }
  await out.end();
  return n;
}
