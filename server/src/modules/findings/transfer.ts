import {
  baseFacts,
  type ErrorDetail,
  type FindingInput,
  type Framework,
  RULE_KIND_LABELS,
  type Rule,
  type RuleTerm,
  SOURCE_LEVEL_LABELS,
  SOURCE_LEVELS,
  type SourceLevel,
  TermError,
  termTarget,
} from "@kaoping/core";
import ExcelJS from "exceljs";
import { findings } from "../../platform/db/schema.ts";
import { importInvalid, loadWorkbook, readSheet, type SheetContent, type SheetSpec, writeSheets } from "../../platform/excel/workbook.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import type { CampaignUnitRow } from "../campaigns/policy.ts";
import { newFindingValues, openForRecording } from "./commands.ts";
import { auditFinding } from "./presenter.ts";
import { checkFinding, type FindingField, type FindingScope } from "./validation.ts";

export const FINDING_SHEET = "问题台账";
type FindingSheetKey = Exclude<FindingField, "unitId"> | "unitCode";

export const FINDING_SHEET_SPEC: SheetSpec<FindingSheetKey> = {
  name: FINDING_SHEET,
  columns: [
    { key: "unitCode", header: "单位编码", required: true, width: 16 },
    { key: "indicatorCode", header: "指标编号", required: true, width: 12 },
    { key: "ruleId", header: "细则编号", required: true, width: 16 },
    { key: "fact", header: "事实", required: false, width: 14 },
    { key: "sourceLevel", header: "来源层级", required: false, width: 12, options: SOURCE_LEVELS.map((l) => SOURCE_LEVEL_LABELS[l]) },
    { key: "count", header: "次数", required: false, width: 8 },
    { key: "points", header: "分值", required: false, width: 8 },
    { key: "subject", header: "所涉内容", required: false, width: 20 },
    { key: "noticeNo", header: "通报文号", required: false, width: 24 },
    { key: "foundOn", header: "发现日期", required: false, width: 14 },
    { key: "description", header: "问题描述", required: true, width: 50 },
  ],
};

const RULE_SHEET: SheetSpec = {
  name: "细则",
  columns: [
    { key: "ruleId", header: "细则编号", required: false, width: 16 },
    { key: "indicatorCode", header: "指标编号", required: false, width: 12 },
    { key: "indicatorName", header: "指标名称", required: false, width: 24 },
    { key: "text", header: "细则内容", required: false, width: 60 },
    { key: "needs", header: "登记要求", required: false, width: 50 },
  ],
};

export const UNIT_SHEET: SheetSpec = {
  name: "单位",
  columns: [
    { key: "code", header: "单位编码", required: false, width: 16 },
    { key: "name", header: "单位名称", required: false, width: 36 },
    { key: "category", header: "类别", required: false, width: 14 },
  ],
};

const TEMPLATE_NOTES = [
  "问题台账导入填写说明：",
  "1. 带 * 的列必填；表头请勿修改。单位编码见“单位”表，指标编号与细则编号见“细则”表，细则须属于所填指标。",
  `2. 按来源层级计分的细则须填写来源层级（${SOURCE_LEVELS.map((l) => SOURCE_LEVEL_LABELS[l]).join("、")}）。`,
  "3. 次数默认为 1。视情计分的细则须填写分值（在细则的范围内），问题描述即计分理由；其他细则不填分值。",
  "4. 涉及多个事实的细则须填写事实（见“细则”表的登记要求）。“同一内容取最高分”的细则须填写所涉内容或事项（同一内容写法须一致）。",
  "5. 按比率、名次、成绩计分的细则请在“测评数据”中录入，不在此登记。",
  "6. 发现日期格式如 2026-03-15。",
  "7. 任何一行有错时整个文件都不会导入。导入的问题为草稿，确认后计入得分；导入时选择“直接确认”则立即计入。",
];

