import {
  type ErrorDetail,
  FACT_TYPE_LABELS,
  FACT_TYPES,
  type FactDef,
  type Framework,
  factDefSchema,
  findCycle,
  frameworkSchema,
  type Indicator,
  indicatorSchema,
  RULE_KIND_LABELS,
  type Rule,
  recognizeRules,
  ruleSchema,
} from "@kaoping/core";
import type ExcelJS from "exceljs";
import { importInvalid, loadWorkbook, readSheet } from "../../platform/excel/workbook.ts";

import {
  BASIS_LABELS,
  FACT_SPEC,
  INDICATOR_HEADERS,
  INFO_ITEMS,
  INFO_SPEC,
  type InfoKey,
  indicatorSpec,
  levelHeader,
  MAX_LEVELS,
  NO,
  NONE,
  RULE_SPEC,
  SHEET,
  SHEET_ORDER,
  splitList,
  YES,
} from "./sheet-format.ts";

/** Collects errors with their place; nothing is returned while there is one. */
export class Problems {
  readonly errors: ErrorDetail[] = [];
  add(sheet: string, row: number | undefined, column: string | undefined, message: string): void {
    this.errors.push({ sheet, ...(row !== undefined && { row }), ...(column !== undefined && { column }), message });
  }
  sorted(): ErrorDetail[] {
    return [...this.errors].sort(
      (a, b) => SHEET_ORDER.indexOf(a.sheet ?? "") - SHEET_ORDER.indexOf(b.sheet ?? "") || (a.row ?? 0) - (b.row ?? 0),
    );
  }
}

export interface InfoResult {
  values: Partial<Framework>;
  rows: Partial<Record<InfoKey, number>>;
}

export function parseJsonCell(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, message: `不是有效的 JSON：${(e as Error).message}` };
  }
}

export function readInfo(workbook: ExcelJS.Workbook, problems: Problems): InfoResult {
  const result: InfoResult = { values: {}, rows: {} };
  if (!workbook.getWorksheet(SHEET.info)) {
    problems.add(SHEET.info, undefined, undefined, "缺少工作表「体系信息」（编码、名称、年度必填）");
    return result;
  }
  const { sheet, rows } = readSheet(workbook, INFO_SPEC);
  const values: Record<string, unknown> = {};
  for (const { row, values: v } of rows) {
    const item = INFO_ITEMS.find((i) => i.label === v.item || i.key === v.item);
    const fail = (message: string) => problems.add(sheet, row, "值", message);
    if (!item) {
      problems.add(sheet, row, "项目", `未知的项目「${v.item}」，可选：${INFO_ITEMS.map((i) => i.label).join("、")}`);
      continue;
    }
    if (result.rows[item.key] !== undefined) {
      problems.add(sheet, row, "项目", `项目「${item.label}」与第 ${result.rows[item.key]} 行重复`);
      continue;
    }
    result.rows[item.key] = row;
    if (v.value === "") continue;
    let value: unknown = v.value;
    if (item.key === "year" || item.key === "annualWeight") {
      value = Number(v.value);
      if (!Number.isFinite(value)) {
        fail(`「${item.label}」应为数字，不是「${v.value}」`);
        continue;
      }
    }
    if (item.key === "starBands" || item.key === "categories" || item.key === "rescale") {
      const parsed = parseJsonCell(v.value);
      if (!parsed.ok) {
        fail(`「${item.label}」${parsed.message}`);
        continue;
      }
      value = parsed.value;
    }
    if (item.key === "code" && !/^[a-z0-9][a-z0-9-]*$/.test(v.value)) {
      fail(`编码「${v.value}」只能包含小写字母、数字和连字符，且以字母或数字开头`);
      continue;
    }
    const checked = frameworkSchema.shape[item.key].safeParse(value);
    if (!checked.success) {
      for (const issue of checked.error.issues)
        fail(`「${item.label}」${issue.path.length ? `${issue.path.join(".")}：` : ""}${issue.message}`);
      continue;
    }
    values[item.key] = checked.data;
  }
  for (const item of INFO_ITEMS) {
    if (
      item.required &&
      values[item.key] === undefined &&
      !problems.errors.some((e) => e.sheet === sheet && e.row === result.rows[item.key])
    ) {
      problems.add(sheet, result.rows[item.key], result.rows[item.key] ? "值" : "项目", `「${item.label}」必填`);
    }
  }
  result.values = values as Partial<Framework>;
  return result;
}

