/**
 * bench:guides — the guide checker's speed on parsed guides (no link checks).
 *
 * Generates GUIDES_COUNT (100 000) realistic guides — built from the real
 * provincial sample (core/src/guides/fixtures), varied in their counts of
 * materials, situations, steps, locations and legal bases and in their
 * defects — in chunks, as JSON text. For each chunk it times JSON.parse of the
 * text (the baseline, measured in the same run) and checkGuide over the parsed
 * guides, on this one thread (= one core).
 *
 * Prints JSON: guides/s per core, the mean guide size, and the ratio of
 * checking time to parsing time. Goal (docs/performance.md): ≥ 20 000
 * guides/s per core and ratio ≤ 1.
 */
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { checkGuide, parseProvincialExport, type ServiceGuide } from "@kaoping/core";

const COUNT = Number(process.env.GUIDES_COUNT ?? 100_000);
const CHUNK = 5_000;

const sample = parseProvincialExport(
  JSON.parse(fs.readFileSync(new URL("../../core/src/guides/fixtures/provincial-platform-guide.json", import.meta.url), "utf8")),
  { source: "gx" },
).guides[0]!;

/** Deterministic, so two runs check the same guides. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const STEP_NAMES = ["受理", "审核", "审批", "办结", "送达"];
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

function makeGuide(n: number): ServiceGuide {
  const rnd = random(n + 1);
  const pick = (max: number) => Math.floor(rnd() * max);
  const g: ServiceGuide = structuredClone(sample);
  g.name = `${sample.name}（${n}）`;
  g.sourceId = `bench-${n}`;
  g.materials = Array.from({ length: 1 + pick(8) }, (_, i) => ({
    ...sample.materials[i % sample.materials.length]!,
    name: `材料${i + 1}：${sample.materials[i % sample.materials.length]!.name}`,
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
  g.locations = Array.from({ length: 1 + pick(2) }, () => ({ ...sample.locations[0]! }));
  g.legalBases = sample.legalBases.slice(0, 1 + pick(sample.legalBases.length));
  for (let d = pick(3); d > 0; d--) DEFECTS[pick(DEFECTS.length)]!(g);
  return g;
}

const time = (fn: () => void) => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

let parseMs = 0;
let checkMs = 0;
let bytes = 0;
let findings = 0;
for (let start = 0; start < COUNT; start += CHUNK) {
  const text = JSON.stringify(Array.from({ length: Math.min(CHUNK, COUNT - start) }, (_, i) => makeGuide(start + i)));
  bytes += Buffer.byteLength(text);
  let guides: ServiceGuide[] = [];
  parseMs += time(() => {
    guides = JSON.parse(text);
  });
  checkMs += time(() => {
    for (const guide of guides) findings += checkGuide(guide).findings.length;
  });
}

console.log(
  JSON.stringify(
    {
      benchmark: "bench:guides",
      guides: COUNT,
      meanGuideBytes: Math.round(bytes / COUNT),
      findings,
      checkMs: Math.round(checkMs),
      parseMs: Math.round(parseMs),
      guidesPerSecondPerCore: Math.round(COUNT / (checkMs / 1000)),
      checkToParseRatio: Math.round((checkMs / parseMs) * 100) / 100,
      goal: { guidesPerSecondPerCore: 20_000, checkToParseRatio: 1, met: COUNT / (checkMs / 1000) >= 20_000 && checkMs <= parseMs },
    },
    null,
    2,
  ),
);
