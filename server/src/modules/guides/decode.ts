import {
  type CodeTables,
  type ErrorDetail,
  type GuideImportFormat,
  type ImportIssue,
  parseProvincialExport,
  type ServiceGuide,
  serviceGuideSchema,
} from "@kaoping/core";
import { type ParseError, parseTree, printParseErrorCode } from "jsonc-parser";
import { AppError } from "../../platform/errors.ts";

/** What a file held: its guides, and the problems met reading them (errors leave a record out). */
export interface DecodedGuides {
  format: Exclude<GuideImportFormat, "auto">;
  guides: ServiceGuide[];
  issues: ImportIssue[];
}

const ZIP_MAGIC = "PK\u0003\u0004";
const MAX_GUIDE_ERRORS = 200;

/**
 * Guides from an uploaded file in any of the three formats. “auto” reads an
 * .xlsx as the Excel template and JSON by its shape: records carrying
 * AUDIT_ITEM are a provincial export, anything else Kaoping's own format.
 */
export async function decodeGuideFile(options: {
  buffer: Buffer;
  fileName: string;
  format: GuideImportFormat;
  source: string;
  tables?: CodeTables;
}): Promise<DecodedGuides> {
  const { buffer, fileName, source, tables } = options;
  const isZip = buffer.subarray(0, 4).toString("latin1") === ZIP_MAGIC;
  const format: GuideImportFormat | "json" =
    options.format === "auto" ? (isZip || /\.xlsx$/i.test(fileName) ? "excel" : "json") : options.format;
  if (format === "excel") {
    // Loaded on demand: ExcelJS is most of `kaoping guides check`'s start-up otherwise.
    const { parseGuidesWorkbook } = await import("./excel.ts");
    return { format, guides: await parseGuidesWorkbook(buffer), issues: [] };
  }
  if (isZip) throw new AppError("BAD_FILE", `文件“${fileName}”是 Excel/压缩文件，不是 JSON：请选择“Excel 模板”格式`);
  const json = parseJson(buffer.toString("utf8"));
  const shape = format === "json" ? (looksProvincial(json) ? "provincial" : "kaoping") : format;
  if (shape === "provincial") return { format: shape, ...parseProvincialExport(json, { source, tables }) };
  return { format: shape, guides: readOwnFormat(json), issues: [] };
}

/**
 * JSON.parse, and on failure the first syntax error's line and column, which
 * is what a person opening the file can find (JSON.parse's message often has
 * no position). The second, slower parser runs only on a broken file.
 */
export function parseJson(text: string): unknown {
  const body = text.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(body);
  } catch (error) {
    if (!body.trim()) throw new AppError("BAD_FILE", "文件为空");
    const errors: ParseError[] = [];
    parseTree(body, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    if (!first) throw new AppError("BAD_FILE", `文件不是有效的 JSON：${(error as Error).message}`);
    const lines = body.slice(0, first.offset).split("\n");
    const line = lines.length;
    const column = lines[lines.length - 1]!.length + 1;
    const what = printParseErrorCode(first.error);
    throw new AppError("BAD_FILE", `文件不是有效的 JSON：第 ${line} 行第 ${column} 列附近有语法错误（${what}）`, [
      { row: line, column: String(column), message: what },
    ]);
  }
}

function looksProvincial(json: unknown): boolean {
  const data = (json as { data?: unknown })?.data;
  const list = (data as { list?: unknown })?.list ?? data ?? json;
  const first = Array.isArray(list) ? list[0] : list;
  return typeof first === "object" && first !== null && "AUDIT_ITEM" in first;
}

/** Kaoping's own JSON (an array, or `{ guides: [...] }`) is all or nothing: every invalid field is named. */
function readOwnFormat(json: unknown): ServiceGuide[] {
  const list = Array.isArray(json) ? json : (json as { guides?: unknown })?.guides;
  if (!Array.isArray(list)) throw new AppError("VALIDATION", "文件应为办事指南数组，或含 guides 数组的对象");
  const errors: ErrorDetail[] = [];
  const guides: ServiceGuide[] = [];
  list.forEach((item, index) => {
    const parsed = serviceGuideSchema.safeParse(item);
    if (parsed.success) guides.push(parsed.data);
    else for (const issue of parsed.error.issues) errors.push({ path: [index, ...issue.path.map(String)], message: issue.message });
  });
  if (errors.length) {
    const first = errors[0]!;
    throw new AppError(
      "IMPORT_INVALID",
      `导入失败，共 ${errors.length} 处错误，未写入任何数据。第 ${Number(first.path![0]) + 1} 份办事指南无效：${first.path!.join(".")} ${first.message}`,
      errors.slice(0, MAX_GUIDE_ERRORS),
    );
  }
  return guides;
}
