import {
  type Framework,
  formatPts,
  indicatorIndex,
  provisionalItems,
  pts,
  type Rule,
  ruleIndex,
  type SourceLevel,
  type UnitScore,
} from "@kaoping/core";
import type { Db, Tx } from "../../platform/db/client.ts";
import { type CampaignAccess, campaignFramework } from "../campaigns/policy.ts";
import type { PublishedFinding } from "../scores/publication.ts";
import { chineseDate, html, htmlDocument, type SafeHtml } from "./html.ts";
import { type ReportResult, rankingOrder, resultForReport, starsText } from "./result.ts";
import { findingLine, type PrintDocument, sourceLine } from "./unit-report.ts";

/** 通报: the ranking with stars and the main findings per unit, as the office issues it. */
export async function buildBulletin(options: { db: Db | Tx; access: CampaignAccess }): Promise<PrintDocument> {
  const { access } = options;
  const result = await resultForReport(options);
  const framework = campaignFramework(access.campaign);
  const campaign = access.campaign;
  const title = `关于${campaign.name}结果的通报`;
  const issuer = campaign.issuer ?? "";
  const date = chineseDate(result.publishedAt ?? new Date());
  const body = html`
<h1>${title}</h1>
${sourceLine(access, result)}
<p class="closing">按照《${framework.name}》要求，${issuer || "考核组织单位"}组织开展了${campaign.name}。经自查填报、评审认定、申诉复核，现将结果通报如下：</p>
<h2>一、考核结果</h2>
${rankingTable(result)}
<h2>二、主要问题</h2>
${findingsByUnit(framework, result)}
<h2>三、工作要求</h2>
<p class="closing">请各单位对照通报问题，举一反三、认真整改，整改情况按要求报送${issuer || "考核组织单位"}。对排名靠后的单位，将视情进行约谈。</p>
<div class="signature">${issuer}<br>${date}</div>`;
  return { title, html: htmlDocument({ title, body, official: true }), fileName: `${title}.pdf` };
}

function rankingTable(result: ReportResult): SafeHtml {
  const units = rankingOrder(result.result.units);
  // 折算分 only where the framework rescales; 暂定 where ranks may still change.
  const rescales = units.some((u) => u.rescaled != null);
  const provisional = result.result.provisional ?? false;
  const rows = units.map(
    (u) => html`<tr>
  <td class="num">${u.rank ?? "参照评估"}${provisional && u.rank !== null ? html`<span class="provisional">（暂定）</span>` : ""}</td><td>${u.unitName}</td>
  <td class="num">${u.base}</td><td class="num">${u.bonus}</td><td class="num">${u.total}</td>${rescales ? html`<td class="num">${u.rescaled ?? ""}</td>` : ""}<td class="stars">${starsText(u.stars)}</td>
</tr>`,
  );
  return html`${provisional ? html`<p class="provisional-note">成绩为暂定：尚有 ${provisionalItems(result.result).length} 项待评分或缺少数据，名次与星级可能变化。</p>` : ""}<table>
  <thead><tr><th class="num">名次</th><th>单位</th><th class="num">基础分</th><th class="num">加分</th><th class="num">总分</th>${rescales ? html`<th class="num">折算分</th>` : ""}<th>星级</th></tr></thead>
  <tbody>${rows}</tbody>
</table>`;
}

function findingsByUnit(framework: Framework, result: ReportResult): SafeHtml {
  const indicators = indicatorIndex(framework);
  const rules = ruleIndex(framework);
  const sections = rankingOrder(result.result.units).flatMap((unit) => {
    const own = result.findings.filter((f) => f.unitCode === unit.unitCode);
    if (!own.length) return [];
    const rows = own
      .sort((a, b) => a.indicatorCode.localeCompare(b.indicatorCode, "zh-CN", { numeric: true }))
      .map((f) => {
        const indicator = indicators.get(f.indicatorCode)?.indicator;
        return html`<tr>
  <td>${f.indicatorCode} ${indicator?.name ?? ""}</td><td>${findingLine({ ...f, noticeNo: null })}</td>
  <td>${f.noticeNo ?? ""}</td><td class="num">${findingPoints(rules.get(f.ruleId)?.rule, f, unit)}</td>
</tr>`;
      });
    return [
      html`<p><b>${unit.unitName}</b>（${own.length} 个问题）</p>
<table>
  <thead><tr><th style="width:22%">指标</th><th>问题</th><th style="width:20%">通报文号</th><th class="num">分值</th></tr></thead>
  <tbody>${rows}</tbody>
</table>`,
    ];
  });
  return sections.length ? html`${sections}` : html`<p>本次考核未发现需通报的问题。</p>`;
}

/**
 * What one finding moved: a counted finding its amount × count (before the
 * rule's cap), a manual score its points; a flag shows its rule's effect.
 */
export function findingPoints(rule: Rule | undefined, finding: PublishedFinding, unit: UnitScore): string {
  if (!rule) return "";
  const sign = (effect: string, amount: number) =>
    effect === "bonus" ? `+${formatPts(amount)}` : effect === "deduct" ? formatPts(-amount) : formatPts(amount);
  if ((rule.kind === "manual" || rule.kind === "manual_each") && finding.points) return sign(rule.effect, pts(finding.points));
  if (rule.kind === "per_count") {
    const amount = (finding.sourceLevel ? rule.amountByLevel?.[finding.sourceLevel as SourceLevel] : undefined) ?? rule.amount;
    return amount === undefined ? "" : sign(rule.effect, pts(amount) * finding.count);
  }
  const step = unit.indicators.find((i) => i.code === finding.indicatorCode)?.trace.find((s) => s.ruleId === rule.id);
  return step && step.delta !== "0" ? step.delta : "";
}
