import { type ErrorDetail, LIMITS } from "@kaoping/core";
import ExcelJS from "exceljs";
import { AppError } from "../errors.ts";

/** 2026-12-04T09:05:00Z → "2026-12-04 17:05:00", China Standard Time as the office reads it; "" for none. */
export function beijingTime(iso: string | null): string {
  return iso ? new Date(Date.parse(iso) + 8 * 3600 * 1000).toISOString().slice(0, 19).replace("T", " ") : "";
}

/** One column of a sheet we read or write: the key in code, the Chinese header users see. */
export interface SheetColumn<K extends string = string> {
  key: K;
  header: string;
  required: boolean;
  width?: number;
  /** Allowed values, offered as a drop-down in templates. */
  options?: readonly string[];
}

export interface SheetSpec<K extends string = string> {
  name: string;
  columns: readonly SheetColumn<K>[];
}

export interface SheetRow<K extends string> {
  /** The 1-based Excel row number, for error messages. */
  row: number;
  values: Record<K, string>;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Loads an .xlsx upload; a renamed non-Excel file or an oversized one is a 4xx, never a 500. */
export async function loadWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  if (buffer.length > LIMITS.importFileBytes) {
    throw new AppError("PAYLOAD_TOO_LARGE", `文件超过 ${LIMITS.importFileBytes / 1024 / 1024} MB 限制`);
  }
  if (buffer.length < 4 || !buffer.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw new AppError("BAD_FILE", "文件不是有效的 Excel (.xlsx) 文件");
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new AppError("BAD_FILE", `Excel 文件无法读取：${excelReadReason(error)}`);
  }
  return workbook;
}

const RESAVE = "请用 Excel 打开后另存为 .xlsx 再导入";

/**
 * The zip, inflate and XML layers' errors under ExcelJS (unzipper's `FILE_ENDED`, JSZip's
 * "can't find end of central directory", zlib's `Z_DATA_ERROR`, sax's "Unclosed root tag"),
 * as the reason an office user can act on; the first that matches wins.
 */
const EXCEL_READ_REASONS: readonly [RegExp, string][] = [
  [/encrypt|password/i, "文件设置了密码，请在 Excel 中取消密码后重新导入"],
  [
    /FILE_ENDED|end of data|unexpected end|end of central directory|missing \d+ bytes|Z_BUF_ERROR|unexpected eof/i,
    "文件不完整（可能上传中断或文件已损坏）",
  ],
  [
    /invalid signature|unexpected signature|is this a zip|multi-volumes|corrupted zip|PATTERN_NOT_FOUND/i,
    `文件已损坏或不是 .xlsx 格式，${RESAVE}`,
  ],
  [
    /Z_DATA_ERROR|incorrect header check|invalid (stored )?block|invalid distance|invalid code|unclosed|close tag|closing tag|invalid character|before first tag|outside of root/i,
    `文件内容已损坏，${RESAVE}`,
  ],
];

/**
 * Why an Excel file could not be read, in plain Chinese with no internal code. The original
 * error goes to the server log only.
 */
export function excelReadReason(error: unknown): string {
  const original =
    error instanceof Error ? `${error.message}${"code" in error && error.code ? ` (${String(error.code)})` : ""}` : String(error);
  console.warn(`Excel file unreadable: ${original}`);
  return EXCEL_READ_REASONS.find(([pattern]) => pattern.test(original))?.[1] ?? "文件已损坏或不是 .xlsx 格式";
}

/** The display text of a cell, whatever ExcelJS holds (rich text, formula result, hyperlink, number). */
function cellText(cell: ExcelJS.Cell, mergedAsEmpty = false): string {
  // A merged range's other cells repeat its first cell's value; tables with merged group cells read them once.
  if (mergedAsEmpty && cell.type === ExcelJS.ValueType.Merge) return "";
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "object" && "result" in v) return String(v.result ?? "").trim();
  if (typeof v === "object" && "richText" in v)
    return v.richText
      .map((r) => r.text)
      .join("")
      .trim();
  if (typeof v === "object" && "text" in v) return String(v.text).trim();
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

export interface ReadSheetOptions {
  /** Cells inside a merged range other than its first read as empty (the value belongs to the first row only). */
  mergedAsEmpty?: boolean;
}

/**
 * Reads the named sheet (or the first) against a spec: the header row must
 * hold every required column (any order); each data row becomes `values` by
 * key. Missing sheet/headers throw; empty required cells come back as
 * `errors` (with sheet, row and column) for the caller to report with its own.
 * `columns` lists the spec's columns the header row holds.
 */
