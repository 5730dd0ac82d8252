import type { Config } from "../../platform/config.ts";
import { type InspectedFile, inspectFiles } from "../evidence/upload.ts";

/**
 * A one-page PDF that any viewer opens, with a few lines of ASCII text (the
 * built-in Helvetica has no Chinese glyphs; the file's name carries the
 * Chinese title). Offsets in the cross-reference table are computed, so the
 * file is valid rather than merely sniffed as a PDF.
 */
export function demoPdf(lines: string[]): Buffer {
  const pdfString = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const text = lines.map((line, i) => `BT /F1 12 Tf 56 ${780 - i * 20} Td (${pdfString(line)}) Tj ET`).join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** A demo evidence file, through the same checks as an upload (type, size, name). */
export async function demoEvidence(config: Config, fileName: string, lines: string[]): Promise<InspectedFile[]> {
  return inspectFiles([{ fileName, buffer: demoPdf(lines) }], config);
}
