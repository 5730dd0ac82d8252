import { describe, expect, it } from "vitest";
import { failureText } from "./case-import.ts";

describe("kaoping cases import: a refused file", () => {
  it("says the reason and where it is, each once", () => {
    expect(failureText({ message: "本行有 1 列，表头有 20 列", line: 3, column: "办理渠道" })).toBe(
      "本行有 1 列，表头有 20 列（第 3 行，列“办理渠道”）",
    );
    expect(failureText({ message: "缺少必需的列：受理部门编码", line: 1, column: "受理部门编码" })).toBe(
      "缺少必需的列：受理部门编码（第 1 行）",
    );
    expect(failureText({ message: "不是 CSV 文件" })).toBe("不是 CSV 文件");
    expect(failureText(null)).toBeNull();
  });
});
