import fs from "node:fs";
import path from "node:path";
import { parseProvincialExport, type ServiceGuide, usccCheckCharacter } from "@kaoping/core";
import { REPO_ROOT } from "../../platform/config.ts";

/** The real provincial record (core's fixture), as exported. */
export const SAMPLE_FILE = path.join(REPO_ROOT, "core/src/guides/fixtures/provincial-platform-guide.json");

/** That record normalised: the base every generated guide varies. */
export function sampleGuide(): ServiceGuide {
  return parseProvincialExport(JSON.parse(fs.readFileSync(SAMPLE_FILE, "utf8")), { source: "gx" }).guides[0]!;
}

/** Deterministic, so two runs (two benchmarks, two demo loads) make the same guides. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const STEP_NAMES = ["受理", "审核", "审批", "办结", "送达"];

/** Defects real guides have (seed 000's checklist), one or more planted per guide. */
const DEFECTS: ((g: ServiceGuide) => void)[] = [
  (g) => (g.consultationPhone = g.supervisionPhone),
  (g) => (g.legalLimit.unit = null),
  (g) => (g.materials[0]!.name = "其他相关材料"),
  (g) => (g.promisedLimit.days = (g.legalLimit.days ?? 20) + 5),
  (g) => (g.locations[0]!.address = "政务服务中心"),
  (g) => (g.charged = null),
  (g) => (g.acceptanceConditions = "符合条件"),
  (g) => (g.steps = g.steps.slice(0, 2)),
];

/**
 * Guide number `n`, a variation of `base` the size of real guides: 1–8
 * materials, five steps, 0–2 situations, 1–2 locations, some legal bases, and
 * up to `maxDefects` planted defects (0 gives a guide with only the base's own).
 */
export function generateGuide(base: ServiceGuide, n: number, maxDefects = 3): ServiceGuide {
  const rnd = random(n + 1);
  const pick = (max: number) => Math.floor(rnd() * max);
  const g: ServiceGuide = structuredClone(base);
  g.name = `${base.name}（${n}）`;
  g.sourceId = `generated-${n}`;
  g.materials = Array.from({ length: 1 + pick(8) }, (_, i) => ({
    ...base.materials[i % base.materials.length]!,
    name: `材料${i + 1}：${base.materials[i % base.materials.length]!.name}`,
  }));
  g.steps = STEP_NAMES.map((name) => ({
    name,
    actor: "窗口工作人员",
    limit: { days: 1, unit: "working_day" as const, note: "" },
    criteria: "材料齐全、符合法定形式",
  }));
  g.situations = Array.from({ length: pick(3) }, (_, i) => ({
    name: `情形${i + 1}`,
    condition: `申请人属于第${i + 1}类情形`,
    materials: g.materials.slice(0, 2),
    steps: g.steps,
  }));
  g.locations = Array.from({ length: 1 + pick(2) }, () => ({ ...base.locations[0]! }));
  g.legalBases = base.legalBases.slice(0, 1 + pick(base.legalBases.length));
  for (let d = pick(maxDefects); d > 0; d--) DEFECTS[pick(DEFECTS.length)]!(g);
  return g;
}

/**
 * Where a generated guide is set: the department that publishes it and its
 * place's codes, phones, address, portal and local rules. The generated
 * content comes from a Guangxi record; a guide of a Shanghai department must
 * not carry Guangxi's credit code, phones or regulations (docs/demo-data.md).
 */
export interface GuidePlace {
  body: string;
  /** GB/T 2260 division code of the body (310105 长宁区). */
  regionCode: string;
  /** The 9-character organisation part of the body's unified social credit code. */
  orgCode: string;
  level: NonNullable<ServiceGuide["level"]>;
  areaCode: string;
  /** Local numbers (without the area code): consultation, then supervision. */
  phones: [string, string];
  address: string;
  hours: string;
  onlineUrl: string;
  /** Text of the source's place → text of this place (regulations, authorities, place names). */
  wording: [string, string][];
}

const LEVEL_DIGITS: Record<GuidePlace["level"], string> = {
  national: "1",
  provincial: "2",
  city: "3",
  county: "4",
  township: "5",
  village: "6",
};

/** A body's unified social credit code (机关: 11), its check character computed (GB 32100-2015). */
export function bodyCreditCode(place: Pick<GuidePlace, "regionCode" | "orgCode">): string {
  const first17 = `11${place.regionCode}${place.orgCode}`;
  return `${first17}${usccCheckCharacter(first17)}`;
}

/** Every text of the guide with the source place's wording replaced. */
function reword<T>(value: T, wording: [string, string][]): T {
  if (typeof value === "string") return wording.reduce((text, [from, to]) => text.split(from).join(to), value as string) as T;
  if (Array.isArray(value)) return value.map((v) => reword(v, wording)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reword(v, wording)])) as T;
  }
  return value;
}

/** `guide` as published by `place`'s department: its codes, phones, address, portal and local legal bases. */
export function placeGuide(guide: ServiceGuide, place: GuidePlace): ServiceGuide {
  const g = reword(guide, place.wording);
  const bodyCode = bodyCreditCode(place);
  const [consultation, supervision] = place.phones.map((p) => `${place.areaCode}-${p}`) as [string, string];
  return {
    ...g,
    implementingBody: place.body,
    bodyCode,
    level: place.level,
    implementationCode: `${bodyCode}${LEVEL_DIGITS[place.level]}${g.basicCode}`,
    consultationPhone: consultation,
    supervisionPhone: supervision,
    locations: g.locations.map((l) => ({ ...l, address: place.address, hours: place.hours, phone: consultation })),
    onlineUrl: place.onlineUrl,
  };
}
