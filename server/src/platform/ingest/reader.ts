import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { AppError } from "../errors.ts";
import { excelReadReason } from "../excel/workbook.ts";
import { type CsvRecord, CsvScanner, CsvStructureError } from "./csv.ts";
import { type FileSniff, refuseFile, sniffFile } from "./encoding.ts";

/** One data row of a bulk file: its line (the header is line 1) and its cells by header. */
export interface IngestRecord {
  line: number;
  fields: Record<string, string>;
}

export type IngestFormat = "csv" | "jsonl" | "xlsx";

/** An open bulk file: its header and a stream of its rows, with the bytes read so far. */
export interface RecordReader {
  format: IngestFormat;
  encoding: string | null;
  headers: string[];
  bytesTotal: number;
  bytesRead(): number;
  records(): AsyncIterable<IngestRecord>;
  /** Reads to the end without building the records (the structure check): how many there are; `onRows` hears the count so far as it reads and may throw to stop. */
  count(onRows?: (rows: number) => void): Promise<number>;
}

/**
 * Opens a CSV (UTF-8 with or without BOM, GB18030/GBK, UTF-16LE with BOM), JSON-lines or .xlsx
 * file as a stream of records; memory stays flat whatever the file's size. Structural problems
 * (empty, binary, unreadable encoding, unterminated quote, a row with the wrong number of cells)
 * throw an AppError naming the line and column.
 */
export async function openRecordReader(
  filePath: string,
  fileName = path.basename(filePath),
  options: { xlsxStallMs?: number } = {},
): Promise<RecordReader> {
  const sniff = await sniffFile(filePath);
  const format = formatOf(fileName, sniff);
  let bytesRead = 0;
  const counted = (): Readable => {
    const counter = new PassThrough();
    counter.on("data", (chunk: Buffer) => {
      bytesRead += chunk.length;
    });
    const file = fs.createReadStream(filePath, { start: sniff.skip, highWaterMark: 256 * 1024 });
    // A reader left early destroys the stream it reads; the file must close with it.
    counter.on("close", () => file.destroy());
    return chain(file, counter);
  };
  const source =
    format === "xlsx"
      ? xlsxRecords(counted, options.xlsxStallMs ?? XLSX_STALL_MS)
      : format === "jsonl"
        ? jsonlRecords(counted, sniff)
        : new CsvSource(counted, sniff);
  const first = await source.next();
  if (first.done) throw refuseFile("文件没有表头");
  const headers = first.value as string[];
  const records = source as AsyncIterable<IngestRecord>;
  return {
    format,
    encoding: sniff.encoding,
    headers,
    bytesTotal: sniff.size,
    bytesRead: () => bytesRead,
    records: () => records,
    async count(onRows) {
      let rows = 0;
      if (source instanceof CsvSource)
        for await (const batch of source.batches()) {
          rows += batch.length;
          onRows?.(rows);
        }
      else
        for await (const _ of records) {
          rows++;
          onRows?.(rows);
        }
      return rows;
    },
  };
}

function formatOf(fileName: string, sniff: FileSniff): IngestFormat {
  const ext = path.extname(fileName).toLowerCase();
  if (sniff.isZip) {
    if (ext === ".xlsx" || ext === ".zip" || ext === "") return "xlsx";
    throw refuseFile(`文件“${fileName}”实为压缩包或 Excel 文件，请使用 .xlsx 扩展名或导出为 CSV`);
  }
  if (ext === ".xlsx") throw refuseFile(`文件“${fileName}”不是有效的 Excel (.xlsx) 文件`);
  if (ext === ".xls") throw refuseFile("不支持旧版 Excel (.xls)，请另存为 .xlsx 或 CSV");
  return ext === ".jsonl" || ext === ".ndjson" || ext === ".json" ? "jsonl" : "csv";
}

/** Bytes → text in the sniffed encoding; invalid UTF-8 is an error (the guess was wrong), not U+FFFD. */
async function* decodedText(bytes: Readable, sniff: FileSniff): AsyncGenerator<string> {
  if (sniff.encoding !== "utf-8") {
    const decoder = iconv.getDecoder(sniff.encoding ?? "utf-8");
    for await (const chunk of bytes) yield decoder.write(chunk as Buffer);
    yield decoder.end() ?? "";
    return;
  }
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let newlines = 0;
  for await (const chunk of bytes) {
    let text: string;
    try {
      text = decoder.decode(chunk as Buffer, { stream: true });
    } catch {
      // The line of the first bad byte: the lines decoded so far plus those before it in its chunk
      // (whose first bytes may end a character the chunk before began).
      let start = 0;
      while (start < 3 && ((chunk as Buffer)[start]! & 0xc0) === 0x80) start++;
      const lossy = new TextDecoder("utf-8").decode((chunk as Buffer).subarray(start));
      throw new EncodingError(newlines + lossy.slice(0, Math.max(0, lossy.indexOf("\uFFFD"))).split("\n").length);
    }
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) newlines++;
    yield text;
  }
  try {
    yield decoder.decode();
  } catch {
    throw new EncodingError(newlines + 1);
  }
}

