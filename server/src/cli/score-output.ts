import type { IndicatorScore, ScoreResult, UnitScore } from "@kaoping/core";

/** "15 / 15", "12.5 / 15", "不适用" for an indicator that does not apply, "3（加分项）" for a bonus without a cap. */
function pointsText(indicator: IndicatorScore): string {
  if (indicator.points === null) return "不适用";
  const bonus = indicator.part === "bonus" ? "（加分项）" : "";
  return indicator.max === null ? `${indicator.points}${bonus}` : `${indicator.points} / ${indicator.max}${bonus}`;
}

/** One unit: every indicator with its points, indented by level, and under it the steps that moved them. */
function unitLines(unit: UnitScore): string[] {
  const lines = [
    `\n【${unit.unitName}】总分 ${unit.total}（基础分 ${unit.base}，加分 ${unit.bonus}）${unit.pending.length ? `（待人工评分：${unit.pending.join("、")}）` : ""}`,
  ];
  for (const indicator of unit.indicators) {
    const indent = "  ".repeat(indicator.level);
    lines.push(`${indent}${indicator.code} ${indicator.name}  ${pointsText(indicator)}`);
    for (const step of indicator.trace) lines.push(`${indent}    ${step.delta}  ${step.arithmetic}  —— ${step.text}`);
  }
  return lines;
}

/**
 * What `kaoping score` prints: the ranking, then per unit each indicator's
 * points out of its maximum (不适用 when it does not apply) with the trace
 * steps below it, so a total can be checked indicator by indicator.
 */
export function scoreLines(result: ScoreResult): string[] {
  const ranked = [...result.units].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
  return [
    "排名\t单位\t总分\t基础分\t加分\t星级",
    ...ranked.map((u) => `${u.rank ?? "参照"}\t${u.unitName}\t${u.total}\t${u.base}\t${u.bonus}\t${"★".repeat(u.stars ?? 0) || "-"}`),
    ...result.units.flatMap(unitLines),
  ];
}
