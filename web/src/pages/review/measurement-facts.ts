import type { FactDef, Framework } from "@kaoping/core";

/** Facts entered as 测评数据: rates and numbers, ranks, external scores and flags — not counts (those come from findings). */
export const MEASURED_TYPES: readonly FactDef["type"][] = ["number", "rank", "score", "boolean"];

export function measuredFacts(framework: Framework): FactDef[] {
  return framework.facts.filter((fact) => MEASURED_TYPES.includes(fact.type));
}

/** A value as typed into the form: booleans come from a select as "true"/"false". */
export function measurementValue(fact: FactDef | undefined, raw: number | string | null | undefined): number | boolean | null {
  if (raw === undefined || raw === null || raw === "") return null;
  if (fact?.type === "boolean") return raw === "true";
  const value = typeof raw === "number" ? raw : Number(raw);
  return Number.isFinite(value) ? value : null;
}