/** `from.pipe(to)` that also passes an error on, so the reader at the end sees it (pipe alone does not). */
function chain<T extends NodeJS.WritableStream & Readable>(from: Readable, to: T): T {
  from.on("error", (error) => to.destroy(error));
  return from.pipe(to);
}

class EncodingError extends Error {
  constructor(readonly line: number) {
    super("invalid UTF-8");
  }
}

const encodingRefusal = (line: number) =>
  refuseFile("文件编码无法识别：前部按 UTF-8 读取，此处出现非 UTF-8 字节。请将整个文件另存为 UTF-8 或 GB18030 后重新导入", { line });

/** Longest record read (characters): past it the file is not CSV, or a quote is not closed. */
const MAX_RECORD_CHARS = 1024 * 1024;

/**
 * A CSV file as the header, then its records: `next()` one by one with their fields by header,
 * `batches()` the rest a chunk at a time as cells (all the structure check needs).
 */
class CsvSource implements AsyncIterator<string[] | IngestRecord> {
  private readonly chunks: AsyncGenerator<CsvRecord[]>;
  private headers: string[] | null = null;
  private toFields: (cells: string[]) => Record<string, string> = () => ({});
  private pending: CsvRecord[] = [];
  private at = 0;
  private lastLine = 1;
  /** Where the first chunk's records after the header start, until their widths are checked (not before the header is answered). */
  private uncheckedFrom: number | null = null;

  constructor(open: () => Readable, sniff: FileSniff) {
    this.chunks = csvChunks(decodedText(open(), sniff));
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  /** The header first, then each record. */
  async next(): Promise<IteratorResult<string[] | IngestRecord>> {
    while (this.at === this.pending.length) {
      const chunk = await this.read();
      if (!chunk) return { done: true, value: undefined };
      this.pending = chunk;
      this.at = 0;
      this.uncheckedFrom = null;
      if (!this.headers) {
        const header = this.pending[this.at++]!;
        this.headers = headerRow(header.cells, header.line);
        this.toFields = fieldsMaker(this.headers);
        this.uncheckedFrom = this.at;
        return { done: false, value: this.headers };
      }
    }
    this.checkFirstChunk();
    const record = this.pending[this.at++]!;
    return { done: false, value: { line: record.line, fields: this.toFields(record.cells) } };
  }

  /** A reader left early (a cancelled job) closes the file. */
  async return(): Promise<IteratorResult<string[] | IngestRecord>> {
    await this.chunks.return(undefined);
    return { done: true, value: undefined };
  }

  /** The records not yet taken, a chunk's worth at a time. */
  async *batches(): AsyncGenerator<CsvRecord[]> {
    try {
      this.checkFirstChunk();
      if (this.at < this.pending.length) yield this.pending.slice(this.at);
      this.at = this.pending.length;
      for (let chunk = await this.read(); chunk; chunk = await this.read()) yield chunk;
    } finally {
      await this.chunks.return(undefined);
    }
  }

  private checkFirstChunk() {
    if (this.uncheckedFrom === null) return;
    this.checkWidths(this.pending, this.uncheckedFrom);
    this.uncheckedFrom = null;
  }

  /** The next chunk's records (each as wide as the header once it is known); null at the end. */
  private async read(): Promise<CsvRecord[] | null> {
    try {
      const next = await this.chunks.next();
      if (next.done) return null;
      if (this.headers) this.checkWidths(next.value, 0);
      this.lastLine = next.value[next.value.length - 1]!.line;
      return next.value;
    } catch (error) {
      throw csvRefusal(error, this.lastLine);
    }
  }

  private checkWidths(records: CsvRecord[], from: number) {
    const headers = this.headers!;
    for (let i = from; i < records.length; i++) if (records[i]!.cells.length !== headers.length) throw widthRefusal(records[i]!, headers);
  }
}

async function* csvChunks(texts: AsyncGenerator<string>): AsyncGenerator<CsvRecord[]> {
  const scanner = new CsvScanner(MAX_RECORD_CHARS);
  for await (const text of texts) {
    const records = scanner.push(text);
    if (records.length) yield records;
  }
  const rest = scanner.end();
  if (rest.length) yield rest;
}

function widthRefusal(record: CsvRecord, headers: string[]): AppError {
  const column = headers[Math.min(record.cells.length, headers.length - 1)];
  return refuseFile(`本行有 ${record.cells.length} 列，表头有 ${headers.length} 列（文件被截断或分隔符错误）`, {
    line: record.line,
    column,
  });
}

function csvRefusal(error: unknown, lastLine: number): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof EncodingError) return encodingRefusal(error.line);
  if (!(error instanceof CsvStructureError)) {
    console.warn(`Bulk file unreadable: ${(error as Error).message}`);
    return refuseFile("文件无法读取（读取中断或文件已损坏），请重新上传", { line: lastLine + 1 });
  }
  const line = error.line;
  switch (error.problem) {
    case "quote_not_closed":
      return refuseFile("引号未闭合，文件可能被截断或已损坏", { line });
    case "invalid_closing_quote":
    case "invalid_opening_quote":
      return refuseFile("引号位置错误（字段内的引号应写作两个引号）", { line });
    case "record_too_long":
      return refuseFile("一行超过 1 MB，文件可能不是 CSV 或引号未闭合", { line });
  }
}

