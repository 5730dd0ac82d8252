import { CAMPAIGN_STATUS_LABELS, type CampaignStatus, type ErrorDetail, entryApplies, type Framework, indicatorIndex } from "@kaoping/core";
import { and, asc, eq } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { campaignUnits } from "../../platform/db/schema.ts";
import { AppError, conflict } from "../../platform/errors.ts";
import { importInvalid, loadWorkbook, readSheet, type SheetSpec, writeSheets } from "../../platform/excel/workbook.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { type CampaignRow, type CampaignUnitRow, campaignFramework, loadCampaign, loadCampaignUnit } from "./policy.ts";

/**
 * Per-unit indicator selection (逐单位选定适用指标): seed 004's 中省直单位 are assessed on
 * “相关任务” only, so the office picks each such unit's indicators, on top of what the
 * framework's categories allow. Null = all of them. Scores, self-check items and the
 * unit's 适用满分 follow the choice.
 */

// A published result is frozen: a choice made after it would silently differ from it.
const FROZEN: ReadonlySet<CampaignStatus> = new Set(["published", "archived"]);
const ALL = new Set(["", "全部", "全部指标"]);

/** What is wrong with a unit's chosen indicator codes (by position), against the framework and the unit's category. */
export function choiceProblems(framework: Framework, unit: Pick<CampaignUnitRow, "category">, codes: readonly string[]): string[][] {
  const index = indicatorIndex(framework);
  return codes.map((code, i) => {
    const entry = index.get(code);
    if (!entry) return [`指标体系中没有编号为 ${code} 的指标`];
    if (!entryApplies(entry, unit.category))
      return [`指标 ${code} ${entry.indicator.name} 不适用于该单位的类别（${categoryLabel(framework, unit.category)}）`];
    if (codes.indexOf(code) !== i) return [`指标 ${code} 重复`];
    return [];
  });
}

const categoryLabel = (framework: Framework, category: string | null) =>
  (category && framework.categories?.find((c) => c.code === category)?.label) || category || "未分类";

async function openForChoice(ctx: CommandContext, campaignId: string): Promise<CampaignRow> {
  const { campaign } = await loadCampaign(ctx.tx, ctx.principal, campaignId, { forUpdate: true });
  const status = campaign.status as CampaignStatus;
  if (FROZEN.has(status)) throw conflict(`考核处于“${CAMPAIGN_STATUS_LABELS[status]}”阶段，成绩已发布，不能再调整单位的适用指标`);
  return campaign;
}

async function saveChoice(
  ctx: CommandContext,
  campaign: CampaignRow,
  unit: CampaignUnitRow,
  codes: string[] | null,
  action: "campaign.unit_indicators" | "campaign.unit_indicators.import",
) {
  await ctx.tx
    .update(campaignUnits)
    .set({ indicatorCodes: codes })
    .where(and(eq(campaignUnits.campaignId, campaign.id), eq(campaignUnits.unitId, unit.unitId)));
  await ctx.audit({
    action,
    businessType: action.endsWith("import") ? "import" : "update",
    entityType: "campaign_unit",
    entityId: `${campaign.id}:${unit.unitId}`,
    before: { unitCode: unit.code, indicatorCodes: unit.indicatorCodes ?? null },
    after: { unitCode: unit.code, indicatorCodes: codes },
  });
}

/** Sets one unit's chosen indicators (null: every indicator its category allows). */
export async function setUnitIndicators(options: {
  ctx: CommandContext;
  campaignId: string;
  unitId: string;
  indicatorCodes: string[] | null;
}) {
  const { ctx, indicatorCodes } = options;
  const campaign = await openForChoice(ctx, options.campaignId);
  const access = await loadCampaign(ctx.tx, ctx.principal, campaign.id);
  const unit = await loadCampaignUnit(ctx.tx, access, options.unitId);
  if (indicatorCodes) {
    const details: ErrorDetail[] = choiceProblems(campaignFramework(campaign), unit, indicatorCodes).flatMap((messages, i) =>
      messages.map((message) => ({ path: ["body", "indicatorCodes", i], message })),
    );
    if (details.length) throw new AppError("VALIDATION", `适用指标有误：${details[0]!.message}`, details);
  }
  await saveChoice(ctx, campaign, unit, indicatorCodes, "campaign.unit_indicators");
  return { unitId: unit.unitId, indicatorCodes };
}

