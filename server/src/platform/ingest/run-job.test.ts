import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { refuseFile } from "./encoding.ts";
import { jobError } from "./run-job.ts";

describe("a refused file's error", () => {
  it("names the position once in the answer, and leaves it to line and column on the job", () => {
    const missing = refuseFile("缺少必需的列：受理部门编码", { line: 1, column: "受理部门编码" });
    expect(missing.message).toBe("第 1 行：缺少必需的列：受理部门编码");
    expect(missing.details).toEqual([{ path: ["body", "file"], row: 1, column: "受理部门编码", message: "缺少必需的列：受理部门编码" }]);
    expect(jobError(missing)).toEqual({ message: "缺少必需的列：受理部门编码", line: 1, column: "受理部门编码" });

    const narrow = refuseFile("本行有 1 列，表头有 2 列（文件被截断或分隔符错误）", { line: 3, column: "办理渠道" });
    expect(narrow.message).toBe("第 3 行“办理渠道”列：本行有 1 列，表头有 2 列（文件被截断或分隔符错误）");
    expect(jobError(narrow)).toEqual({ message: "本行有 1 列，表头有 2 列（文件被截断或分隔符错误）", line: 3, column: "办理渠道" });
    expect(jobError(narrow).message).not.toMatch(/第 \d+ 行/);
  });

  it("keeps an unlocated refusal's message, and no internal text of an unexpected error", () => {
    expect(jobError(refuseFile("文件为空（0 字节）"))).toEqual({ message: "文件为空（0 字节）", line: undefined, column: undefined });
    expect(jobError(new AppError("PAYLOAD_TOO_LARGE", "文件过大"))).toMatchObject({ message: "文件过大" });
    expect(jobError(new Error("Connection terminated unexpectedly"))).toEqual({
      message: "导入中断（已提交的批次保留，可重新运行以续传）",
    });
  });
});