/**
 * A row's cells → its fields by header, through an object literal compiled for the file's headers:
 * V8 then gives every row one fast shape, where adding the headers one by one (up to 30 Chinese
 * keys) costs more than parsing the row. The headers enter the code only as JSON string literals.
 */
function fieldsMaker(headers: string[]): (cells: string[]) => Record<string, string> {
  const unique = [...new Set(headers)];
  const body = unique.map((header) => `${JSON.stringify(header)}: c[${headers.lastIndexOf(header)}]`).join(", ");
  return new Function("c", `return { ${body} };`) as (cells: string[]) => Record<string, string>;
}

function headerRow(cells: string[], line: number): string[] {
  // A trailing * marks a required column in Kaoping's own templates.
  const headers = cells.map((c) => c.trim().replace(/\*$/, ""));
  if (headers.every((h) => !h)) throw refuseFile("表头为空", { line });
  const seen = new Set<string>();
  for (const header of headers) {
    if (header && seen.has(header)) throw refuseFile(`表头“${header}”重复`, { line, column: header });
    seen.add(header);
  }
  return headers;
}

async function* jsonlRecords(open: () => Readable, sniff: FileSniff): AsyncGenerator<string[] | IngestRecord> {
  const lines = readline.createInterface({ input: Readable.from(decodedText(open(), sniff)), crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  let headers: string[] | null = null;
  try {
    for await (const text of lines) {
      line++;
      if (!text.trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw refuseFile("不是有效的 JSON（每行应为一个 JSON 对象；文件可能被截断）", { line });
      }
      if (!value || typeof value !== "object" || Array.isArray(value)) throw refuseFile("每行应为一个 JSON 对象", { line });
      const fields: Record<string, string> = {};
      for (const [key, cell] of Object.entries(value)) fields[key] = cell === null || cell === undefined ? "" : String(cell);
      if (!headers) {
        headers = Object.keys(fields);
        yield headers;
      }
      yield { line, fields };
    }
  } catch (error) {
    if (error instanceof EncodingError) throw encodingRefusal(error.line);
    throw error;
  }
}

/**
 * How long the .xlsx reader may take to give the next row. A local file gives its rows in
 * milliseconds; a workbook damaged in the middle can leave ExcelJS's streaming reader waiting forever
 * — the job would stay "running" with its heartbeat beating — so a stall is a damaged file.
 */
export const XLSX_STALL_MS = 30_000;

/**
 * The items of `source`, refusing with `stalled()` when one takes longer than `ms` to come. Only the
 * wait for the source counts, not the time the consumer spends between items.
 */
export async function* withStallLimit<T>(source: AsyncIterable<T>, ms: number, stalled: () => Error): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let isDone = false;
  try {
    while (true) {
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(stalled()), ms);
      });
      const step = await Promise.race([iterator.next(), limit]).finally(() => clearTimeout(timer));
      if (step.done) {
        isDone = true;
        return;
      }
      yield step.value;
    }
  } finally {
    // Not awaited: a stalled iterator's return would wait as long as its next.
    if (!isDone) iterator.return?.()?.catch(() => {});
  }
}

/** The first sheet's rows, each with its number and its cells as text. */
async function* sheetRows(workbook: ExcelJS.stream.xlsx.WorkbookReader): AsyncGenerator<{ number: number; cells: string[] }> {
  for await (const sheet of workbook) {
    for await (const row of sheet) yield { number: row.number, cells: (row.values as unknown[]).slice(1).map(cellText) };
    return; // the first sheet only
  }
}

async function* xlsxRecords(open: () => Readable, stallMs: number): AsyncGenerator<string[] | IngestRecord> {
  const input = open();
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache", // dates are numbers with a date format: without the styles they read as serials
    worksheets: "emit",
    entries: "ignore",
  });
  const stalled = () => {
    input.destroy();
    return refuseFile("Excel 文件无法读取：文件内容已损坏，读到中途无法继续，请用 Excel 打开后另存为 .xlsx 再导入");
  };
  let headers: string[] | null = null;
  try {
    for await (const { number, cells } of withStallLimit(sheetRows(workbook), stallMs, stalled)) {
      if (!headers) {
        headers = headerRow(cells, number);
        yield headers;
        continue;
      }
      if (cells.every((c) => !c)) continue;
      const fields: Record<string, string> = {};
      headers.forEach((header, i) => {
        fields[header] = cells[i] ?? "";
      });
      yield { line: number, fields };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refuseFile(`Excel 文件无法读取：${excelReadReason(error)}`);
  }
}

/** A cell as text: dates as China Standard Time wall clock (ExcelJS gives them as UTC), rich text and formulas by value. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace("T", " ");
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: string };
    if (v.richText) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return cellText(v.result);
    if (v.text !== undefined) return String(v.text);
    return "";
  }
  return String(value);
}
