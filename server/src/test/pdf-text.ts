/** Reading back the text of the PDFs the server renders (server tests and the browser stories share it). */

/** Simplified-form radicals (U+2EC5…U+2EF0), each followed by its ideograph. */
const SIMPLIFIED_RADICALS = "⻅见⻈讠⻉贝⻋车⻐钅⻓长⻔门⻙韦⻚页⻛风⻜飞⻠饣⻢马⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻬齐⻮齿⻰龙";
const RADICAL_MAP = new Map([...SIMPLIFIED_RADICALS.matchAll(/(.)(.)/gu)].map((m) => [m[1]!, m[2]!]));
/**
 * Chromium writes each embedded glyph's ToUnicode entry as the lowest code
 * point the font maps to it, and Noto CJK shares glyphs between ideographs and
 * radicals: 工 comes back as ⼯ (a Kangxi radical, NFKC undoes it), 长 as ⻓ (a
 * simplified radical, NFKC keeps it; hence the table). Folding both sides compares text as a reader sees it.
 */
export const fold = (text: string) => text.normalize("NFKC").replace(/[\u2e80-\u2eff]/g, (c) => RADICAL_MAP.get(c) ?? c);

/** The text of a PDF through pdf.js, folded (see `fold`). */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  let text = "";
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    text += content.items.map((item) => ("str" in item ? item.str : "")).join("");
  }
  await doc.destroy();
  return fold(text);
}