export function readFacts(workbook: ExcelJS.Workbook, problems: Problems): { facts: FactDef[]; rows: number[] } {
  const { sheet, rows, errors } = readSheet(workbook, FACT_SPEC);
  problems.errors.push(...errors);
  const facts: FactDef[] = [];
  const rowOf: number[] = [];
  const seen = new Map<string, number>();
  const headers = { key: "事实名", label: "名称", type: "类型", byLevel: "分级", unit: "计量单位" } as Record<string, string>;
  for (const { row, values: v } of rows) {
    if (errors.some((e) => e.row === row)) continue;
    const type = FACT_TYPES.find((t) => t === v.type || FACT_TYPE_LABELS[t] === v.type);
    if (!type) {
      problems.add(sheet, row, "类型", `未知的事实类型「${v.type}」，可选：${Object.values(FACT_TYPE_LABELS).join("、")}`);
      continue;
    }
    if (v.byLevel !== "" && v.byLevel !== YES && v.byLevel !== NO) {
      problems.add(sheet, row, "分级", `分级应为“是”或“否”，不是「${v.byLevel}」`);
      continue;
    }
    const checked = factDefSchema.safeParse({
      key: v.key,
      label: v.label,
      type,
      ...(v.byLevel !== "" && { byLevel: v.byLevel === YES }),
      ...(v.unit !== "" && { unit: v.unit }),
    });
    if (!checked.success) {
      for (const issue of checked.error.issues) problems.add(sheet, row, headers[String(issue.path[0])] ?? "事实名", issue.message);
      continue;
    }
    const first = seen.get(checked.data.key);
    if (first !== undefined) {
      problems.add(sheet, row, "事实名", `事实名「${checked.data.key}」与第 ${first} 行重复`);
      continue;
    }
    seen.set(checked.data.key, row);
    facts.push(checked.data);
    rowOf.push(row);
  }
  return { facts, rows: rowOf };
}

/** Rules by indicator code, in sheet order; each rule's place for later messages. */
export function readRules(
  workbook: ExcelJS.Workbook,
  problems: Problems,
  ruleRows: WeakMap<Rule, number>,
): Map<string, { rule: Rule; row: number }[]> {
  const { sheet, rows, errors } = readSheet(workbook, RULE_SPEC);
  problems.errors.push(...errors);
  const byIndicator = new Map<string, { rule: Rule; row: number }[]>();
  const seen = new Map<string, number>();
  for (const { row, values: v } of rows) {
    if (errors.some((e) => e.row === row)) continue;
    const parsed = parseJsonCell(v.json);
    if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value)) {
      problems.add(sheet, row, "规则JSON", parsed.ok ? "规则JSON 应为一个对象 {…}" : parsed.message);
      continue;
    }
    const body = parsed.value as Record<string, unknown>;
    const kind = typeof body.kind === "string" ? body.kind : "";
    const label = RULE_KIND_LABELS[kind as Rule["kind"]];
    if (v.kind !== "" && v.kind !== kind && v.kind !== label) {
      problems.add(sheet, row, "类型", `类型「${v.kind}」与规则JSON中的 kind「${label ?? kind}」不符`);
      continue;
    }
    // The JSON's own text wins when it is the 原文 cell up to surrounding spaces (cells are read trimmed).
    const text = typeof body.text === "string" && body.text.trim() === v.text ? body.text : v.text;
    const checked = ruleSchema.safeParse({ ...body, id: v.id, text });
    if (!checked.success) {
      for (const issue of checked.error.issues.slice(0, 5)) {
        const field = issue.path[0];
        const column = field === "id" ? "规则编号" : field === "text" ? "原文" : "规则JSON";
        problems.add(sheet, row, column, `${issue.path.length ? `${issue.path.join(".")}：` : ""}${issue.message}`);
      }
      continue;
    }
    const first = seen.get(v.id);
    if (first !== undefined) {
      problems.add(sheet, row, "规则编号", `规则编号「${v.id}」与第 ${first} 行重复`);
      continue;
    }
    seen.set(v.id, row);
    ruleRows.set(checked.data, row);
    const list = byIndicator.get(v.indicatorCode) ?? [];
    list.push({ rule: checked.data, row });
    byIndicator.set(v.indicatorCode, list);
  }
  return byIndicator;
}

