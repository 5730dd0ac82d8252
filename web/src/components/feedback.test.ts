import type { FormInstance } from "antd";
import { describe, expect, it } from "vitest";
import { ApiRequestError } from "../api/client.ts";
import { applyFieldErrors, errorText } from "./feedback.ts";

describe("errorText", () => {
  it("names a refused field once: no request part, no raw path, no detail the message already says", () => {
    const refused = new ApiRequestError(400, {
      code: "VALIDATION",
      message: "请求参数无效：caseNo 不能超过 64 个字符",
      details: [{ path: ["querystring", "caseNo"], message: "不能超过 64 个字符" }],
    });
    expect(errorText(refused)).toBe("请求参数无效：caseNo 不能超过 64 个字符");
  });

  it("adds the fields the message does not name, by their names only", () => {
    const refused = new ApiRequestError(400, {
      code: "VALIDATION",
      message: "请求参数无效：name 必填（共 3 处）",
      details: [
        { path: ["body", "name"], message: "必填" },
        { path: ["body", "kind"], message: "必填" },
        { path: ["body", "bogus"], message: "未知字段“bogus”，本接口不接受" },
      ],
    });
    expect(errorText(refused)).toBe("请求参数无效：name 必填（共 3 处）（kind 必填；未知字段“bogus”，本接口不接受）");
    expect(errorText(refused)).not.toMatch(/body|querystring/);
  });

  it("does not repeat a message that is its own detail", () => {
    const message = "请求无效：请求体不是有效的 JSON";
    expect(errorText(new ApiRequestError(400, { code: "VALIDATION", message, details: [{ path: ["body"], message }] }))).toBe(message);
    // A conflict on one field whose detail says the same: once, without the field's key.
    const overlap = "密钥 SK-1 已登记，有效期 2026-01-01 至 —，与之重叠：请先注销原登记";
    expect(
      errorText(
        new ApiRequestError(409, { code: "CONFLICT", message: overlap, details: [{ path: ["body", "validFrom"], message: overlap }] }),
      ),
    ).toBe(overlap);
  });

  it("names a file's row once, and adds the rows the message does not name", () => {
    const refused = new ApiRequestError(422, {
      code: "IMPORT_INVALID",
      message: "导入失败，共 2 处错误，未写入任何数据。第 2 行「单位名称」：「单位名称」不能为空",
      details: [
        { sheet: "单位", row: 2, column: "单位名称", message: "「单位名称」不能为空" },
        { sheet: "单位", row: 5, column: "单位名称", message: "「单位名称」不能为空" },
      ],
    });
    expect(errorText(refused)).toBe(`${refused.message}（第 5 行：「单位名称」不能为空）`);
    const structural = new ApiRequestError(400, {
      code: "BAD_FILE",
      message: "第 3 行“办理渠道”列：本行有 1 列，表头有 2 列",
      details: [{ path: ["body", "file"], row: 3, column: "办理渠道", message: "本行有 1 列，表头有 2 列" }],
    });
    expect(errorText(structural)).toBe(structural.message);
  });

  it("keeps details meant for programs (a permission's code) out of the text", () => {
    const forbidden = new ApiRequestError(403, {
      code: "FORBIDDEN",
      message: "缺少权限：导入办件数据",
      details: [{ path: ["permission"], message: "case:record:import" }],
    });
    expect(errorText(forbidden)).toBe("缺少权限：导入办件数据");
  });

  it("shows other errors by their message", () => {
    expect(errorText(new Error("网络错误"))).toBe("网络错误");
    expect(errorText("出错了")).toBe("出错了");
  });
});

describe("applyFieldErrors", () => {
  /** Just what applyFieldErrors asks of a form: its field names and where the errors go. */
  function fakeForm(values: Record<string, unknown>) {
    const set: { name: (string | number)[]; errors: string[] }[] = [];
    const form = { getFieldsValue: () => values, setFields: (fields: typeof set) => set.push(...fields) };
    return { form: form as unknown as FormInstance, set };
  }
  const refused = new ApiRequestError(400, {
    code: "VALIDATION",
    message: "有效期止不能早于有效期起",
    details: [
      { path: ["body", "validTo"], message: "有效期止不能早于有效期起" },
      { path: ["body", "keyId"], message: "密钥编号必填" },
      { path: ["body", "unknown"], message: "不是表单的字段" },
    ],
  });

  it("marks the form's own fields, and a server field on the field that shows it", () => {
    const { form, set } = fakeForm({ keyId: "", validity: [] });
    expect(applyFieldErrors(form, refused, { validFrom: "validity", validTo: "validity" })).toBe(true);
    expect(set).toEqual([
      { name: ["validity"], errors: ["有效期止不能早于有效期起"] },
      { name: ["keyId"], errors: ["密钥编号必填"] },
    ]);
  });

  it("without the alias, the range's error has no field to mark", () => {
    const { form, set } = fakeForm({ validity: [] });
    expect(applyFieldErrors(form, refused)).toBe(false);
    expect(set).toEqual([]);
  });
});