export const CHOICE_SHEET = "适用指标";
type ChoiceKey = "unitCode" | "unitName" | "category" | "indicators";
const CHOICE_SPEC: SheetSpec<ChoiceKey> = {
  name: CHOICE_SHEET,
  columns: [
    { key: "unitCode", header: "单位编码", required: true, width: 16 },
    { key: "unitName", header: "单位名称", required: false, width: 32 },
    { key: "category", header: "类别", required: false, width: 16 },
    { key: "indicators", header: "适用指标", required: false, width: 48 },
  ],
};
const INDICATOR_SHEET: SheetSpec = {
  name: "指标",
  columns: [
    { key: "code", header: "指标编号", required: false, width: 12 },
    { key: "name", header: "指标名称", required: false, width: 48 },
    { key: "points", header: "分值", required: false, width: 8 },
    { key: "appliesTo", header: "适用类别", required: false, width: 24 },
  ],
};
const NOTES = [
  "适用指标导入填写说明：",
  "1. 每行一个参评单位，单位编码必填；“适用指标”填指标编号，用顿号、逗号或空格分隔（如 2、3.1、4）。",
  "2. 选定一级或二级指标即包含其下全部指标；“适用指标”留空或填“全部”表示按指标体系的单位类别适用全部指标。",
  "3. 所选指标须适用于该单位的类别（见“指标”表的适用类别）。文件中未列出的单位保持原选择。",
  "4. 任何一行有错时整个文件都不会导入。",
];

const splitCodes = (text: string) => text.split(/[、,，;；\s]+/).filter(Boolean);

/** The template: every campaign unit with its current choice, and the indicators to choose from. */
export async function unitIndicatorWorkbook(db: Db | Tx, campaign: CampaignRow): Promise<Buffer> {
  const framework = campaignFramework(campaign);
  const units = await db
    .select()
    .from(campaignUnits)
    .where(eq(campaignUnits.campaignId, campaign.id))
    .orderBy(asc(campaignUnits.sortOrder));
  const labels = (codes: string[] | undefined) => (codes?.length ? codes.map((c) => categoryLabel(framework, c)).join("、") : "全部");
  return writeSheets(
    [
      {
        spec: CHOICE_SPEC,
        rows: units.map((u) => ({
          unitCode: u.code,
          unitName: u.name,
          category: categoryLabel(framework, u.category),
          indicators: u.indicatorCodes?.join("、") ?? "全部",
        })),
      },
      {
        spec: INDICATOR_SHEET,
        rows: [...indicatorIndex(framework).values()].map((e) => ({
          code: e.indicator.code,
          name: `${"　".repeat(e.level - 1)}${e.indicator.name}`,
          points: e.indicator.points ?? null,
          appliesTo: labels(e.scopes.at(-1)),
        })),
      },
    ],
    NOTES,
  );
}

/** Imports the choices all-or-nothing: every row checked (sheet, row, column named), then all saved and audited. */
export async function importUnitIndicators(options: { ctx: CommandContext; campaignId: string; buffer: Buffer }) {
  const { ctx } = options;
  const workbook = await loadWorkbook(options.buffer);
  const { sheet, rows, errors } = readSheet(workbook, CHOICE_SPEC);
  const campaign = await openForChoice(ctx, options.campaignId);
  const framework = campaignFramework(campaign);
  const units = await ctx.tx.select().from(campaignUnits).where(eq(campaignUnits.campaignId, campaign.id));
  const byCode = new Map(units.map((u) => [u.code, u]));
  const seen = new Map<string, number>();
  const choices: { unit: CampaignUnitRow; codes: string[] | null }[] = [];
  for (const { row, values } of rows) {
    const fail = (key: ChoiceKey, message: string) =>
      errors.push({ sheet, row, column: CHOICE_SPEC.columns.find((c) => c.key === key)!.header, message });
    const unit = byCode.get(values.unitCode);
    if (!unit) {
      if (values.unitCode) fail("unitCode", `单位编码 ${values.unitCode} 不是本考核的参评单位`);
      continue;
    }
    if (seen.has(unit.code)) fail("unitCode", `单位 ${unit.code} 与第 ${seen.get(unit.code)} 行重复`);
    seen.set(unit.code, row);
    const codes = ALL.has(values.indicators.trim()) ? null : splitCodes(values.indicators);
    for (const message of choiceProblems(framework, unit, codes ?? []).flat()) fail("indicators", message);
    choices.push({ unit, codes });
  }
  if (errors.length) throw importInvalid(errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)));
  for (const { unit, codes } of choices) await saveChoice(ctx, campaign, unit, codes, "campaign.unit_indicators.import");
  return { saved: choices.length };
}
