import { isCaseFactKey } from "../cases/facts.ts";
import type { FactDef, Framework } from "../frameworks/schema.ts";
import { isGuideFactKey } from "../guides/checker.ts";
import { isSupervisionFactKey } from "../supervision/facts.ts";

/** A fact a system fills for campaigns (the guide checker, the case store, the supervision ledger). */
export const isSystemFactKey = (key: string) => isGuideFactKey(key) || isCaseFactKey(key) || isSupervisionFactKey(key);

const MEASURED_TYPES: readonly FactDef["type"][] = ["number", "rank", "score", "boolean"];

/**
 * Whether a reviewer enters the fact as 测评数据: rates and numbers, ranks, external scores and
 * flags — and a count a system fills (its measurement overrides the system's count). Other counts
 * add up from findings.
 */
export const isMeasuredFact = (def: FactDef) => MEASURED_TYPES.includes(def.type) || isSystemFactKey(def.key);

export function measuredFacts(framework: Pick<Framework, "facts">): FactDef[] {
  return framework.facts.filter(isMeasuredFact);
}
