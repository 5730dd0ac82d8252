import { open } from "node:fs/promises";
import { AppError } from "../errors.ts";

/** What the first bytes of a file say about it. */
export interface FileSniff {
  size: number;
  /** The text encoding, or null for a zip (xlsx). */
  encoding: "utf-8" | "gb18030" | "utf-16le" | null;
  /** Bytes to skip before the text (a BOM). */
  skip: number;
  isZip: boolean;
}

const SNIFF_BYTES = 64 * 1024;

/**
 * A structural error: the whole file is refused. The message leads with the line and column where
 * known (the column only when the reason does not already name it); the detail holds the reason
 * alone, with the line and column as fields, for callers that show the position themselves.
 */
export function refuseFile(message: string, where: { line?: number; column?: string } = {}): AppError {
  const column = where.column && !message.includes(where.column) ? `“${where.column}”列` : "";
  const place = where.line ? `第 ${where.line} 行${column}：` : "";
  return new AppError("BAD_FILE", `${place}${message}`, [{ path: ["body", "file"], row: where.line, column: where.column, message }]);
}

/** The first bytes of the old Office container (OLE2 compound file). */
const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Reads the first 64 KB: an empty file, a binary file and a zip are told apart from text; text is
 * UTF-8 when it has the BOM or the bytes are valid UTF-8, else GB18030 (a superset of GBK, what
 * Chinese government exports usually are). Later bytes that are not valid UTF-8 after a UTF-8
 * guess are caught by the fatal decoder while the file is read, naming the line.
 */
export async function sniffFile(filePath: string): Promise<FileSniff> {
  const handle = await open(filePath, "r");
  try {
    const { size } = await handle.stat();
    if (size === 0) throw refuseFile("文件为空（0 字节）");
    const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    await handle.read(head, 0, head.length, 0);
    if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return { size, encoding: null, skip: 0, isZip: true };
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { size, encoding: "utf-8", skip: 3, isZip: false };
    if (head[0] === 0xff && head[1] === 0xfe) return { size, encoding: "utf-16le", skip: 2, isZip: false };
    // The old Office container (OLE2): a legacy .xls, or an .xlsx that Excel encrypted with a password.
    if (OLE2_SIGNATURE.every((byte, i) => head[i] === byte))
      throw refuseFile("文件是旧版 Excel (.xls) 或设置了密码的 Excel 文件：请在 Excel 中取消密码，另存为 .xlsx 或 CSV 后再导入");
    if (looksBinary(head)) throw refuseFile("文件不是文本格式（含二进制内容），请上传 CSV、JSON Lines 或 Excel (.xlsx) 文件");
    return { size, encoding: isUtf8(head) ? "utf-8" : "gb18030", skip: 0, isZip: false };
  } finally {
    await handle.close();
  }
}

/** NUL bytes, or many control characters, do not occur in a text export. */
function looksBinary(head: Buffer): boolean {
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++;
  }
  return control > head.length / 100;
}

/** Valid UTF-8 up to the sniffed window's end (a character cut by the window's edge is allowed). */
function isUtf8(head: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}
