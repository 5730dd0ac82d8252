/** A month's bulletin as a print page (and so a PDF) and as a workbook, from its frozen content. */
import { type BulletinContent, CARD } from "@kaoping/core";
import { writeSheets } from "../../platform/excel/workbook.ts";
import { chineseDate, html, htmlDocument, type SafeHtml } from "../reports/html.ts";
import type { PrintDocument } from "../reports/unit-report.ts";

const monthTitle = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
const rate = (value: number | null) => (value === null ? "—" : `${value}%`);

/** The change from the previous month in words: 环比增加 / 减少 / 持平, or nothing to compare. */
export function monthOnMonth(current: number, previous: number | null): string {
  if (previous === null) return "上月无预警记录，不作环比";
  if (current === previous) return "与上月持平";
  const change = Math.round((Math.abs(current - previous) * 1000) / previous) / 10;
  return `较上月${current > previous ? "增加" : "减少"} ${Math.abs(current - previous)} 件（${change}%）`;
}

export function bulletinTitle(content: BulletinContent): string {
  return `${monthTitle(content.month)}政务服务电子监察运行情况通报`;
}

export function bulletinDocument(content: BulletinContent, meta: { version: number | null; issuer: string }): PrintDocument {
  const title = bulletinTitle(content);
  const t = content.totals;
  const status = meta.version === null ? html`<p class="provisional-note">预览（未发布）：数字随数据变化，发布后冻结。</p>` : "";
  const body = html`
<h1>${title}</h1>
${meta.version !== null ? html`<p class="source">第 ${meta.version} 版 · 生成于 ${chineseDate(new Date(content.generatedAt))}</p>` : ""}
${status}
<h2>一、总体情况</h2>
<p class="closing">${monthTitle(content.month)}，各单位受理办件 ${t.accepted} 件，办结 ${t.completed} 件，按时办结率 ${rate(t.onTimeRate)}。电子监察系统共发出预警 ${t.warnings} 件（其中红灯 ${t.redWarnings} 件），${monthOnMonth(t.warnings, content.previousWarnings)}；对其中 ${t.ordersIssued} 件下发督办单，按时反馈 ${t.repliedOnTime} 件，逾期反馈 ${t.repliedLate} 件，逾期未反馈 ${t.replyMissing} 件。本月亮红牌 ${t.redCards} 个单位、黄牌 ${t.yellowCards} 个单位。</p>
<h2>二、各单位运行情况及排名</h2>
${unitTable(content)}
<h2>三、预警分布</h2>
${ruleTable(content)}
<h2>四、典型超期办件</h2>
${worstTable(content)}
<h2>五、工作要求</h2>
<p class="closing">请亮红牌、黄牌的单位认真分析原因，对逾期未反馈的督办事项立即反馈，并于下月 5 个工作日内报送整改情况。本通报作为年终考核的重要依据。</p>
<div class="signature">${meta.issuer}<br>${chineseDate(new Date(content.generatedAt))}</div>`;
  return {
    title,
    html: htmlDocument({ title, body, official: true }),
    fileName: `${title}${meta.version ? `（第${meta.version}版）` : ""}.pdf`,
  };
}

function unitTable(content: BulletinContent): SafeHtml {
  if (!content.units.length) return html`<p>本月无办件与预警记录。</p>`;
  const rows = content.units.map(
    (u) => html`<tr>
  <td class="num">${u.rank ?? "—"}</td><td>${u.unitName}</td><td class="num">${u.accepted}</td><td class="num">${rate(u.onTimeRate)}</td>
  <td class="num">${u.warnings}</td><td class="num">${u.warningRate ?? "—"}</td><td class="num">${u.redWarnings}</td>
  <td class="num">${u.ordersIssued}</td><td class="num">${u.repliedLate}</td><td class="num">${u.replyMissing}</td><td>${u.card === "none" ? "" : CARD.labels[u.card]}</td>
</tr>`,
  );
  return html`<table>
  <thead><tr><th class="num">排名</th><th>单位</th><th class="num">受理</th><th class="num">按时办结率</th><th class="num">预警</th><th class="num">每百件预警</th><th class="num">红灯</th><th class="num">督办</th><th class="num">逾期反馈</th><th class="num">未反馈</th><th>红黄牌</th></tr></thead>
  <tbody>${rows}</tbody>
</table>
<p class="source">排名按每百件办件的预警数由少到多；无办件的单位不排名。</p>`;
}

function ruleTable(content: BulletinContent): SafeHtml {
  const withWarnings = content.units.filter((u) => u.warnings > 0);
  if (!withWarnings.length) return html`<p>本月未发出预警。</p>`;
  const rows = withWarnings.map(
    (u) =>
      html`<tr><td>${u.unitName}</td>${content.rules.map((r) => html`<td class="num">${u.byRule[r] ?? 0}</td>`)}<td class="num">${u.warnings}</td></tr>`,
  );
  return html`<table>
  <thead><tr><th>单位</th>${content.rules.map((r) => html`<th class="num">${r}</th>`)}<th class="num">合计</th></tr></thead>
  <tbody>${rows}</tbody>
</table>`;
}

function worstTable(content: BulletinContent): SafeHtml {
  if (!content.worstCases.length) return html`<p>本月无超期预警办件。</p>`;
  const rows = content.worstCases.map(
    (c) => html`<tr><td>${c.caseNo}</td><td>${c.unitName}</td><td class="num">${c.daysLate}</td><td>${c.explanation}</td></tr>`,
  );
  return html`<table>
  <thead><tr><th>办件编号</th><th>单位</th><th class="num">超期（天）</th><th>情况</th></tr></thead>
  <tbody>${rows}</tbody>
</table>`;
}

/** The bulletin's workbook: 单位排名, 预警分布 and 典型超期办件, Chinese headers. */
export function bulletinWorkbook(content: BulletinContent): Promise<Buffer> {
  const col = (key: string, header: string, width = 14) => ({ key, header, required: false, width });
  return writeSheets([
    {
      spec: {
        name: "单位排名",
        columns: [
          col("rank", "排名", 8),
          col("unitName", "单位", 30),
          col("accepted", "受理件数"),
          col("completed", "办结件数"),
          col("onTimeRate", "按时办结率（%）"),
          col("warnings", "预警件数"),
          col("warningRate", "每百件预警"),
          col("redWarnings", "红灯预警"),
          col("ordersIssued", "督办件数"),
          col("repliedOnTime", "按时反馈"),
          col("repliedLate", "逾期反馈"),
          col("replyMissing", "逾期未反馈"),
          col("card", "红黄牌"),
          col("cardReasons", "红黄牌原因", 50),
        ],
      },
      rows: content.units.map((u) => ({
        ...u,
        byRule: null,
        unitId: null,
        card: u.card === "none" ? "" : CARD.labels[u.card],
        cardReasons: u.cardReasons.join("；"),
      })),
    },
    {
      spec: { name: "预警分布", columns: [col("unitName", "单位", 30), ...content.rules.map((r) => col(r, r)), col("total", "合计")] },
      rows: content.units
        .filter((u) => u.warnings > 0)
        .map((u) => ({ unitName: u.unitName, ...Object.fromEntries(content.rules.map((r) => [r, u.byRule[r] ?? 0])), total: u.warnings })),
    },
    {
      spec: {
        name: "典型超期办件",
        columns: [
          col("caseNo", "办件编号", 24),
          col("unitName", "单位", 30),
          col("daysLate", "超期（天）"),
          col("explanation", "情况", 80),
        ],
      },
      rows: content.worstCases,
    },
  ]);
}
