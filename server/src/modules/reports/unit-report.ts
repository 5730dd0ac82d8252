import {
  formatPts,
  type IndicatorScore,
  provisionalItems,
  provisionalLine,
  pts,
  SOURCE_LEVEL_LABELS,
  type SourceLevel,
  type TraceStep,
  type UnitScore,
  unitProvisionalItems,
} from "@kaoping/core";
import type { Db, Tx } from "../../platform/db/client.ts";
import { type CampaignAccess, type CampaignUnitRow, loadCampaignUnit, visibleCampaignsWhere } from "../campaigns/policy.ts";
import type { PublishedFinding } from "../scores/publication.ts";
import { barChartSvg } from "./charts.ts";
import { chineseDate, html, htmlDocument, type SafeHtml, trusted } from "./html.ts";
import {
  applicableMaxOf,
  averagePoints,
  type FamilyPublication,
  lostOf,
  PREVIEW_LABEL,
  previousPublication,
  type ReportResult,
  rankedCount,
  requireUnitScore,
  resultForReport,
  starsText,
  unitScoreOf,
} from "./result.ts";

export interface PrintDocument {
  title: string;
  html: string;
  /** For the PDF download. */
  fileName: string;
}

/** 单位分析报告: one unit's score, every point lost or gained with the findings behind it, charts and the previous campaign. */
export async function buildUnitReport(options: { db: Db | Tx; access: CampaignAccess; unitId: string }): Promise<PrintDocument> {
  const { db, access } = options;
  const unit = await loadCampaignUnit(db, access, options.unitId);
  const result = await resultForReport({ db, access });
  const score = requireUnitScore(result, unit.unitId);
  // Only a campaign the caller may see: a reviewer assigned to this one alone gets no history.
  const previous = await previousPublication(db, access.campaign, visibleCampaignsWhere(access.principal));
  const title = `${access.campaign.name} 分析报告 — ${unit.name}`;
  const body = html`
<h1>${title}</h1>
${sourceLine(access, result)}
${summary(result, score)}
${comparison(previous, unit, score, rankedCount(result.result.units))}
${charts(result, score)}
${indicatorTable(score)}
${details(result, score)}`;
  return { title, html: htmlDocument({ title, body }), fileName: `${access.campaign.name}-分析报告-${unit.name}.pdf` };
}

/** Which result this is: a publication version and date, or the unpublished preview. */
export function sourceLine(access: CampaignAccess, result: ReportResult): SafeHtml {
  if (result.preview) return html`<div class="preview">${PREVIEW_LABEL}：以下为当前实时计算结果，正式成绩以发布版本为准</div>`;
  const issuer = access.campaign.issuer ? `${access.campaign.issuer} · ` : "";
  return html`<div class="meta">${issuer}${access.campaign.year} 年度 · 第 ${result.version} 版发布 · ${result.publishedAt ? chineseDate(result.publishedAt) : ""}</div>`;
}

export const rankText = (score: UnitScore, ranked: number) =>
  score.isReference || score.rank === null ? "参照评估单位，不参与排名" : `第 ${score.rank} 名 / 共 ${ranked} 家`;

function summary(result: ReportResult, score: UnitScore): SafeHtml {
  const stars = starsText(score.stars);
  const provisional = result.result.provisional ?? score.pending.length > 0;
  const mark = provisional ? html`<span class="provisional">（暂定）</span>` : "";
  return html`
<h2>一、总体情况</h2>
<div class="summary">
  <div>总分<b>${score.total} 分</b><span class="muted">基础分 ${score.base} · 加分 ${score.bonus}${score.annual !== null ? ` · 折合年度 ${score.annual}` : ""}</span></div>
  <div>名次<b>${rankText(score, rankedCount(result.result.units))}${mark}</b></div>
  <div>星级<b class="stars">${stars || "—"}</b>${stars ? mark : html`<span class="muted">未评星</span>`}</div>
</div>
${score.rescaleText ? html`<p class="rescale">折算：${score.rescaleText}${score.rankScore === score.rescaled ? "；名次按折算分" : ""}</p>` : ""}
${provisionalNote(result, score)}`;
}

