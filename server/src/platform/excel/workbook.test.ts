import ExcelJS from "exceljs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "../errors.ts";
import { excelReadReason, loadWorkbook } from "./workbook.ts";

/** What the zip and Excel layers say, which no user should read. */
const INTERNAL = /FILE_ENDED|signature|central directory|Corrupted|zip|End of data|0x[0-9a-f]|[A-Z]{2,}_[A-Z]{2,}/i;

async function realWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("单位");
  sheet.addRow(["单位编码", "单位名称"]);
  for (let i = 0; i < 500; i++) sheet.addRow([`D${i}`, `单位${i}`]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const refusalOf = (buffer: Buffer) =>
  loadWorkbook(buffer).then(
    () => {
      throw new Error("not refused");
    },
    (error: unknown) => error as AppError,
  );

describe("loadWorkbook", () => {
  afterEach(() => vi.restoreAllMocks());

  it("refuses a truncated .xlsx as incomplete, logging the zip layer's own words only", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const full = await realWorkbook();
    for (const cut of [full.subarray(0, full.length >> 1), full.subarray(0, full.length - 10)]) {
      const error = await refusalOf(cut);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "BAD_FILE", message: "Excel 文件无法读取：文件不完整（可能上传中断或文件已损坏）" });
      expect(error.message).not.toMatch(INTERNAL);
    }
    expect(warn.mock.calls.flat().join("\n")).toMatch(/central directory|End of data/);
  });

  it("refuses a text file renamed .xlsx and a zip that is not a workbook, in plain words", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const renamed = await refusalOf(Buffer.from("单位编码,单位名称\nD1,不是Excel\n"));
    expect(renamed).toMatchObject({ code: "BAD_FILE", message: "文件不是有效的 Excel (.xlsx) 文件" });
    const junk = await refusalOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 1)]));
    expect(junk.code).toBe("BAD_FILE");
    expect(junk.message).toMatch(/^Excel 文件无法读取：/);
    expect(junk.message).not.toMatch(INTERNAL);
  });
});

describe("excelReadReason", () => {
  afterEach(() => vi.restoreAllMocks());

  it("turns the zip, inflate and XML layers' errors into reasons a user can act on", () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const reasons: [Error, string][] = [
      [new Error("FILE_ENDED"), "文件不完整（可能上传中断或文件已损坏）"],
      [new Error("Corrupted zip: can't find end of central directory"), "文件不完整（可能上传中断或文件已损坏）"],
      [new Error("invalid signature: 0x6f6c6c65"), "文件已损坏或不是 .xlsx 格式，请用 Excel 打开后另存为 .xlsx 再导入"],
      [
        Object.assign(new Error("invalid stored block lengths"), { code: "Z_DATA_ERROR" }),
        "文件内容已损坏，请用 Excel 打开后另存为 .xlsx 再导入",
      ],
      [new Error("Unclosed root tag\nLine: 3"), "文件内容已损坏，请用 Excel 打开后另存为 .xlsx 再导入"],
      [new Error("Encrypted zip are not supported"), "文件设置了密码，请在 Excel 中取消密码后重新导入"],
      [new Error("something else entirely"), "文件已损坏或不是 .xlsx 格式"],
    ];
    for (const [error, reason] of reasons) expect(excelReadReason(error), error.message).toBe(reason);
  });
});