/** The cells of one 指标 row other than its place in the tree, checked against the indicator schema. */
export function indicatorFields(
  v: Record<string, string>,
  fail: (key: string, message: string) => void,
  categories: Framework["categories"],
): Omit<Indicator, "code" | "name" | "children" | "rules"> {
  const fields: Omit<Indicator, "code" | "name" | "children" | "rules"> = {};
  const text = (key: "points" | "assessmentPoint" | "scoringText" | "milestone" | "dueDate" | "lastResult" | "notes") => {
    if (v[key]) fields[key] = v[key];
  };
  for (const key of ["points", "assessmentPoint", "scoringText", "milestone", "dueDate", "lastResult", "notes"] as const) text(key);
  if (v.responsible || v.lead || v.co) {
    fields.responsible = { lead: splitList(v.lead ?? ""), co: splitList(v.co ?? ""), ...(v.responsible && { text: v.responsible }) };
  }
  const flag = (key: "isNew" | "bonus"): boolean | undefined => {
    if (!v[key]) return undefined;
    if (v[key] === YES || v[key] === NO) return v[key] === YES;
    fail(key, `应为“是”或“否”，不是「${v[key]}」`);
    return undefined;
  };
  const isNew = flag("isNew");
  if (isNew !== undefined) fields.isNew = isNew;
  const bonus = flag("bonus");
  if (bonus !== undefined) fields.part = bonus ? "bonus" : "base";
  if (v.basis) {
    const basis = (Object.keys(BASIS_LABELS) as (keyof typeof BASIS_LABELS)[]).find((b) => b === v.basis || BASIS_LABELS[b] === v.basis);
    if (basis) fields.basis = basis;
    else fail("basis", `计分方式应为“扣分制”或“加分制”，不是「${v.basis}」`);
  }
  if (v.range) {
    const m = v.range.match(/^\s*(-?\d+(?:\.\d+)?)?\s*[~～]\s*(-?\d+(?:\.\d+)?)?\s*$/);
    if (m) fields.range = { ...(m[1] !== undefined && { min: m[1] }), ...(m[2] !== undefined && { max: m[2] }) };
    else fail("range", `得分范围应写作“最低~最高”，如 -5~5，不是「${v.range}」`);
  }
  if (v.declaredChildren) {
    const n = Number(v.declaredChildren);
    if (Number.isInteger(n) && n > 0) fields.declaredChildren = n;
    else fail("declaredChildren", `声明下级数应为正整数，不是「${v.declaredChildren}」`);
  }
  if (v.appliesTo) {
    if (v.appliesTo === NONE) fields.appliesTo = [];
    else {
      const codes: string[] = [];
      for (const token of splitList(v.appliesTo)) {
        const category = (categories ?? []).find((c) => c.code === token || c.label === token);
        if (category) codes.push(category.code);
        else {
          const known = (categories ?? []).map((c) => c.label).join("、");
          fail("appliesTo", `未知的单位类别「${token}」${known ? `，可选：${known}` : "（先在「体系信息」的单位类别中定义）"}`);
        }
      }
      fields.appliesTo = codes;
    }
  }
  return fields;
}

