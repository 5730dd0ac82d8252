import { type Framework, indicatorIndex } from "@kaoping/core";

/** Why the 责任分解 table is empty, so the tab can say what to do about it. */
export type ResponsibilitiesEmptyReason =
  /** The filters (unit, overdue only) leave nothing. */
  | { kind: "filtered" }
  /** The frozen framework names no 牵头/配合 unit on any indicator. */
  | { kind: "noneInFramework" }
  /** It names codes, but when the campaign opened none of them was a unit or a group's code. */
  | { kind: "noneMatched"; codes: string[] }
  /** The caller sees only their own unit, which has no responsibility here. */
  | { kind: "ownUnit" };

/** The unit and group codes the framework's indicators name as responsible (lead and co), in order of first mention. */
export function responsibleCodes(framework: Framework | null): string[] {
  if (!framework) return [];
  const codes = [...indicatorIndex(framework).values()].flatMap(({ indicator }) => [
    ...(indicator.responsible?.lead ?? []),
    ...(indicator.responsible?.co ?? []),
  ]);
  return [...new Set(codes)];
}

/** Rows are made from the framework's responsible codes when the campaign opens: the reason follows from that. */
export function responsibilitiesEmptyReason(
  framework: Framework | null,
  options: { isFiltered: boolean; seesAllUnits: boolean },
): ResponsibilitiesEmptyReason {
  if (options.isFiltered) return { kind: "filtered" };
  const codes = responsibleCodes(framework);
  if (!codes.length) return { kind: "noneInFramework" };
  return options.seesAllUnits ? { kind: "noneMatched", codes } : { kind: "ownUnit" };
}
