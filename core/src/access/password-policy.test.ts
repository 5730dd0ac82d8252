import { describe, expect, it } from "vitest";
import { checkPasswordComplexity } from "./password-policy.ts";

describe("password policy", () => {
  it("accepts a long password of three character classes", () => {
    expect(checkPasswordComplexity("Kaoping-Test-2026!")).toEqual([]);
  });

  it("refuses NUL and other control characters, which no login form can type", () => {
    expect(checkPasswordComplexity("\u0000".repeat(12))).toContain("密码不能包含控制字符（如 NUL、换行）");
    expect(checkPasswordComplexity("Abcdefgh1\u0000")).toContain("密码不能包含控制字符（如 NUL、换行）");
    expect(checkPasswordComplexity("Abcdefgh1\n2")).toContain("密码不能包含控制字符（如 NUL、换行）");
  });

  it("does not count a control character as the special-character class", () => {
    expect(checkPasswordComplexity("abcdefghij1\u0001")).toContain("密码须包含大写字母、小写字母、数字、特殊字符中的至少三类");
  });
});