const header = (key: FindingSheetKey) => FINDING_SHEET_SPEC.columns.find((c) => c.key === key)!.header;
const columnOf = (field: FindingField) => header(field === "unitId" ? "unitCode" : field);
const levelByLabel = new Map<string, SourceLevel>(SOURCE_LEVELS.flatMap((l) => [[SOURCE_LEVEL_LABELS[l], l] as const, [l, l] as const]));
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What a rule needs on a finding, for the “细则” sheet. */
export function ruleRequirement(framework: Framework, term: Pick<RuleTerm, "rule" | "needsSubject">): string {
  const needs = termRequirement(framework, term.rule);
  return term.needsSubject ? `${needs}，并填写所涉内容（同一内容取最高分，不同内容相加）` : needs;
}

function termRequirement(framework: Framework, rule: Rule): string {
  if (rule.kind === "max_of" || rule.kind === "group_max") return `“${RULE_KIND_LABELS[rule.kind]}”组合：请登记其中的具体细则`;
  try {
    const target = termTarget(framework, rule);
    if (target.kind === "manual" && target.each) return `每起一行，填写该起的分值（${target.min}–${target.max}），问题描述即计分理由`;
    if (target.kind === "manual") return `填写分值（${target.min}–${target.max}），问题描述即计分理由`;
    if (target.kind === "measurement") return "按测评数据计分，请在“测评数据”中录入";
    if (target.kind === "flag") return "登记即生效（无需次数）";
    if (rule.kind === "per_count" && rule.amountByLevel) {
      const priced = rule.amountByLevel;
      const levels = SOURCE_LEVELS.filter((l) => priced[l] !== undefined).map((l) => `${SOURCE_LEVEL_LABELS[l]} ${priced[l]} 分`);
      return `填写次数与来源层级（${levels.join("、")}）`;
    }
    return "填写次数";
  } catch (error) {
    if (!(error instanceof TermError)) throw error;
    return `须填写事实（${baseFacts(rule).join("、")}）`;
  }
}

/**
 * Adds drop-downs whose values are a column of another sheet: a list typed
 * into the rule itself is capped at 255 characters, which a few dozen unit
 * codes already exceed.
 */
