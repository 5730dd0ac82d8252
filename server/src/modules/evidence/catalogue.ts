import type { CatalogueFile, EvidenceCatalogue } from "@kaoping/core";
import { type SheetSpec, writeSheet } from "../../platform/excel/workbook.ts";
import { chineseDate, html, htmlDocument, trusted } from "../reports/html.ts";

/** 佐证材料目录清单 as a spreadsheet and as a print page, from the same rows. */

type CatalogueKey = "seq" | "indicatorCode" | "indicatorName" | "fileName" | "revision" | "size" | "sha256" | "uploadedBy" | "uploadedAt";

export const CATALOGUE_SHEET: SheetSpec<CatalogueKey> = {
  name: "佐证材料目录",
  columns: [
    { key: "seq", header: "序号", required: false, width: 6 },
    { key: "indicatorCode", header: "指标编号", required: false, width: 10 },
    { key: "indicatorName", header: "指标名称", required: false, width: 28 },
    { key: "fileName", header: "文件名", required: false, width: 36 },
    { key: "revision", header: "版本", required: false, width: 6 },
    { key: "size", header: "大小", required: false, width: 10 },
    { key: "sha256", header: "SHA-256", required: false, width: 66 },
    { key: "uploadedBy", header: "上传人", required: false, width: 12 },
    { key: "uploadedAt", header: "上传时间", required: false, width: 18 },
  ],
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** 2026-05-03 14:05 in China Standard Time. */
export function chinaDateTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}

interface CatalogueLine {
  seq: number;
  indicatorCode: string;
  indicatorName: string;
  file: CatalogueFile;
}

function lines(catalogue: EvidenceCatalogue): CatalogueLine[] {
  let seq = 0;
  return catalogue.indicators.flatMap((indicator) =>
    indicator.files.map((file) => ({ seq: ++seq, indicatorCode: indicator.indicatorCode, indicatorName: indicator.indicatorName, file })),
  );
}

export const catalogueFileName = (catalogue: EvidenceCatalogue, extension: string) => `${catalogue.unitName}-佐证材料目录清单.${extension}`;

export function catalogueWorkbook(catalogue: EvidenceCatalogue): Promise<Buffer> {
  const rows = lines(catalogue).map(({ seq, indicatorCode, indicatorName, file }) => ({
    seq,
    indicatorCode,
    indicatorName,
    fileName: file.fileName,
    revision: file.revision,
    size: formatBytes(file.size),
    sha256: file.sha256,
    uploadedBy: file.uploadedBy,
    uploadedAt: chinaDateTime(file.uploadedAt),
  }));
  return writeSheet(CATALOGUE_SHEET, rows, [
    `${catalogue.campaignName} · ${catalogue.unitName} · 佐证材料目录清单`,
    "每个文件只列出当前版本；SHA-256 可用于核对文件是否被改动。",
  ]);
}

// A hash is one unbreakable word: let it wrap in its column instead of widening the table.
const PAGE_STYLE = trusted("<style>td.hash { font-family: monospace; font-size: 7pt; word-break: break-all; width: 24%; }</style>");

/** A4 print page: every value goes through the escaping `html` tag. */
export function catalogueHtml(catalogue: EvidenceCatalogue, now = new Date()): string {
  const rows = lines(catalogue);
  const body = html`${PAGE_STYLE}
<h1>佐证材料目录清单</h1>
<div class="meta">${catalogue.campaignName}　·　${catalogue.unitName}（${catalogue.unitCode}）　·　共 ${catalogue.fileCount} 个文件，${formatBytes(catalogue.totalBytes)}</div>
<table>
<thead><tr>${CATALOGUE_SHEET.columns.map((c) => html`<th${c.key === "seq" ? html` class="num"` : ""}>${c.header}</th>`)}</tr></thead>
<tbody>
${
  rows.length
    ? rows.map(
        ({ seq, indicatorCode, indicatorName, file }) => html`<tr>
<td class="num">${seq}</td><td>${indicatorCode}</td><td>${indicatorName}</td><td>${file.fileName}</td>
<td class="num">${file.revision}</td><td class="num">${formatBytes(file.size)}</td>
<td class="hash">${file.sha256}</td><td>${file.uploadedBy}</td><td>${chinaDateTime(file.uploadedAt)}</td>
</tr>`,
      )
    : html`<tr><td colspan="9" class="muted">尚未上传佐证材料</td></tr>`
}
</tbody>
</table>
<div class="signature">单位（盖章）：＿＿＿＿＿＿＿＿　　${chineseDate(now)}</div>`;
  return htmlDocument({ title: `${catalogue.unitName} 佐证材料目录清单`, body });
}
