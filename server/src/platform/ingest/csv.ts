/**
 * Strict CSV (RFC 4180) records from decoded text, with the line each record starts on.
 *
 * Why not csv-parse, which this replaced: it read the bench's case files at 20–27 MB/s (info on:
 * 12–18), more than twice PostgreSQL's own COPY of the same file, and an import reads its file
 * twice. This scanner splits a line without quotes with `String#split` (the common row of an
 * export) and walks only the quoted ones; it is held to csv-parse's answers — the same records,
 * the same refusals — by a differential test over thousands of random files (csv.test.ts).
 *
 * Its rules are csv-parse's strict defaults: fields separated by commas, records by \n or \r\n,
 * a field either quoted whole ("" for a quote inside) or free of quotes, empty lines skipped. A file
 * whose first line ends with a lone \r has \r line ends throughout (old Mac exports), as csv-parse
 * read it; elsewhere a lone \r is part of its field. Unlike csv-parse it reads a file that mixes \n
 * and \r\n, and names the line a record starts on.
 */

export type CsvProblem = "quote_not_closed" | "invalid_opening_quote" | "invalid_closing_quote" | "record_too_long";

export class CsvStructureError extends Error {
  constructor(
    readonly problem: CsvProblem,
    /** The line the problem is on (the first line is 1). */
    readonly line: number,
  ) {
    super(`${problem} at line ${line}`);
  }
}

export interface CsvRecord {
  cells: string[];
  /** The line the record starts on. */
  line: number;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;
const COMMA = 44;

/** A quoted record read to its end: its cells, where the next record starts and the newlines inside it. */
interface Quoted {
  cells: string[];
  next: number;
  newlines: number;
}

export class CsvScanner {
  private carry = "";
  private line = 1;
  /** Lines end with a lone \r (old Mac exports): known from the first line end met. */
  private crOnly: boolean | undefined;

  /** @param maxRecordChars a record longer than this is refused (a file that is not CSV, or an unclosed quote). */
  constructor(private readonly maxRecordChars = 1024 * 1024) {}

  /** The records completed by this chunk; a record cut by the chunk's end waits for the next. */
  push(chunk: string): CsvRecord[] {
    const text = this.carry ? this.carry + chunk : chunk;
    this.crOnly ??= crOnlyEndings(text);
    return this.scan(this.crOnly ? text.replaceAll("\r", "\n") : text, false);
  }

  /** The last records, at the end of the text. */
  end(): CsvRecord[] {
    return this.scan(this.carry, true);
  }

  private scan(text: string, final: boolean): CsvRecord[] {
    const records: CsvRecord[] = [];
    let pos = 0;
    let quoteAt = text.indexOf('"');
    while (pos < text.length) {
      const newline = text.indexOf("\n", pos);
      if (newline === -1 && !final) break;
      const end = newline === -1 ? text.length : newline;
      const lineEnd = beforeCr(text, pos, end);
      if (quoteAt !== -1 && quoteAt < pos) quoteAt = text.indexOf('"', pos);
      if (quoteAt === -1 || quoteAt >= lineEnd) {
        this.checkLength(lineEnd - pos);
        // Empty lines are skipped, as csv-parse's skip_empty_lines does.
        if (lineEnd > pos) records.push({ cells: text.slice(pos, lineEnd).split(","), line: this.line });
        this.line++;
        pos = end + 1;
        continue;
      }
      const quoted = this.quotedRecord(text, pos, final);
      if (!quoted) break;
      this.checkLength(quoted.next - pos);
      records.push({ cells: quoted.cells, line: this.line });
      this.line += 1 + quoted.newlines;
      pos = quoted.next;
    }
    this.carry = pos < text.length ? text.slice(pos) : "";
    this.checkLength(this.carry.length);
    return records;
  }

  private checkLength(chars: number) {
    if (chars > this.maxRecordChars) throw new CsvStructureError("record_too_long", this.line);
  }

  /** A record with quotes from `start`; null when the text ends before the record does (more is to come). */
  private quotedRecord(text: string, start: number, final: boolean): Quoted | null {
    const cells: string[] = [];
    let newlines = 0;
    let i = start;
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        const field = this.quotedField(text, i + 1, final, this.line + newlines);
        if (!field) return null;
        cells.push(field.value);
        newlines += field.newlines;
        i = field.next;
        const after = text.charCodeAt(i);
        if (after === COMMA) {
          i++;
          continue;
        }
        if (i === text.length) return final ? { cells, next: i, newlines } : null;
        if (after === LF) return { cells, next: i + 1, newlines };
        if (after === CR && i + 1 === text.length && !final) return null;
        if (after === CR && text.charCodeAt(i + 1) === LF) return { cells, next: i + 2, newlines };
        throw new CsvStructureError("invalid_closing_quote", this.line + newlines);
      }
      const comma = text.indexOf(",", i);
      const newline = text.indexOf("\n", i);
      if (newline === -1 && !final) return null;
      const lineEnd = newline === -1 ? text.length : newline;
      if (comma !== -1 && comma < lineEnd) {
        cells.push(this.plainField(text, i, comma, newlines));
        i = comma + 1;
        continue;
      }
      cells.push(this.plainField(text, i, beforeCr(text, i, lineEnd), newlines));
      return { cells, next: lineEnd + 1, newlines };
    }
  }

  private plainField(text: string, from: number, to: number, newlines: number): string {
    const value = text.slice(from, to);
    if (value.includes('"')) throw new CsvStructureError("invalid_opening_quote", this.line + newlines);
    return value;
  }

  /** A quoted field's value from just after its opening quote; null when its closing quote is not in the text yet. */
  private quotedField(text: string, from: number, final: boolean, line: number): { value: string; next: number; newlines: number } | null {
    let value = "";
    let i = from;
    for (;;) {
      const quote = text.indexOf('"', i);
      if (quote === -1) {
        if (final) throw new CsvStructureError("quote_not_closed", line);
        return null;
      }
      if (text.charCodeAt(quote + 1) === QUOTE) {
        value += text.slice(i, quote + 1);
        i = quote + 2;
        continue;
      }
      value += text.slice(i, quote);
      return { value, next: quote + 1, newlines: countNewlines(text, from, quote) };
    }
  }
}

/** Where a line from `from` to its \n at `end` ends without the \r of a \r\n. */
const beforeCr = (text: string, from: number, end: number) => (end > from && text.charCodeAt(end - 1) === CR ? end - 1 : end);

/** Whether the first line end is a lone \r; undefined while the text has none yet (or ends on the \r). */
function crOnlyEndings(text: string): boolean | undefined {
  const cr = text.indexOf("\r");
  const lf = text.indexOf("\n");
  if (cr === -1 || (lf !== -1 && lf < cr)) return lf === -1 ? undefined : false;
  return cr + 1 < text.length ? text.charCodeAt(cr + 1) !== LF : undefined;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) count++;
  return count;
}
