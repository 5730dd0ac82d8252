import type { UnitDiff } from "@kaoping/core";

type Summary = NonNullable<UnitDiff["before"]>;
export type SummaryField = keyof Summary;

/** One changed figure of a unit: before → after (null where the unit was absent or unranked). */
export interface FieldChange {
  field: SummaryField;
  before: Summary[SummaryField] | null;
  after: Summary[SummaryField] | null;
}

const FIELDS: SummaryField[] = ["total", "rank", "stars"];

/** The total, rank and stars that changed for a unit between two versions. */
export function fieldChanges(diff: UnitDiff): FieldChange[] {
  return FIELDS.flatMap((field) => {
    const before = diff.before?.[field] ?? null;
    const after = diff.after?.[field] ?? null;
    return before === after ? [] : [{ field, before, after }];
  });
}

/** Unit code → its diff, for highlighting rows of the ranking. */
export function diffByUnit(diffs: readonly UnitDiff[]): Map<string, UnitDiff> {
  return new Map(diffs.map((diff) => [diff.unitCode, diff]));
}
