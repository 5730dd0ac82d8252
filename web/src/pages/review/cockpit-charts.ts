import type { CockpitView } from "@kaoping/core";

/** Translations come in as a function so the builders stay pure (and testable). */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

/** Which findings a drill-down lists: of a unit, under some indicators, or exactly these ids. */
export interface FindingScope {
  unitId?: string;
  indicatorCode?: string;
  /** Indicator codes the findings may sit on (a first-level indicator's subtree). */
  codes?: string[];
  ids?: string[];
}

/** What a click on a chart opens: the units behind it, and the findings when they matter. */
export interface Drill {
  title: string;
  unitIds: string[];
  /** Totals of another campaign (a trend point), shown instead of the current ones. */
  totals?: Record<string, string>;
  findings?: FindingScope;
}

/** The part of ECharts' click event the drills read. */
export interface ChartClick {
  dataIndex: number;
  value?: unknown;
}

export interface ChartSpec {
  option: Record<string, unknown>;
  height: number;
  drill: (click: ChartClick) => Drill | null;
}

const BASE_HEIGHT = 320;
const ROW_HEIGHT = 22;
/** Room for the axes, legend and visual map around the rows of a tall chart. */
const CHROME = 110;
const tallFor = (rows: number) => Math.max(BASE_HEIGHT, rows * ROW_HEIGHT + CHROME);

/** An empty chart still draws its message, so the canvas shows why it is blank. */
function emptyTitle(t: Translate, isEmpty: boolean) {
  return isEmpty
    ? { title: { text: t("review.cockpit.noData"), left: "center", top: "middle", textStyle: { color: "#999", fontSize: 14 } } }
    : {};
}

/** 得分分布: units per total bucket. */
export function distributionChart(view: CockpitView, t: Translate): ChartSpec {
  const buckets = view.distribution;
  return {
    height: BASE_HEIGHT,
    option: {
      ...emptyTitle(t, buckets.length === 0),
      tooltip: { trigger: "axis" },
      grid: { left: 48, right: 16, top: 32, bottom: 48 },
      xAxis: { type: "category", name: t("review.total"), nameLocation: "middle", nameGap: 30, data: buckets.map((b) => b.label) },
      yAxis: { type: "value", name: t("review.cockpit.unitCount"), minInterval: 1 },
      series: [
        {
          type: "bar",
          name: t("review.cockpit.unitCount"),
          data: buckets.map((b) => b.count),
          barMaxWidth: 48,
          label: { show: true, position: "top" },
        },
      ],
    },
    drill: ({ dataIndex }) => {
      const bucket = buckets[dataIndex];
      return bucket ? { title: t("review.cockpit.bucketTitle", { label: bucket.label }), unitIds: bucket.unitIds } : null;
    },
  };
}

/** 排名: totals as horizontal bars, rank 1 on top; reference units in grey. */
export function rankingChart(view: CockpitView, t: Translate): ChartSpec {
  const rows = [...view.ranking].reverse();
  return {
    height: tallFor(rows.length),
    option: {
      ...emptyTitle(t, rows.length === 0),
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 16, right: 48, top: 16, bottom: 32, containLabel: true },
      xAxis: { type: "value", name: t("review.total") },
      yAxis: {
        type: "category",
        data: rows.map((r) => (r.isReference ? `${r.unitName}（${t("review.reference")}）` : `${r.rank ?? "—"}. ${r.unitName}`)),
        axisLabel: { width: 180, overflow: "truncate" },
      },
      series: [
        {
          type: "bar",
          name: t("review.total"),
          data: rows.map((r) => ({ value: Number(r.total), itemStyle: r.isReference ? { color: "#bfbfbf" } : undefined })),
          barMaxWidth: 16,
          label: { show: true, position: "right" },
        },
      ],
    },
    drill: ({ dataIndex }) => {
      const row = rows[dataIndex];
      return row ? { title: row.unitName, unitIds: [row.unitId], findings: { unitId: row.unitId } } : null;
    },
  };
}

/** The part of a custom series' render API a heatmap cell uses. */
interface CellApi {
  value: (dimension: number) => number | string;
  coord: (point: number[]) => number[];
  size: (span: number[]) => number[];
  visual: (key: "color") => string;
}

const NOT_APPLICABLE_FILL = "#f0f0f0";

/**
 * One heatmap cell drawn by a custom series: ECharts' own heatmap paints its cells
 * on an extra incremental canvas, this keeps the whole chart on one canvas.
 */