export interface IndicatorTree {
  indicators: Indicator[];
  rowOf: WeakMap<Indicator, number>;
  sheet: string;
}

export const NAME_POINTS = /^(.*?)\s*[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$/;

export function readIndicators(workbook: ExcelJS.Workbook, problems: Problems, categories: Framework["categories"]): IndicatorTree {
  const known = new Set<string>(SHEET_ORDER);
  const found = workbook.getWorksheet(SHEET.indicators) ?? workbook.worksheets.find((s) => !known.has(s.name) && s.name !== "填写说明");
  const tree: IndicatorTree = { indicators: [], rowOf: new WeakMap(), sheet: SHEET.indicators };
  if (!found) {
    problems.add(SHEET.indicators, undefined, undefined, "缺少工作表「指标」");
    return tree;
  }
  const spec = indicatorSpec(MAX_LEVELS, found.name);
  const { sheet, rows, columns } = readSheet(workbook, spec, { mergedAsEmpty: true });
  tree.sheet = sheet;
  if (!columns.some((c) => c.startsWith("level"))) {
    problems.add(sheet, 1, levelHeader(1), "缺少指标名称列（一级指标、二级指标……）");
    return tree;
  }
  if (!rows.length) {
    problems.add(sheet, 2, levelHeader(1), "没有指标");
    return tree;
  }
  const levelsOf = (v: Record<string, string>) =>
    Array.from({ length: MAX_LEVELS }, (_, i) => ({ level: i + 1, name: v[`level${i + 1}`] ?? "" })).filter((l) => l.name !== "");
  const byCode = rows.some((r) => r.values.code !== "");
  const build = byCode ? buildByCode : buildByLevels;
  build(rows, { problems, sheet, categories, tree, levelsOf });
  return tree;
}

export interface BuildContext {
  problems: Problems;
  sheet: string;
  categories: Framework["categories"];
  tree: IndicatorTree;
  levelsOf: (v: Record<string, string>) => { level: number; name: string }[];
}

/** One indicator from its row; schema problems name the row's column. */
export function makeIndicator(
  ctx: BuildContext,
  row: number,
  v: Record<string, string>,
  code: string,
  name: string,
  nameColumn: string,
  withFields: boolean,
): Indicator {
  const fail = (key: string, message: string) => ctx.problems.add(ctx.sheet, row, INDICATOR_HEADERS[key] ?? key, message);
  const fields = withFields ? indicatorFields(v, fail, ctx.categories) : {};
  const indicator: Indicator = { code, name, ...fields };
  const checked = indicatorSchema.safeParse(indicator);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const key = String(issue.path[0] ?? "code");
      ctx.problems.add(ctx.sheet, row, key === "name" ? nameColumn : (INDICATOR_HEADERS[key] ?? key), issue.message);
    }
  }
  ctx.tree.rowOf.set(indicator, row);
  return indicator;
}

