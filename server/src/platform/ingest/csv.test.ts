import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { type CsvProblem, type CsvRecord, CsvScanner, CsvStructureError } from "./csv.ts";

/** The text fed in pieces cut at the given offsets, as a stream delivers it. */
function scan(text: string, cuts: number[] = []): CsvRecord[] | CsvProblem {
  const scanner = new CsvScanner(4096);
  const records: CsvRecord[] = [];
  try {
    let from = 0;
    for (const cut of [...cuts, text.length]) {
      records.push(...scanner.push(text.slice(from, cut)));
      from = cut;
    }
    records.push(...scanner.end());
    return records;
  } catch (error) {
    if (error instanceof CsvStructureError) return error.problem;
    throw error;
  }
}

const CSV_PARSE_PROBLEM: Record<string, CsvProblem> = {
  CSV_QUOTE_NOT_CLOSED: "quote_not_closed",
  CSV_INVALID_CLOSING_QUOTE: "invalid_closing_quote",
  INVALID_OPENING_QUOTE: "invalid_opening_quote",
  CSV_MAX_RECORD_SIZE: "record_too_long",
};

/** csv-parse's cells with the options the reader used (its line numbers are not compared: it counts a quoted \r\n as two lines). */
function csvParse(text: string): string[][] | CsvProblem {
  try {
    return parse(text, { skip_empty_lines: true, relax_column_count: true, max_record_size: 4096 }) as string[][];
  } catch (error) {
    const problem = CSV_PARSE_PROBLEM[(error as { code: string }).code];
    if (!problem) throw error;
    return problem;
  }
}

/** A small seeded generator (mulberry32): the same files on every run. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick };
}

/**
 * A random file — plain and quoted fields (commas, quotes, line breaks inside), empty lines, and now
 * and then a broken quote — with the line each of its records starts on, counted as it is written.
 * One line ending per file: csv-parse takes the first it meets as the file's (see the mixed-endings test).
 */
function randomCsv(seed: number): { text: string; starts: number[] | null } {
  const { next, pick } = random(seed);
  let broken = false;
  const eol = pick(["\n", "\r\n"]);
  const text = (alphabet: string[]) => Array.from({ length: Math.floor(next() * 4) }, () => pick(alphabet)).join("");
  const field = () => {
    const roll = next();
    if (roll < 0.55) return text(["a", "中", " ", "7", "-"]);
    if (roll < 0.9) return `"${text(["a", "中", ",", '""', eol, " "])}"`;
    broken = true;
    if (roll < 0.94) return `${text(["a"])}"${text(["b"])}`; // a quote inside a plain field
    if (roll < 0.98) return `"${text(["a"])}"${pick(["x", " ", "a"])}`; // something after the closing quote
    return `"${text(["a"])}`; // a quote never closed (or closed by a later line's stray quote)
  };
  const lines = Array.from({ length: 1 + Math.floor(next() * 6) }, () =>
    next() < 0.1 ? "" : Array.from({ length: 1 + Math.floor(next() * 4) }, field).join(","),
  );
  const starts: number[] = [];
  let line = 1;
  for (const record of lines) {
    if (record) starts.push(line);
    line += 1 + record.split("\n").length - 1;
  }
  // A broken field can pair with a later line's quote and join the lines: no start lines to expect then.
  return { text: lines.join(eol) + (next() < 0.5 ? eol : ""), starts: broken ? null : starts };
}

describe("CsvScanner", () => {
  it("reads records with the line each starts on, quoted fields whole, empty lines skipped", () => {
    const text = '办件编号,办理渠道\r\n\r\nA-1,"窗口,\r\n大厅"\nA-2,"他说""好"""\n"",\n';
    expect(scan(text)).toEqual([
      { cells: ["办件编号", "办理渠道"], line: 1 },
      { cells: ["A-1", "窗口,\r\n大厅"], line: 3 },
      { cells: ["A-2", '他说"好"'], line: 5 },
      { cells: ["", ""], line: 6 },
    ]);
  });

  it("gives the same records wherever the chunks are cut", () => {
    const text = 'a,b\r\n"x\r\n""y""",z\r\nlast,"one"';
    const whole = scan(text);
    for (let cut = 0; cut <= text.length; cut++) expect(scan(text, [cut]), `cut at ${cut}`).toEqual(whole);
  });

  it("reads a file that mixes \\n and \\r\\n line endings (csv-parse would refuse or misread it)", () => {
    expect(scan('a,"b\nc"\r\n1,"2"\n3,4\r\n')).toEqual([
      { cells: ["a", "b\nc"], line: 1 },
      { cells: ["1", "2"], line: 3 },
      { cells: ["3", "4"], line: 4 },
    ]);
  });

  it("reads a file whose lines end with a lone \\r throughout, wherever the chunks are cut", () => {
    const text = 'a,b\r1,"x"\r\r3,4\r';
    const expected = [
      { cells: ["a", "b"], line: 1 },
      { cells: ["1", "x"], line: 2 },
      { cells: ["3", "4"], line: 4 },
    ];
    for (let cut = 0; cut <= text.length; cut++) expect(scan(text, [cut]), `cut at ${cut}`).toEqual(expected);
    expect(csvParse(text)).toEqual(expected.map((r) => r.cells));
  });

  it("refuses a record longer than the limit, whether or not its line is complete in the chunk", () => {
    expect(scan(`a,b\n1,${"x".repeat(5000)}\n2,3\n`)).toBe("record_too_long");
    expect(scan(`a,b\n1,"${"x".repeat(5000)}"\n2,3\n`)).toBe("record_too_long");
    expect(scan(`a,b\n1,${"x".repeat(4000)}\n`)).toHaveLength(2);
  });

  it("refuses a quote never closed, a quote inside a plain field, text after a closing quote, a record too long", () => {
    expect(scan('a,b\n1,"2\n3,4\n')).toBe("quote_not_closed");
    expect(scan('a,b\n1,2"3\n')).toBe("invalid_opening_quote");
    expect(scan('a,b\n1,"2"3\n')).toBe("invalid_closing_quote");
    expect(scan(`a,b\n1,${"x".repeat(5000)}`)).toBe("record_too_long");
    // The line named is the one the bad quote is on, inside a record that spans lines.
    const refusal = (() => {
      try {
        new CsvScanner().push('a,b\n1,2\n"3\n4"x,5\n');
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toMatchObject({ problem: "invalid_closing_quote", line: 4 });
  });

  it("answers as csv-parse does over 3 000 random files, cut into random chunks", () => {
    let refused = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const { text, starts } = randomCsv(seed);
      const { next } = random(seed * 7919);
      const cuts = Array.from({ length: 3 }, () => Math.floor(next() * text.length)).sort((a, b) => a - b);
      const expected = csvParse(text);
      const scanned = scan(text, cuts);
      if (typeof expected === "string") {
        refused++;
        expect(scanned, JSON.stringify(text)).toBe(expected);
      } else if (!starts)
        expect(typeof scanned === "string" ? scanned : scanned.map((r) => r.cells), JSON.stringify(text)).toEqual(expected);
      else expect(scanned, JSON.stringify(text)).toEqual(expected.map((cells, i) => ({ cells, line: starts[i] })));
    }
    // Both kinds of file are in the sample.
    expect(refused).toBeGreaterThan(300);
    expect(refused).toBeLessThan(2700);
  });
});
