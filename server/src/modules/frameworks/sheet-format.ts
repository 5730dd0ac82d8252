import { FACT_TYPE_LABELS, type Framework, type Indicator, RULE_KIND_LABELS } from "@kaoping/core";
import { type SheetSpec, writeSheets } from "../../platform/excel/workbook.ts";

/**
 * Excel import and export of a framework in the shape these tables are
 * published in (指标: one row per indicator, 一级/二级/三级指标 …), with the
 * executable rules (规则), their facts (事实) and the framework's own fields
 * (体系信息) on sheets of their own, so an export imports back unchanged.
 */
export const SHEET = { indicators: "指标", rules: "规则", facts: "事实", info: "体系信息" } as const;
export const SHEET_ORDER: string[] = [SHEET.info, SHEET.indicators, SHEET.rules, SHEET.facts];
export const YES = "是";
export const NO = "否";
export const NONE = "无";
export const MAX_LEVELS = 10;
export const CN_LEVELS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
export const levelHeader = (level: number) => `${CN_LEVELS[level - 1]}级指标`;
export const BASIS_LABELS = { full: "扣分制", zero: "加分制" } as const;

export type Row = Record<string, string | number | null>;

export function indicatorSpec(levels: number, name: string = SHEET.indicators): SheetSpec {
  const column = (key: string, header: string, width: number, options?: readonly string[]) => ({
    key,
    header,
    required: false,
    width,
    options,
  });
  return {
    name,
    columns: [
      column("seq", "序号", 6),
      column("code", "编码", 10),
      column("parentCode", "上级编码", 10),
      ...Array.from({ length: levels }, (_, i) => column(`level${i + 1}`, levelHeader(i + 1), 24)),
      column("points", "分值", 8),
      column("assessmentPoint", "评估要点", 40),
      column("scoringText", "评分标准", 60),
      column("responsible", "责任单位", 24),
      column("lead", "牵头单位编码", 16),
      column("co", "配合单位编码", 16),
      column("milestone", "推进节点", 20),
      column("dueDate", "完成时限", 12),
      column("lastResult", "上年结果", 10),
      column("isNew", "新指标", 8, [YES, NO]),
      column("appliesTo", "适用范围", 16),
      column("bonus", "加分项", 8, [YES, NO]),
      column("basis", "计分方式", 10, Object.values(BASIS_LABELS)),
      column("range", "得分范围", 10),
      column("declaredChildren", "声明下级数", 10),
      column("notes", "备注", 40),
    ],
  };
}
export const INDICATOR_HEADERS: Record<string, string> = Object.fromEntries(indicatorSpec(0).columns.map((c) => [c.key, c.header]));

export const RULE_SPEC: SheetSpec<"indicatorCode" | "id" | "kind" | "text" | "json"> = {
  name: SHEET.rules,
  columns: [
    { key: "indicatorCode", header: "指标编码", required: true, width: 10 },
    { key: "id", header: "规则编号", required: true, width: 14 },
    { key: "kind", header: "类型", required: false, width: 18, options: Object.values(RULE_KIND_LABELS) },
    { key: "text", header: "原文", required: true, width: 60 },
    { key: "json", header: "规则JSON", required: true, width: 80 },
  ],
};

export const FACT_SPEC: SheetSpec<"key" | "label" | "type" | "byLevel" | "unit"> = {
  name: SHEET.facts,
  columns: [
    { key: "key", header: "事实名", required: true, width: 28 },
    { key: "label", header: "名称", required: true, width: 48 },
    { key: "type", header: "类型", required: true, width: 10, options: Object.values(FACT_TYPE_LABELS) },
    { key: "byLevel", header: "分级", required: false, width: 8, options: [YES, NO] },
    { key: "unit", header: "计量单位", required: false, width: 10 },
  ],
};

export const INFO_SPEC: SheetSpec<"item" | "value"> = {
  name: SHEET.info,
  columns: [
    { key: "item", header: "项目", required: true, width: 16 },
    { key: "value", header: "值", required: false, width: 80 },
  ],
};

export type InfoKey =
  | "code"
  | "name"
  | "year"
  | "issuer"
  | "source"
  | "basePoints"
  | "bonusPoints"
  | "annualWeight"
  | "starBands"
  | "rescale"
  | "categories"
  | "description";
export const INFO_ITEMS: { key: InfoKey; label: string; required?: boolean }[] = [
  { key: "code", label: "编码", required: true },
  { key: "name", label: "名称", required: true },
  { key: "year", label: "年度", required: true },
  { key: "issuer", label: "发布单位" },
  { key: "source", label: "来源" },
  { key: "basePoints", label: "基础分" },
  { key: "bonusPoints", label: "加分" },
  { key: "annualWeight", label: "年度折算权重" },
  { key: "starBands", label: "星级" },
  { key: "rescale", label: "折算方式" },
  { key: "categories", label: "单位类别" },
  { key: "description", label: "说明" },
];