/** 编码 / 上级编码 give the tree; the name is the deepest level column filled. */
export function buildByCode(rows: { row: number; values: Record<string, string> }[], ctx: BuildContext): void {
  const { problems, sheet } = ctx;
  const nodes = new Map<string, { indicator: Indicator; parentCode: string | null; row: number }>();
  const order: string[] = [];
  for (const { row, values: v } of rows) {
    if (!v.code) {
      problems.add(sheet, row, "编码", "已有行填写编码时，每一行都须填写编码");
      continue;
    }
    const levels = ctx.levelsOf(v);
    const deepest = levels.at(-1);
    if (!deepest) {
      problems.add(sheet, row, levelHeader(1), "须填写指标名称（一级指标、二级指标……列之一）");
      continue;
    }
    const first = nodes.get(v.code);
    if (first) {
      problems.add(sheet, row, "编码", `指标编码「${v.code}」与第 ${first.row} 行重复`);
      continue;
    }
    const indicator = makeIndicator(ctx, row, v, v.code, deepest.name, levelHeader(deepest.level), true);
    nodes.set(v.code, { indicator, parentCode: v.parentCode || null, row });
    order.push(v.code);
  }
  for (const node of nodes.values()) {
    if (node.parentCode === node.indicator.code) problems.add(sheet, node.row, "上级编码", "上级编码不能是自己");
    else if (node.parentCode && !nodes.has(node.parentCode))
      problems.add(sheet, node.row, "上级编码", `上级编码「${node.parentCode}」在本表中不存在`);
  }
  if (problems.errors.some((e) => e.sheet === sheet)) return;
  const cycle = findCycle(new Map([...nodes].map(([code, n]) => [code, n.parentCode])));
  if (cycle) {
    for (const code of cycle) problems.add(sheet, nodes.get(code)!.row, "上级编码", `上级编码形成循环：${cycle.join(" → ")} → ${cycle[0]}`);
    return;
  }
  for (const code of order) {
    const node = nodes.get(code)!;
    if (!node.parentCode) {
      ctx.tree.indicators.push(node.indicator);
      continue;
    }
    const parent = nodes.get(node.parentCode)!.indicator;
    parent.children = [...(parent.children ?? []), node.indicator];
  }
}

/** No codes: a filled 一级指标 starts a first-level node, 二级指标 a child of it, …; codes 1, 1.1, 1.1.1. */
export function buildByLevels(rows: { row: number; values: Record<string, string> }[], ctx: BuildContext): void {
  const { problems, sheet } = ctx;
  const stack: Indicator[] = [];
  for (const { row, values: v } of rows) {
    if (v.parentCode) problems.add(sheet, row, "上级编码", "填写上级编码时须同时填写编码（或两列都留空，按层级列组织）");
    const levels = ctx.levelsOf(v);
    if (!levels.length) {
      problems.add(sheet, row, levelHeader(1), "须填写指标名称（一级指标、二级指标……列之一）");
      continue;
    }
    for (const [i, { level, name: cell }] of levels.entries()) {
      if (level > stack.length + 1) {
        problems.add(sheet, row, levelHeader(level), `前面没有${levelHeader(level - 1)}，不能直接填写${levelHeader(level)}`);
        break;
      }
      const isDeepest = i === levels.length - 1;
      const parent = level > 1 ? stack[level - 2]! : null;
      const siblings = parent ? (parent.children ?? []) : ctx.tree.indicators;
      const code = parent ? `${parent.code}.${siblings.length + 1}` : String(siblings.length + 1);
      const suffix = cell.match(NAME_POINTS);
      const pointsInName = suffix && (!isDeepest || !v.points) ? suffix[2] : undefined;
      const indicator = makeIndicator(ctx, row, v, code, pointsInName ? suffix![1]! : cell, levelHeader(level), isDeepest);
      if (pointsInName) indicator.points = pointsInName;
      if (parent) parent.children = [...siblings, indicator];
      else ctx.tree.indicators.push(indicator);
      stack.length = level - 1;
      stack.push(indicator);
    }
  }
}

/**
 * Reads a framework workbook: 体系信息 for the framework's fields, 指标 for
 * the tree (by 编码/上级编码, or by which level column is filled), rules from
 * 规则 when the sheet exists, else recognised from each leaf's 评分标准 (what
 * is not recognised becomes a manual rule and a warning naming the row).
 * Every problem names sheet, row and column; on any, nothing is returned.
 */
