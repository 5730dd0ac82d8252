import { type ErrorDetail, FACT_TYPE_LABELS, type FactDef } from "@kaoping/core";
import { importInvalid, loadWorkbook, readSheet, type SheetSpec, writeSheets } from "../../platform/excel/workbook.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { openForRecording } from "../findings/commands.ts";
import { UNIT_SHEET, unitSheet, withRangeLists } from "../findings/transfer.ts";
import type { FindingScope } from "../findings/validation.ts";
import { auditKey, checkMeasurement, type MeasurementField, type MeasurementInput, measuredFacts, upsert } from "./commands.ts";

export const MEASUREMENT_SHEET = "测评数据";
type SheetKey = "unitCode" | "fact" | "value" | "note";

export const MEASUREMENT_SHEET_SPEC: SheetSpec<SheetKey> = {
  name: MEASUREMENT_SHEET,
  columns: [
    { key: "unitCode", header: "单位编码", required: true, width: 16 },
    { key: "fact", header: "事实", required: true, width: 18 },
    { key: "value", header: "数值", required: true, width: 12 },
    { key: "note", header: "备注", required: false, width: 40 },
  ],
};

const FACT_SHEET: SheetSpec = {
  name: "事实",
  columns: [
    { key: "key", header: "事实", required: false, width: 18 },
    { key: "label", header: "名称", required: false, width: 24 },
    { key: "type", header: "类型", required: false, width: 10 },
    { key: "unit", header: "单位", required: false, width: 10 },
  ],
};

const TEMPLATE_NOTES = [
  "测评数据导入填写说明：",
  "1. 带 * 的列必填；表头请勿修改。单位编码见“单位”表，事实见“事实”表（填事实或其名称均可）。",
  "2. 数值、成绩填数字；百分比填百分数本身（网办率 85% 填 85）；名次填正整数；“是否”类填“是”或“否”。",
  "3. 同一单位同一事实已有数据时，导入的数值替换原值。",
  "4. 通报问题的次数由问题台账累计，不在此录入。",
  "5. 任何一行有错时整个文件都不会导入。",
];

const header = (key: SheetKey) => MEASUREMENT_SHEET_SPEC.columns.find((c) => c.key === key)!.header;
const columnOf: Record<MeasurementField, string> = { unitId: header("unitCode"), fact: header("fact"), value: header("value") };
const YES = new Set(["是", "true", "TRUE", "True", "1"]);
const NO = new Set(["否", "false", "FALSE", "False", "0"]);

/** The template of one campaign: the sheet to fill, its measurable facts and its units. */
export async function measurementTemplateWorkbook(scope: FindingScope): Promise<Buffer> {
  const facts = measuredFacts(scope);
  const buffer = await writeSheets(
    [
      { spec: MEASUREMENT_SHEET_SPEC, rows: [] },
      { spec: FACT_SHEET, rows: facts.map((f) => ({ key: f.key, label: f.label, type: FACT_TYPE_LABELS[f.type], unit: f.unit ?? null })) },
      unitSheet(scope.units),
    ],
    TEMPLATE_NOTES,
  );
  return withRangeLists(buffer, [
    { sheet: MEASUREMENT_SHEET, column: 1, source: UNIT_SHEET.name, count: scope.units.size },
    { sheet: MEASUREMENT_SHEET, column: 2, source: FACT_SHEET.name, count: facts.length },
  ]);
}

/** A cell's text as the fact's value: 是/否 for flags, a number (a trailing % allowed) otherwise. */
function cellValue(def: FactDef | undefined, text: string): MeasurementInput["value"] | undefined {
  if (def?.type === "boolean") return YES.has(text) ? true : NO.has(text) ? false : undefined;
  const number = Number(text.replace(/%$/, ""));
  return text !== "" && Number.isFinite(number) ? number : undefined;
}

/**
 * Imports measurements all-or-nothing: each row through the same check as a
 * single entry, a unit and fact at most once per file, then every row upserted.
 */
export async function importMeasurements(options: { ctx: CommandContext; campaignId: string; buffer: Buffer; source?: string }) {
  const { ctx, campaignId } = options;
  const workbook = await loadWorkbook(options.buffer);
  const { sheet, rows, errors } = readSheet(workbook, MEASUREMENT_SHEET_SPEC);
  const { scope } = await openForRecording(ctx, campaignId, "导入测评数据");
  const unitByCode = new Map([...scope.units.values()].map((u) => [u.code, u.unitId]));
  const factByName = new Map(scope.framework.facts.flatMap((f) => [[f.key, f] as const, [f.label, f] as const]));
  const seen = new Map<string, number>();
  const inputs: MeasurementInput[] = [];
  for (const { row, values: v } of rows) {
    const fail = (column: string, message: string) => errors.push({ sheet, row, column, message } satisfies ErrorDetail);
    const def = factByName.get(v.fact);
    const input: MeasurementInput = {
      unitId: unitByCode.get(v.unitCode) ?? "",
      fact: def?.key ?? v.fact,
      value: cellValue(def, v.value) ?? null,
      note: v.note || null,
    };
    const problems = checkMeasurement(scope, input);
    for (const p of problems) fail(columnOf[p.field], p.message);
    if (!problems.length && input.value === null && v.value !== "")
      fail(header("value"), `事实 ${input.fact}（${def!.label}）的数值「${v.value}」无法识别`);
    const key = `${v.unitCode}\u0000${input.fact}`;
    if (seen.has(key)) fail(header("fact"), `单位 ${v.unitCode} 的事实 ${input.fact} 与第 ${seen.get(key)} 行重复`);
    seen.set(key, row);
    inputs.push(input);
  }
  if (errors.length) throw importInvalid(errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)));
  for (let i = 0; i < inputs.length; i += 1000) {
    const saved = await upsert(
      ctx,
      inputs.slice(i, i + 1000).map((m) => ({ campaignId, unitId: m.unitId, fact: m.fact, value: m.value!, note: m.note ?? null })),
    );
    await ctx.auditMany(
      saved.map((m) => ({
        action: "measurement.import",
        businessType: "import" as const,
        entityType: "measurement",
        entityId: auditKey(campaignId, m),
        after: { unitCode: scope.units.get(m.unitId)?.code, fact: m.fact, value: m.value, note: m.note },
      })),
    );
  }
  await ctx.audit({
    action: "measurement.import.summary",
    businessType: "import",
    entityType: "measurement",
    entityId: campaignId,
    after: { saved: inputs.length, source: options.source ?? null },
  });
  return { saved: inputs.length };
}
