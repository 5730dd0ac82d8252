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
import { performance } from "node:perf_hooks";
import { checkGuide, type ServiceGuide } from "@kaoping/core";
import { generateGuide, sampleGuide } from "../src/modules/guides/generate.ts";

const COUNT = Number(process.env.GUIDES_COUNT ?? 100_000);
const CHUNK = 5_000;
const sample = sampleGuide();
const makeGuide = (n: number) => generateGuide(sample, n);

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