export async function withRangeLists(
  buffer: Buffer,
  lists: { sheet: string; column: number; source: string; count: number }[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  for (const list of lists) {
    const sheet = workbook.getWorksheet(list.sheet)!;
    const letter = sheet.getColumn(list.column).letter;
    const formula = `'${list.source}'!$A$2:$A$${Math.max(list.count + 1, 2)}`;
    for (let r = 2; r <= 500; r++) {
      sheet.getCell(`${letter}${r}`).dataValidation = { type: "list", allowBlank: false, formulae: [formula] };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The campaign's units, in its order, as the sheet unit-code drop-downs read from. */
export function unitSheet(units: Map<string, CampaignUnitRow>): SheetContent {
  const ordered = [...units.values()].sort((a, b) => a.sortOrder - b.sortOrder);
  return { spec: UNIT_SHEET, rows: ordered.map((u) => ({ code: u.code, name: u.name, category: u.category })) };
}

/** The import template of one campaign: the ledger sheet with drop-downs, its rules and its units. */
export async function findingTemplateWorkbook(scope: FindingScope): Promise<Buffer> {
  const rules = [...scope.rules.entries()].map(([id, term]) => ({
    ruleId: id,
    indicatorCode: term.indicatorCode,
    indicatorName: scope.indicators.get(term.indicatorCode)?.indicator.name ?? "",
    text: term.rule.text,
    needs: ruleRequirement(scope.framework, term),
  }));
  const sheets: SheetContent[] = [{ spec: FINDING_SHEET_SPEC, rows: [] }, { spec: RULE_SHEET, rows: rules }, unitSheet(scope.units)];
  const buffer = await writeSheets(sheets, TEMPLATE_NOTES);
  return withRangeLists(buffer, [{ sheet: FINDING_SHEET, column: 1, source: UNIT_SHEET.name, count: scope.units.size }]);
}

/** One ledger row as read: the finding input without its unit id, and the unit code to resolve. */
export interface FindingSheetRow {
  row: number;
  unitCode: string;
  input: Omit<FindingInput, "unitId">;
}

/** Reads the ledger sheet; cell problems (level, count, date, lengths) come back with the rows, not thrown. */
export async function parseFindingWorkbook(buffer: Buffer): Promise<{ sheet: string; rows: FindingSheetRow[]; errors: ErrorDetail[] }> {
  const workbook = await loadWorkbook(buffer);
  const { sheet, rows, errors } = readSheet(workbook, FINDING_SHEET_SPEC);
  const out = rows.map(({ row, values: v }) => {
    const fail = (key: FindingSheetKey, message: string) => errors.push({ sheet, row, column: header(key), message });
    const sourceLevel = v.sourceLevel ? levelByLabel.get(v.sourceLevel) : null;
    if (sourceLevel === undefined)
      fail("sourceLevel", `来源层级应为：${SOURCE_LEVELS.map((l) => SOURCE_LEVEL_LABELS[l]).join("、")}，不是「${v.sourceLevel}」`);
    const count = v.count === "" ? 1 : Number(v.count);
    if (!Number.isInteger(count) || count < 1 || count > 10_000) fail("count", `次数应为 1–10000 的整数，不是「${v.count}」`);
    if (v.foundOn && !(DATE.test(v.foundOn) && !Number.isNaN(Date.parse(v.foundOn))))
      fail("foundOn", `发现日期应如 2026-03-15，不是「${v.foundOn}」`);
    if (v.noticeNo.length > 100) fail("noticeNo", "通报文号最长 100 个字");
    if (v.subject.length > 100) fail("subject", "所涉内容最长 100 个字");
    if (v.description.length > 2000) fail("description", "问题描述最长 2000 个字");
    const input: FindingSheetRow["input"] = {
      indicatorCode: v.indicatorCode,
      ruleId: v.ruleId,
      fact: v.fact || undefined,
      sourceLevel: sourceLevel ?? null,
      count: Number.isInteger(count) ? count : 1,
      points: v.points || null,
      subject: v.subject || null,
      noticeNo: v.noticeNo || null,
      foundOn: v.foundOn || null,
      description: v.description,
    };
    return { row, unitCode: v.unitCode, input };
  });
  return { sheet, rows: out, errors };
}

/**
 * Imports a ledger all-or-nothing: every row through the same check as a
 * single finding, every error with its row and column, nothing written unless
 * all pass. Rows become drafts, or confirmed findings when `confirm` is set.
 */
export async function importFindings(options: {
  ctx: CommandContext;
  campaignId: string;
  parsed: Awaited<ReturnType<typeof parseFindingWorkbook>>;
  confirm: boolean;
  source?: string;
}): Promise<{ created: number; status: "draft" | "confirmed" }> {
  const { ctx, campaignId, parsed, confirm } = options;
  const { scope } = await openForRecording(ctx, campaignId, "导入问题");
  const byCode = new Map<string, CampaignUnitRow>([...scope.units.values()].map((u) => [u.code, u]));
  const errors = [...parsed.errors];
  const values: ReturnType<typeof newFindingValues>[] = [];
  for (const { row, unitCode, input } of parsed.rows) {
    const full: FindingInput = { ...input, unitId: byCode.get(unitCode)?.unitId ?? "" };
    const result = checkFinding(scope, full);
    if (!result.ok) {
      // A cell already reported as unreadable is not reported again for what its blank stand-in lacks.
      const unreadable = new Set(parsed.errors.filter((e) => e.row === row).map((e) => e.column));
      for (const e of result.errors) {
        if (!unreadable.has(columnOf(e.field))) errors.push({ sheet: parsed.sheet, row, column: columnOf(e.field), message: e.message });
      }
    } else {
      values.push(newFindingValues(ctx, campaignId, full, result.value, confirm));
    }
  }
  if (errors.length) throw importInvalid(errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)));
  const status = confirm ? "confirmed" : "draft";
  // Chunks keep each INSERT under PostgreSQL's 65 535 bind parameters.
  for (let i = 0; i < values.length; i += 1000) {
    const rows = await ctx.tx
      .insert(findings)
      .values(values.slice(i, i + 1000))
      .returning();
    await ctx.auditMany(
      rows.map((row) => ({
        action: "finding.import",
        businessType: "import" as const,
        entityType: "finding",
        entityId: row.id,
        after: auditFinding(row, scope.units.get(row.unitId)?.code),
      })),
    );
  }
  await ctx.audit({
    action: "finding.import.summary",
    businessType: "import",
    entityType: "finding",
    entityId: campaignId,
    after: { created: values.length, status, source: options.source ?? null },
  });
  return { created: values.length, status };
}
