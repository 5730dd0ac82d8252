import type { ScoreResult, UnitScore } from "../frameworks/engine-types.ts";

/** One thing that keeps a result 暂定: a manual score not yet given, or a measured fact not recorded. */
export interface ProvisionalItem {
  unitCode: string;
  unitName: string;
  indicatorCode: string;
  indicatorName: string;
  kind: "pending" | "missing";
  /** The rule (pending) or the fact's label (missing), as a reader names it. */
  label: string;
}

/** What keeps one unit's score 暂定, read from its trace (old publications without `missing` included). */
export function unitProvisionalItems(unit: UnitScore): ProvisionalItem[] {
  return unit.indicators.flatMap((indicator) =>
    indicator.trace.flatMap((step): ProvisionalItem[] => {
      if (step.outcome !== "pending" && step.outcome !== "missing") return [];
      const kind = step.outcome;
      const label = kind === "missing" ? step.text.replace(/^缺少数据：/, "") : step.text;
      return [
        { unitCode: unit.unitCode, unitName: unit.unitName, indicatorCode: indicator.code, indicatorName: indicator.name, kind, label },
      ];
    }),
  );
}

/** Everything that keeps a result 暂定, unit by unit in the result's order. */
export function provisionalItems(result: ScoreResult, visible?: ReadonlySet<string>): ProvisionalItem[] {
  return result.units.filter((u) => !visible || visible.has(u.unitCode)).flatMap(unitProvisionalItems);
}

/** "区市场监管局 2.5.3 待人工评分：…" — one line of the list a confirmation names. */
export const provisionalLine = (item: ProvisionalItem) =>
  `${item.unitName} ${item.indicatorCode} ${item.indicatorName}：${item.kind === "pending" ? `待人工评分（${item.label}）` : `缺少数据（${item.label}）`}`;
