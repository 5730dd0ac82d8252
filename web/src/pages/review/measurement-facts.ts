import type { FactDef } from "@kaoping/core";

/** Facts entered as 测评数据: core's measuredFacts (rates, ranks, scores, flags, and the counts a system fills). */
export { measuredFacts } from "@kaoping/core";

/** A value as typed into the form: booleans come from a select as "true"/"false". */
export function measurementValue(fact: FactDef | undefined, raw: number | string | null | undefined): number | boolean | null {
  if (raw === undefined || raw === null || raw === "") return null;
  if (fact?.type === "boolean") return raw === "true";
  const value = typeof raw === "number" ? raw : Number(raw);
  return Number.isFinite(value) ? value : null;
}