export const TEMPLATE_NOTES = [
  "指标体系导入填写说明：",
  '1. 「体系信息」表：编码（小写字母、数字和连字符，如 gongshu-business-environment）、名称、年度必填；基础分、加分填分值；年度折算权重填百分数（如 5 表示总分 × 5%）；星级、单位类别填 JSON（导出文件中有示例）；折算方式填 JSON，如 {"method":"proportional","rankBy":"rescaled","decimals":2}（method：none 不折算、proportional 按适用满分等比例折算为满分、full_credit 不适用指标按满分计；rankBy：rescaled 按折算分排名、raw 按总分排名）。',
  "2. 「指标」表每行一个指标。两种填法：",
  "   (1) 填编码和上级编码：按上级编码组成指标树，顶级指标的上级编码留空；指标名称填在对应层级列中。",
  "   (2) 编码留空：按层级列组织——填了一级指标的行开始一个新的一级指标，填了二级指标的行开始它下面的二级指标，依此类推；同一行可同时填多级（如一级、二级和三级）；编码按 1、1.1、1.1.1 自动生成。名称末尾的“(10分)”在分值为空时读作分值。",
  "3. 分值为最多 4 位小数的数字；完成时限格式为 2021-10-31；新指标、加分项填“是”或“否”；计分方式填“扣分制”（从分值起扣，扣完为止）或“加分制”（从 0 起加）；得分范围如 -5~5；适用范围填单位类别名称或编码，多个用“、”分隔。",
  "4. 责任单位填原文；牵头单位编码、配合单位编码填系统中的单位或单位分组编码，多个用“、”分隔。",
  "5. 没有「规则」表时，评分标准中的常见写法（每…扣X分、…的扣X分、不得分、低于X%、每延迟一天、每低1个百分点、排名前N位依次加、第N名之后每下降1位、满分/最高不超过/累计不超过X分、视情扣a-b分、减半）自动转换为评分规则；未能识别的内容作为人工评分规则导入，并在结果中逐条提示，请导入后核对。",
  "6. 有「规则」表时（导出文件即是），评分规则全部取自该表，不再识别评分标准；删除「规则」表即可改为按评分标准识别。",
  "7. 任何一处有错时整个文件都不会导入，错误会指明工作表、行和列。",
];

export const yesNo = (value: boolean | undefined) => (value === undefined ? "" : value ? YES : NO);
export const joinCodes = (codes: string[]) => codes.join("、");
export const splitList = (text: string) => text.split(/[、,，;；\s]+/).filter(Boolean);

export function flatten(
  indicators: Indicator[],
  parentCode: string | null = null,
  depth = 1,
): { indicator: Indicator; parentCode: string | null; depth: number }[] {
  return indicators.flatMap((indicator) => [
    { indicator, parentCode, depth },
    ...flatten(indicator.children ?? [], indicator.code, depth + 1),
  ]);
}

export function indicatorRow(
  framework: Framework,
  indicator: Indicator,
  parentCode: string | null,
  depth: number,
  levels: number,
  seq: number,
): Row {
  const labelOf = new Map((framework.categories ?? []).map((c) => [c.code, c.label]));
  const range = indicator.range;
  return {
    seq,
    code: indicator.code,
    parentCode: parentCode ?? "",
    [`level${Math.min(depth, levels)}`]: indicator.name,
    points: indicator.points ?? "",
    assessmentPoint: indicator.assessmentPoint ?? "",
    scoringText: indicator.scoringText ?? "",
    responsible: indicator.responsible?.text ?? "",
    lead: joinCodes(indicator.responsible?.lead ?? []),
    co: joinCodes(indicator.responsible?.co ?? []),
    milestone: indicator.milestone ?? "",
    dueDate: indicator.dueDate ?? "",
    lastResult: indicator.lastResult ?? "",
    isNew: yesNo(indicator.isNew),
    appliesTo: indicator.appliesTo
      ? indicator.appliesTo.length
        ? indicator.appliesTo.map((c) => labelOf.get(c) ?? c).join("、")
        : NONE
      : "",
    bonus: indicator.part === undefined ? "" : yesNo(indicator.part === "bonus"),
    basis: indicator.basis ? BASIS_LABELS[indicator.basis] : "",
    range: range ? `${range.min ?? ""}~${range.max ?? ""}` : "",
    declaredChildren: indicator.declaredChildren ?? "",
    notes: indicator.notes ?? "",
  };
}

export function infoValue(framework: Framework, key: InfoKey): string {
  const value = framework[key];
  if (value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** The export: 指标 (published shape), 规则, 事实 and 体系信息; imports back to the same framework. */
export async function exportFrameworkWorkbook(framework: Framework): Promise<Buffer> {
  const all = flatten(framework.indicators);
  const levels = Math.min(MAX_LEVELS, Math.max(3, ...all.map((i) => i.depth)));
  const rules: Row[] = all.flatMap(({ indicator }) =>
    (indicator.rules ?? []).map((rule) => {
      const { id, text, ...body } = rule;
      return { indicatorCode: indicator.code, id, kind: RULE_KIND_LABELS[rule.kind], text, json: JSON.stringify(body) };
    }),
  );
  return writeSheets([
    { spec: indicatorSpec(levels), rows: all.map((i, n) => indicatorRow(framework, i.indicator, i.parentCode, i.depth, levels, n + 1)) },
    { spec: RULE_SPEC, rows: rules },
    {
      spec: FACT_SPEC,
      rows: framework.facts.map((f) => ({
        key: f.key,
        label: f.label,
        type: FACT_TYPE_LABELS[f.type],
        byLevel: yesNo(f.byLevel),
        unit: f.unit ?? "",
      })),
    },
    { spec: INFO_SPEC, rows: INFO_ITEMS.map((item) => ({ item: item.label, value: infoValue(framework, item.key) })) },
  ]);
}

/** An empty 指标 sheet (三级), the 体系信息 items to fill, and the instructions; no 规则 sheet, so rule text is recognised. */
export function frameworkTemplateWorkbook(): Promise<Buffer> {
  return writeSheets(
    [
      { spec: indicatorSpec(3), rows: [] },
      { spec: INFO_SPEC, rows: INFO_ITEMS.map((item) => ({ item: item.label, value: "" })) },
    ],
    TEMPLATE_NOTES,
  );
}
