import type { FastifyReply } from "fastify";

/**
 * Print-ready HTML without a template engine: the `html` tag escapes every
 * interpolated value unless it is already SafeHtml, so report text from
 * findings and unit names can never become markup.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlPart = SafeHtml | string | number | null | undefined | false | readonly HtmlPart[];

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: unknown): string {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function render(part: HtmlPart): string {
  if (part === null || part === undefined || part === false) return "";
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(render).join("");
  return escapeHtml(part);
}

export function html(strings: TemplateStringsArray, ...values: HtmlPart[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

/** Markup we produced ourselves (ECharts' SVG), inserted as is. */
export const trusted = (markup: string) => new SafeHtml(markup);

export const FONT_STACK = `"Noto Sans CJK SC", "Noto Serif CJK SC", "Microsoft YaHei", sans-serif`;
const SERIF_STACK = `"Noto Serif CJK SC", "Noto Sans CJK SC", "SimSun", "Microsoft YaHei", serif`;

const STYLE = `
@page { size: A4; margin: 16mm 14mm 18mm; }
* { box-sizing: border-box; }
body { font-family: ${FONT_STACK}; font-size: 10.5pt; line-height: 1.6; color: #1f1f1f; margin: 0; }
body.official { font-family: ${SERIF_STACK}; font-size: 12pt; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; }
h2 { font-size: 13pt; border-left: 4px solid #1f5fa8; padding-left: 6px; margin: 7mm 0 3mm; page-break-after: avoid; }
body.official h2 { border: none; padding: 0; font-size: 14pt; }
.meta { text-align: center; color: #555; margin-bottom: 4mm; }
.preview { border: 2px solid #c41d1d; color: #c41d1d; font-weight: bold; text-align: center; padding: 2mm; margin-bottom: 4mm; }
.summary { display: flex; flex-wrap: wrap; gap: 3mm; margin: 3mm 0; }
.summary div { flex: 1 1 30%; border: 1px solid #d0d7e2; border-radius: 2mm; padding: 2mm 3mm; }
.summary b { display: block; font-size: 15pt; }
.stars { color: #d48806; letter-spacing: 1px; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 9.5pt; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
th, td { border: 1px solid #8c8c8c; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
th { background: #eef2f7; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.lost { color: #c41d1d; }
td .na { color: #555; border: 1px solid #999; border-radius: 2px; padding: 0 1mm; font-size: 9pt; }
.warn { color: #874d00; font-size: 9pt; }
.provisional { color: #874d00; font-size: 10pt; }
.provisional-note { border: 1px solid #d48806; padding: 1mm 3mm; margin: 2mm 0; }
.rescale { font-weight: bold; }
td.gain { color: #237804; }
tr.level-1 td { font-weight: bold; background: #fafafa; }
.indent-2 { padding-left: 5mm; }
.indent-3 { padding-left: 9mm; }
.muted { color: #666; }
.chart { page-break-inside: avoid; text-align: center; }
.chart svg { max-width: 100%; height: auto; }
.chart .caption { font-weight: bold; margin: 2mm 0 0; }
ul.findings { margin: 0; padding-left: 4mm; }
p.closing { text-indent: 2em; }
.signature { text-align: right; margin-top: 12mm; }
`;

/** A whole print document: A4 page CSS, Chinese fonts, no external resources. */
export function htmlDocument(options: { title: string; body: SafeHtml; official?: boolean }): string {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${options.title}</title>
<style>${trusted(STYLE)}</style>
</head>
<body class="${options.official ? "official" : "report"}">
${options.body}
</body>
</html>`.value;
}

/** 2026年5月3日, in China Standard Time. */
export function chineseDate(date: Date): string {
  const cst = new Date(date.getTime() + 8 * 3600_000);
  return `${cst.getUTCFullYear()}年${cst.getUTCMonth() + 1}月${cst.getUTCDate()}日`;
}

/** Answers a print page; scripts and any outside resource are refused even if markup slipped through. */
export function sendHtml(reply: FastifyReply, body: string) {
  return reply
    .header("content-type", "text/html; charset=utf-8")
    .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    .send(body);
}

export function sendPdf(reply: FastifyReply, fileName: string, body: Buffer) {
  return reply
    .header("content-type", "application/pdf")
    .header("content-disposition", `inline; filename="report.pdf"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(body);
}