/** 暂定: what is still missing, the unit's own first; the ranks wait on every unit's. */
function provisionalNote(result: ReportResult, score: UnitScore): SafeHtml {
  const own = unitProvisionalItems(score);
  if (!(result.result.provisional ?? own.length > 0)) return html``;
  const others = provisionalItems(result.result).length - own.length;
  return html`<div class="provisional-note"><p>成绩为暂定：${own.length ? `本单位尚有 ${own.length} 项待评分或缺少数据` : "本单位数据齐全"}${others > 0 ? `，其他单位尚有 ${others} 项，名次与星级可能变化` : ""}。</p>
${own.length ? html`<ul>${own.map((item) => html`<li>${provisionalLine(item)}</li>`)}</ul>` : ""}</div>`;
}

function comparison(previous: FamilyPublication | null, unit: CampaignUnitRow, score: UnitScore, rankedNow: number): SafeHtml {
  const before = previous ? unitScoreOf(previous.result, unit.unitId) : undefined;
  if (!previous || !before) return html`<h2>二、与上期对比</h2><p class="muted">无上期数据</p>`;
  const change = pts(score.total) - pts(before.total);
  const ranked = rankedCount(previous.result.result.units);
  return html`
<h2>二、与上期对比</h2>
<table>
  <thead><tr><th>考核</th><th class="num">总分</th><th>名次</th><th>星级</th></tr></thead>
  <tbody>
    <tr><td>上期：${previous.name}（${previous.year} 年）</td><td class="num">${before.total}</td><td>${rankText(before, ranked)}</td><td class="stars">${starsText(before.stars)}</td></tr>
    <tr><td>本期</td><td class="num">${score.total}</td><td>${rankText(score, rankedNow)}</td><td class="stars">${starsText(score.stars)}</td></tr>
  </tbody>
</table>
<p>总分较上期${change === 0 ? "持平" : `${change > 0 ? "提高" : "下降"} ${formatPts(Math.abs(change))} 分`}。</p>`;
}

const topLevel = (score: UnitScore) => score.indicators.filter((i) => i.parentCode === null && i.points !== null);
const label = (i: Pick<IndicatorScore, "code" | "name">) => `${i.code} ${i.name}`;

function charts(result: ReportResult, score: UnitScore): SafeHtml {
  const top = topLevel(score);
  if (!top.length) return html``;
  const peers = result.result.units.filter((u) => !u.isReference);
  const pool = peers.length ? peers : result.result.units;
  const average = (code: string) => {
    const values = pool.map((u) => u.indicators.find((i) => i.code === code)?.points).filter((v): v is string => v != null);
    return Number(averagePoints(values) ?? 0);
  };
  const categories = top.map(label);
  const byIndicator = barChartSvg({
    categories,
    series: [
      { name: "得分", values: top.map((i) => Number(i.points)), color: "#1f5fa8" },
      { name: "适用分值", values: top.map((i) => Number(applicableMaxOf(i) ?? 0)), color: "#bfbfbf" },
    ],
  });
  const versusAverage = barChartSvg({
    categories,
    series: [
      { name: "本单位", values: top.map((i) => Number(i.points)), color: "#1f5fa8" },
      { name: peers.length ? "参评单位平均" : "平均", values: top.map((i) => average(i.code)), color: "#fa8c16" },
    ],
  });
  return html`
<h2>三、得分图示</h2>
<div class="chart"><p class="caption">各一级指标得分与分值</p>${trusted(byIndicator)}</div>
<div class="chart"><p class="caption">本单位与${peers.length ? "参评单位" : ""}平均得分对比</p>${trusted(versusAverage)}</div>`;
}

