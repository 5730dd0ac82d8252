/**
 * bench:scoring — 500 units × the Gongshu framework with ~20 findings each.
 * Prints JSON: rule evaluations per second, the full recompute time (median
 * of repeated runs), and the ratio to a baseline measured in the same run:
 * a plain loop that only sums the same number of amounts.
 * Goal (issue 3): ≥ 1,000,000 rule evaluations/s, full recompute ≤ 50 ms.
 */
import { performance } from "node:perf_hooks";
import {
  BUILTIN_FRAMEWORKS,
  compileFramework,
  type Framework,
  flatRules,
  frameworkSchema,
  type ScoreInput,
  scoreFramework,
} from "@kaoping/core";

const UNITS = Number(process.env.BENCH_UNITS ?? 500);
const FINDINGS = 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const CODE = process.env.BENCH_FRAMEWORK ?? "gongshu-business-environment";

/** Deterministic PRNG (mulberry32) so every run scores the same facts. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeInput(framework: Framework): ScoreInput {
  const rand = random(42);
  const counts = framework.facts
    .filter((f) => f.type === "count")
    .flatMap((f) => (f.byLevel ? ["city", "province", "district"].map((l) => `${f.key}@${l}`) : [f.key]));
  const others = framework.facts.filter((f) => f.type !== "count");
  const units = Array.from({ length: UNITS }, (_, i) => ({ code: `U${i}`, name: `单位${i}`, isReference: i % 25 === 0 }));
  const facts: ScoreInput["facts"] = {};
  for (const unit of units) {
    const values: Record<string, number | boolean> = {};
    for (let k = 0; k < FINDINGS; k++) {
      const key = counts[Math.floor(rand() * counts.length)]!;
      values[key] = ((values[key] as number) ?? 0) + 1;
    }
    for (const f of others)
      values[f.key] = f.type === "boolean" ? rand() < 0.2 : f.type === "rank" ? 1 + Math.floor(rand() * 13) : Math.round(60 + rand() * 40);
    facts[unit.code] = { values };
  }
  return { units, facts };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const raw = BUILTIN_FRAMEWORKS.find((f) => (f as { code: string }).code === CODE);
if (!raw) throw new Error(`no built-in framework ${CODE}`);
const framework = frameworkSchema.parse(raw);
const compiled = compileFramework(framework);
const input = makeInput(framework);
const rulesPerUnit = compiled.nodes.reduce((n, node) => n + flatRules(node.indicator.rules ?? []).length, 0);
const evaluations = rulesPerUnit * UNITS;

// Baseline: the same number of additions over plain numbers, no rules.
const amounts = Float64Array.from({ length: evaluations }, (_, i) => (i % 7) * 1000);
const baselineRuns: number[] = [];
let sink = 0;
for (let r = 0; r < RUNS; r++) {
  const start = performance.now();
  let sum = 0;
  for (let i = 0; i < amounts.length; i++) sum += amounts[i]!;
  sink += sum;
  baselineRuns.push(performance.now() - start);
}

scoreFramework(compiled, input); // warm-up
const runs: number[] = [];
for (let r = 0; r < RUNS; r++) {
  const start = performance.now();
  scoreFramework(compiled, input);
  runs.push(performance.now() - start);
}
const recomputeMs = median(runs);
const baselineMs = median(baselineRuns);
console.log(
  JSON.stringify(
    {
      bench: "scoring",
      framework: CODE,
      units: UNITS,
      rulesPerUnit,
      findingsPerUnit: FINDINGS,
      ruleEvaluations: evaluations,
      recomputeMs: Number(recomputeMs.toFixed(2)),
      evaluationsPerSecond: Math.round(evaluations / (recomputeMs / 1000)),
      baselineMs: Number(baselineMs.toFixed(3)),
      ratioToBaseline: Number((recomputeMs / baselineMs).toFixed(1)),
      goals: { evaluationsPerSecond: 1_000_000, recomputeMs: 50 },
      checksum: sink > 0,
    },
    null,
    2,
  ),
);
