import fs from "node:fs";
import path from "node:path";
import { parseProvincialExport, type ServiceGuide } from "@kaoping/core";
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