export function readSheet<K extends string>(
  workbook: ExcelJS.Workbook,
  spec: SheetSpec<K>,
  options: ReadSheetOptions = {},
): { sheet: string; rows: SheetRow<K>[]; errors: ErrorDetail[]; columns: K[] } {
  const sheet = workbook.getWorksheet(spec.name) ?? workbook.worksheets[0];
  if (!sheet) throw new AppError("IMPORT_INVALID", "Excel 文件中没有工作表", [{ message: `缺少工作表「${spec.name}」` }]);
  const headerRow = sheet.getRow(1);
  const positions = new Map<K, number>();
  const seen: string[] = [];
  headerRow.eachCell((cell, col) => {
    const text = cellText(cell).replace(/[*＊\s]/g, "");
    seen.push(text);
    const column = spec.columns.find((c) => c.header === text);
    if (column && !positions.has(column.key)) positions.set(column.key, col);
  });
  const missing = spec.columns.filter((c) => c.required && !positions.has(c.key));
  if (missing.length) {
    throw new AppError(
      "IMPORT_INVALID",
      `工作表「${sheet.name}」缺少表头：${missing.map((c) => c.header).join("、")}`,
      missing.map((c) => ({ sheet: sheet.name, row: 1, column: c.header, message: `缺少必填列「${c.header}」` })),
    );
  }
  const rows: SheetRow<K>[] = [];
  const errors: ErrorDetail[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const values = {} as Record<K, string>;
    for (const column of spec.columns) {
      const col = positions.get(column.key);
      values[column.key] = col ? cellText(row.getCell(col), options.mergedAsEmpty) : "";
    }
    if (Object.values<string>(values).every((v) => v === "")) continue;
    for (const column of spec.columns) {
      if (column.required && values[column.key] === "") {
        errors.push({ sheet: sheet.name, row: r, column: column.header, message: `「${column.header}」不能为空` });
      }
    }
    rows.push({ row: r, values });
  }
  if (rows.length > LIMITS.importRowsMax) {
    throw new AppError("PAYLOAD_TOO_LARGE", `一次最多导入 ${LIMITS.importRowsMax} 行，本文件有 ${rows.length} 行`);
  }
  return { sheet: sheet.name, rows, errors, columns: [...positions.keys()] };
}

/** The all-or-nothing import failure: every row error, nothing written. */
export function importInvalid(errors: ErrorDetail[]): AppError {
  const shown = errors.slice(0, 500);
  const first = shown[0];
  const where = first?.row ? `第 ${first.row} 行「${first.column}」：` : "";
  return new AppError("IMPORT_INVALID", `导入失败，共 ${errors.length} 处错误，未写入任何数据。${where}${first?.message ?? ""}`, shown);
}

/** A workbook of one sheet: Chinese headers (required ones marked *), frozen header row, drop-downs. */
export async function writeSheet<K extends string>(
  spec: SheetSpec<K>,
  rows: readonly Record<K, string | number | null>[],
  notes?: string[],
): Promise<Buffer> {
  return writeSheets([{ spec, rows }], notes);
}

/** One sheet of a multi-sheet workbook. */
export interface SheetContent<K extends string = string> {
  spec: SheetSpec<K>;
  rows: readonly Record<K, string | number | null>[];
}

/** A workbook of several sheets, each laid out like `writeSheet`'s, plus an optional 填写说明 sheet. */
export async function writeSheets(sheets: readonly SheetContent[], notes?: string[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Kaoping 考评";
  for (const { spec, rows } of sheets) addSheet(workbook, spec, rows);
  if (notes?.length) {
    const help = workbook.addWorksheet("填写说明");
    help.getColumn(1).width = 100;
    for (const line of notes) help.addRow([line]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addSheet<K extends string>(
  workbook: ExcelJS.Workbook,
  spec: SheetSpec<K>,
  rows: readonly Record<K, string | number | null>[],
): void {
  const sheet = workbook.addWorksheet(spec.name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = spec.columns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.width ?? 18 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  spec.columns.forEach((c, i) => {
    if (!c.options) return;
    const letter = sheet.getColumn(i + 1).letter;
    for (let r = 2; r <= Math.max(rows.length + 1, 500); r++) {
      sheet.getCell(`${letter}${r}`).dataValidation = {
        type: "list",
        allowBlank: !c.required,
        formulae: [`"${c.options.join(",")}"`],
      };
    }
  });
}
