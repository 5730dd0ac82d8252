/**
 * precision:guides — the guide checker's precision over the real provincial
 * sample and GUIDES_COUNT (1 000) generated guides: every error reviewed as
 * accepted or listed as a suspected false positive (server/src/modules/guides/precision.ts).
 * Prints JSON; exits 1 when an error is a suspect. The figures are in docs/guides.md.
 */
import { measurePrecision } from "../src/modules/guides/precision.ts";

const report = measurePrecision(Number(process.env.GUIDES_COUNT ?? 1_000));
console.log(JSON.stringify({ check: "precision:guides", ...report }, null, 2));
if (report.suspects.length > 0) process.exitCode = 1;