function indicatorTable(score: UnitScore): SafeHtml {
  const rows = score.indicators.map((i) => {
    const applies = i.points !== null;
    const max = applicableMaxOf(i);
    const reduced = applies && max !== i.max ? html`<br><span class="muted">适用 ${max}</span>` : "";
    return html`<tr class="level-${i.level}${applies ? "" : " not-applicable"}">
  <td>${i.code}</td><td class="indent-${Math.min(i.level, 3)}">${i.name}${i.part === "bonus" ? "（加分项）" : ""}${i.overflow ? html`<br><span class="warn">下级分值合计 ${i.overflow.childrenSum} 分，超过本项 ${i.overflow.max} 分</span>` : ""}</td>
  <td class="num">${applies ? i.points : html`<span class="na">不适用</span>`}</td><td class="num">${i.max ?? ""}${reduced}</td>
  <td class="num lost">${lostOf(i) ?? ""}</td>
</tr>`;
  });
  return html`
<h2>四、各项指标得分</h2>
<table>
  <thead><tr><th>编号</th><th>指标</th><th class="num">得分</th><th class="num">分值</th><th class="num">失分</th></tr></thead>
  <tbody>${rows}</tbody>
</table>
${score.indicators.some((i) => i.points === null) ? html`<p class="muted">“不适用”的指标不计得分，也不计失分；失分按本单位适用的分值计算。</p>` : ""}`;
}

const OUTCOME_LABELS: Record<NonNullable<TraceStep["outcome"]>, string> = {
  zero: "不得分",
  half: "减半",
  cap: "封顶",
  floor: "扣完为止",
  set: "折算",
  pending: "待评分",
  missing: "缺少数据",
};

/** The steps worth explaining: a point moved, or an outcome (zero, half, cap, pending) applied. */
export const explainedSteps = (indicator: IndicatorScore) => indicator.trace.filter((s) => s.delta !== "0" || s.outcome);

/** The findings, measurements and deadline facts behind one trace step. */
export function stepSources(result: ReportResult, unitCode: string, step: TraceStep) {
  const unitSources = result.sources[unitCode] ?? {};
  const keys = [...Object.keys(step.facts), `manual:${step.ruleId}`];
  const sources = keys.map((k) => unitSources[k]).filter((s) => s !== undefined);
  const byId = new Map(result.findings.map((f) => [f.id, f]));
  const findings = [...new Set(sources.flatMap((s) => s.findingIds))].map((id) => byId.get(id)).filter((f): f is PublishedFinding => !!f);
  return {
    findings,
    late: sources.some((s) => s.auto === "report_late"),
    missing: sources.some((s) => s.auto === "report_missing"),
    measured: sources.some((s) => s.measurement),
  };
}

export const findingLine = (f: PublishedFinding) => {
  const level = f.sourceLevel ? (SOURCE_LEVEL_LABELS[f.sourceLevel as SourceLevel] ?? f.sourceLevel) : null;
  const where = [f.noticeNo, level, f.count > 1 ? `${f.count} 处` : null].filter(Boolean).join("，");
  return where ? `${f.description}（${where}）` : f.description;
};

function details(result: ReportResult, score: UnitScore): SafeHtml {
  const rows = score.indicators.flatMap((indicator) =>
    explainedSteps(indicator).map((step) => {
      const { findings, late, missing, measured } = stepSources(result, score.unitCode, step);
      const basis = [
        ...findings.map(findingLine),
        ...(late ? ["系统认定：自查报告迟报"] : []),
        ...(missing ? ["系统认定：自查报告漏报"] : []),
        ...(measured ? ["测评数据"] : []),
      ];
      const delta = step.delta === "0" ? "" : /^[+-]/.test(step.delta) ? step.delta : `+${step.delta}`;
      return html`<tr>
  <td>${label(indicator)}</td><td>${step.text}</td><td>${step.arithmetic}</td>
  <td class="num ${step.delta.startsWith("-") ? "lost" : "gain"}">${delta}${step.outcome ? html`${delta ? html`<br>` : ""}<span class="muted">${OUTCOME_LABELS[step.outcome]}</span>` : ""}</td>
  <td>${basis.length ? html`<ul class="findings">${basis.map((b) => html`<li>${b}</li>`)}</ul>` : html`<span class="muted">—</span>`}</td>
</tr>`;
    }),
  );
  return html`
<h2>五、得失分明细</h2>
${
  rows.length
    ? html`<table>
  <thead><tr><th style="width:16%">指标</th><th style="width:28%">评分细则</th><th style="width:20%">计算</th><th class="num">分值变化</th><th>依据</th></tr></thead>
  <tbody>${rows}</tbody>
</table>`
    : html`<p>各项指标均未扣分。</p>`
}`;
}