export function heatmapCell(showLabel: boolean, part: "base" | "bonus" = "base", notApplicable = "不适用") {
  return (_params: unknown, api: CellApi) => {
    const [x = 0, y = 0] = api.coord([Number(api.value(0)), Number(api.value(1))]);
    const [width = 0, height = 0] = api.size([1, 1]);
    const value = api.value(2);
    const isNumber = typeof value === "number" && !Number.isNaN(value);
    const fill = !isNumber ? NOT_APPLICABLE_FILL : part === "bonus" ? bonusFill(value) : api.visual("color");
    // 不适用 is written in the cell, not left blank: an empty cell reads as a missing score.
    const text = !isNumber ? notApplicable : part === "bonus" && value > 0 ? `+${value}` : String(value);
    return {
      type: "rect",
      shape: { x: x - width / 2, y: y - height / 2, width, height },
      style: { fill, stroke: "#fff", lineWidth: 1 },
      ...(showLabel
        ? { textContent: { style: { text, fill: isNumber ? "#222" : "#595959", fontSize: 11 } }, textConfig: { position: "inside" } }
        : {}),
    };
  };
}

/** A bonus part (加扣分项) is scored around 0: green where points were added, red where taken, plain at 0. */
export function bonusFill(points: number): string {
  if (points > 0) return "#95de64";
  return points < 0 ? "#ff7875" : "#fafafa";
}

/**
 * 指标热力图: each unit's points on each first-level indicator as a share of its maximum,
 * coloured by the scale; a bonus part's cells show the signed points in their own series.
 */
export function heatmapChart(view: CockpitView, t: Translate, subtreeOf: (code: string) => string[]): ChartSpec {
  const { indicators, rows } = view.heatmap;
  const units = [...rows].reverse();
  const cellsOf = (part: "base" | "bonus") =>
    units.flatMap((row, y) =>
      row.cells.flatMap((cell) => {
        const x = indicators.findIndex((i) => i.code === cell.code);
        if (x < 0 || indicators[x]!.part !== part) return [];
        if (part === "bonus") return [[x, y, cell.points === null ? "-" : Number(cell.points)]];
        return [[x, y, cell.ratio === null ? "-" : Math.round(cell.ratio * 1000) / 10]];
      }),
    );
  const rates = cellsOf("base");
  const bonuses = cellsOf("bonus");
  const showLabels = indicators.length <= 12;
  return {
    height: tallFor(units.length),
    option: {
      ...emptyTitle(t, rates.length + bonuses.length === 0),
      tooltip: {
        position: "top",
        formatter: (p: { value: [number, number, number | string] }) => {
          const row = units[p.value[1]];
          const indicator = indicators[p.value[0]];
          const cell = row?.cells.find((c) => c.code === indicator?.code);
          const score = cell && cell.points === null ? t("scoreStates.notApplicable") : `${cell?.points ?? "—"} / ${cell?.max ?? "—"}`;
          return `${row?.unitName ?? ""}<br/>${indicator?.code ?? ""} ${indicator?.name ?? ""}：${score}`;
        },
      },
      grid: { left: 16, right: 16, top: 16, bottom: 72, containLabel: true },
      xAxis: { type: "category", data: indicators.map((i) => i.code), splitArea: { show: true } },
      yAxis: {
        type: "category",
        data: units.map((r) => r.unitName),
        splitArea: { show: true },
        axisLabel: { width: 160, overflow: "truncate" },
      },
      visualMap: {
        min: 0,
        max: 100,
        calculable: true,
        orient: "horizontal",
        left: "center",
        bottom: 8,
        dimension: 2,
        seriesIndex: 0,
        text: ["100%", "0%"],
        inRange: { color: ["#f5222d", "#fadb14", "#52c41a"] },
      },
      series: [
        {
          type: "custom",
          name: t("review.cockpit.scoreRate"),
          data: rates,
          encode: { x: 0, y: 1 },
          renderItem: heatmapCell(showLabels, "base", t("scoreStates.notApplicable")),
        },
        {
          type: "custom",
          name: t("review.cockpit.bonusPart"),
          data: bonuses,
          encode: { x: 0, y: 1 },
          renderItem: heatmapCell(showLabels, "bonus", t("scoreStates.notApplicable")),
        },
      ],
    },
    drill: ({ value }) => {
      if (!Array.isArray(value)) return null;
      const row = units[value[1] as number];
      const indicator = indicators[value[0] as number];
      if (!row || !indicator) return null;
      return {
        title: `${row.unitName} · ${indicator.code} ${indicator.name}`,
        unitIds: [row.unitId],
        findings: { unitId: row.unitId, codes: subtreeOf(indicator.code) },
      };
    },
  };
}

