import { indicatorIndex, provisionalLine, type UnitScore, unitProvisionalItems } from "@kaoping/core";
import type { Db, Tx } from "../../platform/db/client.ts";
import { type SheetColumn, type SheetContent, writeSheets } from "../../platform/excel/workbook.ts";
import { type CampaignAccess, campaignFramework } from "../campaigns/policy.ts";
import { PREVIEW_LABEL, rankingOrder, resultForReport, starsText, visibleCampaignUnits } from "./result.ts";

const column = <K extends string>(key: K, header: string, width = 12): SheetColumn<K> => ({ key, header, required: false, width });

const RANKING_COLUMNS = [
  column("rank", "名次", 8),
  column("code", "单位编码", 14),
  column("name", "单位名称", 28),
  column("category", "类别", 14),
  column("base", "基础分", 10),
  column("bonus", "加分", 10),
  column("total", "总分", 10),
  column("applicable", "适用满分", 10),
  column("rescaled", "折算分", 10),
  column("stars", "星级", 8),
  column("reference", "参照评估单位", 12),
  column("provisional", "暂定（待补）", 40),
] as const;

/** 暂定: the unit's own missing items, or that ranks wait on other units' ("" when final). */
function provisionalCell(isProvisional: boolean, u: UnitScore): string | null {
  if (!isProvisional) return null;
  const own = unitProvisionalItems(u);
  return own.length ? own.map(provisionalLine).join("；") : "暂定（其他单位待补，名次可能变化）";
}

/** Points stay exact strings in the engine; a cell gets the number so Excel can sum and sort it. */
const cellPoints = (value: string | null) => (value === null ? "不适用" : Number(value));

/**
 * 成绩导出: the ranking (reference units after the ranked ones) and the full
 * matrix of every indicator's points. A unit user's workbook holds only the
 * units in their scope.
 */
export async function exportScores(options: { db: Db | Tx; access: CampaignAccess }) {
  const { db, access } = options;
  const result = await resultForReport(options);
  const visible = await visibleCampaignUnits(db, access);
  const rows = new Map(visible.map((u) => [u.code, u]));
  const units = rankingOrder(result.result.units).filter((u) => rows.has(u.unitCode));
  const framework = campaignFramework(access.campaign);
  const categoryLabel = (code: string | null) => (code ? (framework.categories?.find((c) => c.code === code)?.label ?? code) : null);
  const nameOf = (u: UnitScore) => rows.get(u.unitCode)?.name ?? u.unitName;

  const ranking: SheetContent = {
    spec: { name: "排名", columns: RANKING_COLUMNS },
    rows: units.map((u) => ({
      rank: u.rank,
      code: u.unitCode,
      name: nameOf(u),
      category: categoryLabel(u.category),
      base: Number(u.base),
      bonus: Number(u.bonus),
      total: Number(u.total),
      applicable: Number(u.applicablePoints ?? u.base),
      rescaled: u.rescaled == null ? null : Number(u.rescaled),
      stars: starsText(u.stars) || null,
      reference: u.isReference ? "是" : "否",
      provisional: provisionalCell(result.result.provisional ?? false, u),
    })),
  };

  const indicators = [...indicatorIndex(framework).values()];
  const matrix: SheetContent = {
    spec: {
      name: "得分矩阵",
      columns: [
        column("code", "单位编码", 14),
        column("name", "单位名称", 28),
        ...indicators.map((e) =>
          column(`i:${e.indicator.code}`, `${e.indicator.code} ${e.indicator.name}（${e.indicator.points ?? "—"}）`, 16),
        ),
        column("base", "基础分", 10),
        column("bonus", "加分", 10),
        column("total", "总分", 10),
      ],
    },
    rows: units.map((u) => ({
      code: u.unitCode,
      name: nameOf(u),
      ...Object.fromEntries(u.indicators.map((i) => [`i:${i.code}`, cellPoints(i.points)])),
      base: Number(u.base),
      bonus: Number(u.bonus),
      total: Number(u.total),
    })),
  };
  const label = result.preview ? PREVIEW_LABEL : `第${result.version}版`;
  return {
    body: await writeSheets([ranking, matrix]),
    fileName: `${access.campaign.name}-成绩（${label}）.xlsx`,
    audit: { version: result.version, preview: result.preview, units: units.length },
  };
}