export async function parseFrameworkWorkbook(buffer: Buffer): Promise<{ framework: Framework; warnings: string[] }> {
  const workbook = await loadWorkbook(buffer);
  const problems = new Problems();
  const warnings: string[] = [];
  const info = readInfo(workbook, problems);
  const ruleRows = new WeakMap<Rule, number>();
  const factSheet = workbook.getWorksheet(SHEET.facts) ? readFacts(workbook, problems) : null;
  const ruleSheet = workbook.getWorksheet(SHEET.rules) ? readRules(workbook, problems, ruleRows) : null;
  const tree = readIndicators(workbook, problems, info.values.categories);
  const facts = [...(factSheet?.facts ?? [])];
  const factKeys = new Set(facts.map((f) => f.key));

  const walk = (indicators: Indicator[], inherited: "base" | "bonus") => {
    for (const indicator of indicators) {
      const part = indicator.part ?? inherited;
      const row = tree.rowOf.get(indicator);
      const rules = ruleSheet?.get(indicator.code);
      if (rules) {
        indicator.rules = rules.map((r) => r.rule);
        ruleSheet!.delete(indicator.code);
      } else if (!ruleSheet && indicator.scoringText && indicator.children?.length) {
        warnings.push(`指标第 ${row} 行「${indicator.code} ${indicator.name}」有下级指标，其评分标准未转换为规则`);
      } else if (!ruleSheet && indicator.scoringText) {
        const found = recognizeRules(indicator.scoringText, { indicatorCode: indicator.code, points: indicator.points, part });
        if (found.rules.length) indicator.rules = found.rules;
        for (const fact of found.facts) {
          if (factKeys.has(fact.key))
            problems.add(tree.sheet, row, "评分标准", `识别出的事实名「${fact.key}」与已有事实重名（「事实」表或其他指标）`);
          factKeys.add(fact.key);
          facts.push(fact);
        }
        for (const text of found.unrecognized) {
          warnings.push(`指标第 ${row} 行「${indicator.code} ${indicator.name}」评分标准未能识别，已作为人工评分规则：${text}`);
        }
      }
      walk(indicator.children ?? [], part);
    }
  };
  walk(tree.indicators, "base");
  for (const [code, rules] of ruleSheet ?? []) {
    for (const { row } of rules) problems.add(SHEET.rules, row, "指标编码", `指标编码「${code}」在「指标」表中不存在`);
  }

  if (!problems.errors.length) {
    const candidate = { ...info.values, facts, indicators: tree.indicators };
    const checked = frameworkSchema.safeParse(candidate);
    if (checked.success) return { framework: checked.data, warnings };
    for (const issue of checked.error.issues) {
      const place = locate(issue.path, candidate, { tree, ruleRows, info, factRows: factSheet?.rows ?? [] });
      problems.add(place.sheet, place.row, place.column, `${issue.path.join(".")}：${issue.message}`);
    }
  }
  throw importInvalid(problems.sorted());
}

/** Where a framework schema issue sits in the workbook (a safety net: cells are checked as they are read). */
export function locate(
  path: PropertyKey[],
  candidate: { indicators: Indicator[] },
  places: { tree: IndicatorTree; ruleRows: WeakMap<Rule, number>; info: InfoResult; factRows: number[] },
): { sheet: string; row?: number; column?: string } {
  if (path[0] === "facts") return { sheet: SHEET.facts, row: places.factRows[Number(path[1])], column: "事实名" };
  if (path[0] !== "indicators") {
    return { sheet: SHEET.info, row: places.info.rows[path[0] as InfoKey], column: "值" };
  }
  let node: Indicator | undefined = candidate.indicators[Number(path[1])];
  let i = 2;
  while (node && path[i] === "children") {
    node = node.children?.[Number(path[i + 1])];
    i += 2;
  }
  const row = node ? places.tree.rowOf.get(node) : undefined;
  if (node && path[i] === "rules") {
    const rule = node.rules?.[Number(path[i + 1])];
    const ruleRow = rule ? places.ruleRows.get(rule) : undefined;
    return ruleRow !== undefined
      ? { sheet: SHEET.rules, row: ruleRow, column: "规则JSON" }
      : { sheet: places.tree.sheet, row, column: "评分标准" };
  }
  return { sheet: places.tree.sheet, row, column: INDICATOR_HEADERS[String(path[i])] ?? String(path[i] ?? "编码") };
}