/** 填报进度: units by submission status. */
export function progressChart(view: CockpitView, t: Translate): ChartSpec {
  const slices = view.progress.submissions.filter((s) => s.count > 0);
  return {
    height: BASE_HEIGHT,
    option: {
      ...emptyTitle(t, slices.length === 0),
      tooltip: { trigger: "item", formatter: "{b}：{c}（{d}%）" },
      legend: { bottom: 0 },
      series: [
        {
          type: "pie",
          name: t("review.cockpit.progress"),
          radius: ["40%", "68%"],
          center: ["50%", "45%"],
          data: slices.map((s) => ({ name: t(`review.submissionStatus.${s.status}`), value: s.count })),
          label: { formatter: "{b}\n{c}" },
        },
      ],
    },
    drill: ({ dataIndex }) => {
      const slice = slices[dataIndex];
      return slice ? { title: t(`review.submissionStatus.${slice.status}`), unitIds: slice.unitIds } : null;
    },
  };
}

const MAX_UNIT_LINES = 5;

/** 历年趋势: the ranked units' mean total per campaign of the family, and a few units' own lines. */
export function trendChart(view: CockpitView, t: Translate): ChartSpec {
  const points = view.trend;
  const unitNames = new Map(points.flatMap((p) => p.units.map((u) => [u.unitId, u.unitName] as const)));
  const unitLines = unitNames.size <= MAX_UNIT_LINES ? [...unitNames] : [];
  const label = (p: CockpitView["trend"][number]) => `${p.year} ${p.name}${p.preview ? `（${t("review.cockpit.preview")}）` : ""}`;
  return {
    height: BASE_HEIGHT,
    option: {
      ...emptyTitle(t, points.length === 0),
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 48, right: 24, top: 40, bottom: 56 },
      xAxis: { type: "category", data: points.map(label), axisLabel: { width: 120, overflow: "truncate", interval: 0 } },
      yAxis: { type: "value", scale: true, name: t("review.total") },
      series: [
        {
          type: "line",
          name: t("review.cockpit.average"),
          data: points.map((p) => (p.average === null ? null : Number(p.average))),
          symbolSize: 10,
        },
        ...unitLines.map(([unitId, name]) => ({
          type: "line",
          name,
          data: points.map((p) => {
            const unit = p.units.find((u) => u.unitId === unitId);
            return unit ? Number(unit.total) : null;
          }),
          symbolSize: 8,
        })),
      ],
    },
    drill: ({ dataIndex }) => {
      const point = points[dataIndex];
      if (!point) return null;
      return {
        title: label(point),
        unitIds: point.units.map((u) => u.unitId),
        totals: Object.fromEntries(point.units.map((u) => [u.unitId, u.total])),
      };
    },
  };
}

/** 问题分布: confirmed findings per indicator, most first. */
export function findingsChart(view: CockpitView, t: Translate): ChartSpec {
  const groups = view.findingsByIndicator;
  return {
    height: BASE_HEIGHT,
    option: {
      ...emptyTitle(t, groups.length === 0),
      tooltip: {
        trigger: "axis",
        formatter: (params: { dataIndex: number }[]) => {
          const group = groups[params[0]?.dataIndex ?? -1];
          return group
            ? `${group.indicatorCode} ${group.indicatorName}<br/>${t("review.cockpit.findingCount", { count: group.count, occurrences: group.occurrences })}`
            : "";
        },
      },
      grid: { left: 48, right: 16, top: 32, bottom: 48 },
      xAxis: {
        type: "category",
        data: groups.map((g) => g.indicatorCode),
        axisLabel: { interval: 0, rotate: groups.length > 12 ? 45 : 0 },
      },
      yAxis: { type: "value", minInterval: 1, name: t("review.cockpit.findings") },
      series: [
        {
          type: "bar",
          name: t("review.cockpit.findings"),
          data: groups.map((g) => g.count),
          barMaxWidth: 40,
          label: { show: true, position: "top" },
        },
      ],
    },
    drill: ({ dataIndex }) => {
      const group = groups[dataIndex];
      if (!group) return null;
      return {
        title: `${group.indicatorCode} ${group.indicatorName}`,
        unitIds: [],
        findings: { indicatorCode: group.indicatorCode, ids: group.findingIds },
      };
    },
  };
}
