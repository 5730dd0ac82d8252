import { readdirSync, readlinkSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRecordReader, type RecordReader, withStallLimit } from "./reader.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "kaoping-reader-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function readAll(name: string, content: Buffer | string) {
  const file = path.join(dir, name);
  await writeFile(file, content);
  const reader = await openRecordReader(file, name);
  const rows = [];
  for await (const record of reader.records()) rows.push(record);
  return { reader, rows };
}

const refusal = async (name: string, content: Buffer | string) => {
  try {
    await readAll(name, content);
  } catch (error) {
    const e = error as { code: string; message: string; details?: { row?: number; column?: string }[] };
    return { code: e.code, message: e.message, row: e.details?.[0]?.row, column: e.details?.[0]?.column };
  }
  throw new Error("not refused");
};

const CSV = '办件编号,办理渠道\nA-1,网上\n"A-2","窗口,大厅"\n';

describe("openRecordReader", () => {
  it("reads UTF-8 with and without BOM, GB18030 and UTF-16LE alike", async () => {
    const expected = [
      { line: 2, fields: { 办件编号: "A-1", 办理渠道: "网上" } },
      { line: 3, fields: { 办件编号: "A-2", 办理渠道: "窗口,大厅" } },
    ];
    for (const [name, bytes, encoding] of [
      ["plain.csv", Buffer.from(CSV), "utf-8"],
      ["bom.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)]), "utf-8"],
      ["gbk.csv", iconv.encode(CSV, "gbk"), "gb18030"],
      ["utf16.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(CSV, "utf-16le")]), "utf-16le"],
    ] as const) {
      const { reader, rows } = await readAll(name, bytes);
      expect(reader.encoding, name).toBe(encoding);
      expect(reader.headers).toEqual(["办件编号", "办理渠道"]);
      expect(rows, name).toEqual(expected);
    }
  });

  it("reads JSON lines and the first sheet of an .xlsx (dates as China time)", async () => {
    const jsonl = await readAll("a.jsonl", '{"办件编号":"A-1","跑动次数":0}\n\n{"办件编号":"A-2","跑动次数":null}\n');
    expect(jsonl.rows).toEqual([
      { line: 1, fields: { 办件编号: "A-1", 跑动次数: "0" } },
      { line: 3, fields: { 办件编号: "A-2", 跑动次数: "" } },
    ]);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("办件");
    sheet.addRow(["办件编号", "受理时间"]);
    sheet.addRow(["A-1", new Date(Date.UTC(2025, 2, 3, 9, 30))]);
    const xlsx = await readAll("a.xlsx", Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(xlsx.rows).toEqual([{ line: 2, fields: { 办件编号: "A-1", 受理时间: "2025-03-03 09:30:00" } }]);
  });

  it("refuses an empty file, a binary one and a zip named .csv", async () => {
    expect(await refusal("empty.csv", "")).toMatchObject({ code: "BAD_FILE", message: "文件为空（0 字节）" });
    expect((await refusal("bin.csv", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]))).message).toContain("二进制");
    expect((await refusal("book.csv", Buffer.from("PK\u0003\u0004rest"))).message).toContain("压缩包或 Excel");
    // A legacy .xls, or an .xlsx Excel encrypted with a password: both are the old Office container.
    const ole2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504, 0)]);
    for (const name of ["old.xls", "locked.xlsx"])
      expect((await refusal(name, ole2)).message, name).toContain("旧版 Excel (.xls) 或设置了密码的 Excel 文件");
  });

  it("refuses a cut-off file naming the line and column", async () => {
    expect(await refusal("cut.csv", "办件编号,办理渠道\nA-1,网上\nA-2")).toMatchObject({ row: 3, column: "办理渠道" });
    expect((await refusal("quote.csv", '办件编号,办理渠道\nA-1,"网上\nA-2,窗口\n')).message).toContain("引号未闭合");
    expect((await refusal("cut.jsonl", '{"办件编号":"A-1"}\n{"办件编号":"A')).row).toBe(2);
  });

  it("refuses a UTF-8 file with GBK bytes past the sniffed window, naming the line", async () => {
    const head = `办件编号,办理渠道\n${"A-1,网上\n".repeat(8000)}`;
    const bytes = Buffer.concat([Buffer.from(head), iconv.encode("A-2,窗口\n", "gbk")]);
    expect(await refusal("mixed.csv", bytes)).toMatchObject({ code: "BAD_FILE", row: 8002 });
  });

  it("names the line of a bad byte in a chunk that begins inside a character", async () => {
    // The reader takes 256 KB at a time: the 网 of line 3 straddles the first chunk's end.
    let head = "办件编号,办理渠道\nA-1,";
    head += "x".repeat(256 * 1024 - 1 - Buffer.byteLength(head));
    const bytes = Buffer.concat([Buffer.from(`${head}网上\nA-2,窗口\n`), iconv.encode("A-3,窗口\n", "gbk")]);
    expect(await refusal("straddle.csv", bytes)).toMatchObject({ code: "BAD_FILE", row: 4 });
  });

  it("opens a file whose first rows are too narrow, and refuses them when they are read", async () => {
    const file = path.join(dir, "narrow.csv");
    await writeFile(file, "办件编号,办理渠道\nA-1,网上\nA-2\n");
    const reader = await openRecordReader(file);
    expect(reader.headers).toEqual(["办件编号", "办理渠道"]);
    await expect(reader.count()).rejects.toMatchObject({ details: [{ row: 3, column: "办理渠道" }] });
  });

  it("counts the rows without building them, in every format", async () => {
    for (const [name, content] of [
      ["count.csv", CSV],
      ["count.jsonl", '{"办件编号":"A-1"}\n{"办件编号":"A-2"}\n'],
    ] as const) {
      const file = path.join(dir, name);
      await writeFile(file, content);
      expect(await (await openRecordReader(file)).count(), name).toBe(2);
    }
  });

  it("closes the file when a reader is left early", async () => {
    const file = path.join(dir, "early.csv");
    await writeFile(file, `办件编号,办理渠道\n${"A-1,网上\n".repeat(100_000)}`);
    const open = () =>
      readdirSync("/proc/self/fd").filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`) === file;
        } catch {
          return false;
        }
      }).length;
    for (const leave of [
      async (reader: RecordReader) => {
        for await (const _ of reader.records()) break;
      },
      (reader: RecordReader) =>
        reader.count(() => {
          throw new Error("stop");
        }),
    ]) {
      await leave(await openRecordReader(file)).catch(() => {});
      for (let i = 0; i < 100 && open() > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(open()).toBe(0);
    }
  });

  it("refuses a duplicate header, naming the line once and the column once", async () => {
    expect(await refusal("dup.csv", "办件编号,办件编号\n1,2\n")).toMatchObject({
      row: 1,
      column: "办件编号",
      message: "第 1 行：表头“办件编号”重复",
    });
  });

  it("refuses a broken .xlsx in plain words, with no code from the zip layer", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("办件");
    sheet.addRow(["办件编号", "办理渠道"]);
    for (let i = 0; i < 2000; i++) sheet.addRow([`A-${i}`, `渠道${i}`]);
    const full = Buffer.from(await workbook.xlsx.writeBuffer());
    const broken = [
      ["cut.xlsx", full.subarray(0, Math.floor(full.length / 2)), "文件不完整（可能上传中断或文件已损坏）"],
      ["tail.xlsx", full.subarray(0, full.length - 10), "文件不完整"],
      ["zipped-junk.xlsx", Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(100, 1)]), "Excel 文件无法读取"],
      ["renamed.xlsx", "办件编号,办理渠道\nA-1,网上\n", "不是有效的 Excel (.xlsx) 文件"],
    ] as const;
    for (const [name, content, says] of broken) {
      const refused = await refusal(name, content);
      expect(refused, name).toMatchObject({ code: "BAD_FILE" });
      expect(refused.message, name).toContain(says);
      expect(refused.message, name).not.toMatch(/FILE_ENDED|signature|central directory|Corrupted|zip|0x[0-9a-f]|[A-Z]{2,}_[A-Z]{2,}/i);
    }
  });

  it("refuses an .xlsx damaged in the middle instead of waiting forever for its next row", async () => {
    const workbook = new ExcelJS.Workbook();
    // Fixed dates: the same bytes every run, so the damage lands where it makes ExcelJS 4.4's streaming reader wait for ever.
    workbook.created = workbook.modified = new Date("2025-01-01T00:00:00Z");
    const sheet = workbook.addWorksheet("s");
    sheet.addRow(["办件编号", "受理部门编码", "备注"]);
    for (let i = 0; i < 5000; i++) sheet.addRow([`C${i}`, `U${i % 7}`, "某些文本内容".repeat(3)]);
    const good = Buffer.from(await workbook.xlsx.writeBuffer());
    // Where the reader stalls and where it fails outright varies with how the file's chunks arrive: of
    // these five places some stall on every run. Each file is refused (a stalled one would otherwise
    // hang the test), and at least one of them by the stall limit.
    const messages: string[] = [];
    for (const part of [1, 2, 13, 33, 34]) {
      const damaged = Buffer.from(good);
      const at = Math.floor((damaged.length * part) / 41);
      for (let i = 0; i < 64; i++) damaged[at + i] = (part * 31 + i * 57) & 255;
      const name = `damaged-${part}.xlsx`;
      await writeFile(path.join(dir, name), damaged);
      const refused = await (async () => {
        try {
          const reader = await openRecordReader(path.join(dir, name), name, { xlsxStallMs: 1_000 });
          for await (const _ of reader.records());
        } catch (error) {
          return error as { code: string; message: string };
        }
        throw new Error("not refused");
      })();
      expect(refused, name).toMatchObject({ code: "BAD_FILE", message: expect.stringContaining("Excel 文件无法读取") });
      messages.push(refused.message);
    }
    expect(messages.some((m) => m.includes("读到中途无法继续"))).toBe(true);
  }, 30_000);
});

describe("withStallLimit", () => {
  it("refuses when the next item does not come in time, but not for the consumer's own time between items", async () => {
    async function* slowConsumerSource() {
      yield 1;
      yield 2;
    }
    const seen: number[] = [];
    for await (const n of withStallLimit(slowConsumerSource(), 50, () => new Error("stalled"))) {
      seen.push(n);
      await new Promise((resolve) => setTimeout(resolve, 120)); // the consumer's time: not a stall
    }
    expect(seen).toEqual([1, 2]);
    const never: AsyncIterable<number> = { [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => {}) }) };
    const consume = async () => {
      for await (const _ of withStallLimit(never, 50, () => new Error("stalled")));
    };
    await expect(consume()).rejects.toThrow("stalled");
  });
});
