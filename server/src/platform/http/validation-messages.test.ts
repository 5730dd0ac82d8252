import { unitCreateSchema } from "@kaoping/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type Client, login, makeUnit, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";
import { clientErrorMessage, fromZodIssues, issueMessage, validationFailure } from "./validation-messages.ts";

/** The Chinese message of the first issue `schema` finds in `value`. */
function messageOf(schema: z.ZodType, value: unknown): string {
  const result = schema.safeParse(value);
  if (result.success) throw new Error("expected a failure");
  return issueMessage(fromZodIssues(result.error.issues)[0]!);
}

/** zod's English phrasing (enum values listed as allowed stay codes). */
const ZOD_ENGLISH = /Invalid|expected|received|Too small|Too big|must|Unrecognized/i;

describe("zod issues in Chinese", () => {
  it("names what each kind of issue wants", () => {
    expect(messageOf(z.object({ name: z.string() }), {})).toBe("必填");
    expect(messageOf(z.string(), 3)).toBe("应为文本");
    expect(messageOf(z.string().min(1), "")).toBe("不能为空");
    expect(messageOf(z.string().max(4), "12345")).toBe("不能超过 4 个字符");
    expect(messageOf(z.number().int().min(0), -1)).toBe("不能小于 0");
    expect(messageOf(z.number().max(10), 11)).toBe("不能大于 10");
    expect(messageOf(z.array(z.string()).min(2), ["a"])).toBe("至少需要 2 项");
    expect(messageOf(z.enum(["city", "district"]), "town")).toBe("应为以下之一：city、district");
    expect(messageOf(z.uuid(), "x")).toBe("格式无效，应为UUID");
    expect(messageOf(z.iso.date(), "2026/1/1")).toBe("格式无效，应为日期（YYYY-MM-DD）");
    expect(messageOf(z.object({}).strict(), { extra: 1 })).toBe("不允许的字段：extra");
    expect(messageOf(z.union([z.string(), z.number()]), true)).toBe("不符合任何一种允许的格式");
  });

  it("keeps a schema's own Chinese message", () => {
    expect(
      messageOf(
        z.string().refine(() => false, "单位编码已存在"),
        "A",
      ),
    ).toBe("单位编码已存在");
  });

  it("leaves none of zod's English in the messages of a real contract", () => {
    const result = unitCreateSchema.safeParse({ code: "", name: 1, kind: "town", parentId: "x", sortOrder: 1.5 });
    const { message, details } = validationFailure("body", fromZodIssues(result.error!.issues));
    expect(details.length).toBeGreaterThan(3);
    for (const detail of details) expect(detail.message).not.toMatch(ZOD_ENGLISH);
    expect(message).toMatch(/^请求参数无效：\w+ [^：]+（共 \d+ 处）$/);
    expect(message).not.toContain("请求体");
    expect(message).not.toContain("body");
  });

  it("names each field once, by its own name, and keeps the details' paths for programs", () => {
    const tooLong = validationFailure(
      "querystring",
      fromZodIssues(z.object({ caseNo: z.string().max(64) }).safeParse({ caseNo: "x".repeat(65) }).error!.issues),
    );
    expect(tooLong).toEqual({
      message: "请求参数无效：caseNo 不能超过 64 个字符",
      details: [{ path: ["querystring", "caseNo"], message: "不能超过 64 个字符" }],
    });
    const unknown = validationFailure("body", fromZodIssues(z.strictObject({}).safeParse({ bogus: 1 }).error!.issues));
    expect(unknown.message).toBe("请求参数无效：未知字段“bogus”，本接口不接受");
    const nested = validationFailure(
      "body",
      fromZodIssues(z.object({ phases: z.object({ closes: z.iso.date() }) }).safeParse({ phases: { closes: "x" } }).error!.issues),
    );
    expect(nested.message).toBe("请求参数无效：phases.closes 格式无效，应为日期（YYYY-MM-DD）");
    expect(
      validationFailure("body", [
        { keyword: "invalid_type", instancePath: "", message: "Invalid input: expected object, received undefined" },
      ]).message,
    ).toBe("请求参数无效：请求体：必填");
  });

  it("translates Fastify's refusals and never passes its English on", () => {
    expect(
      clientErrorMessage({
        code: "FST_ERR_CTP_EMPTY_JSON_BODY",
        message: "Body cannot be empty when content-type is set to 'application/json'",
      }),
    ).toBe("请求无效：请求体为空，但声明为 JSON（Content-Type: application/json）");
    expect(clientErrorMessage({ name: "SyntaxError", message: "Unexpected token } in JSON at position 9" })).toBe(
      "请求无效：请求体不是有效的 JSON",
    );
    expect(clientErrorMessage({ code: "FST_SOMETHING_NEW", message: "Some English" })).toBe("请求无效（FST_SOMETHING_NEW）");
  });
});

describe("400 answers in one language", () => {
  let server: TestServer;
  let admin: Client;

  beforeAll(async () => {
    server = await startTestServer();
    await makeUnit(server, { code: "R", kind: "city", name: "测试市" });
    await makeUser(server, { username: "admin1", unitCode: "R", roles: ["sys_admin"] });
    admin = await login(server, "admin1");
  });
  afterAll(() => server?.close());

  const post = (payload: string) =>
    admin.request({ method: "POST", url: "/api/units", payload, headers: { "content-type": "application/json" } });

  it("answers an empty JSON body in Chinese", async () => {
    const res = await post("");
    expect(res.statusCode).toBe(400);
    const message = "请求无效：请求体为空，但声明为 JSON（Content-Type: application/json）";
    expect(res.json()).toEqual({ code: "VALIDATION", message, details: [{ path: ["body"], message }] });
  });

  it("answers malformed JSON in Chinese", async () => {
    const res = await post('{"code": ');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe("请求无效：请求体不是有效的 JSON");
  });

  it("names the field and its problem in Chinese", async () => {
    const res = await post(JSON.stringify({ code: "A1", kind: "district" }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      code: "VALIDATION",
      message: "请求参数无效：name 必填",
      details: [{ path: ["body", "name"], message: "必填" }],
    });
  });

  it("names a bad query parameter", async () => {
    const res = await admin.request({ method: "GET", url: "/api/units?page=0" });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      message: "请求参数无效：page 不能小于 1",
      details: [{ path: ["querystring", "page"], message: "不能小于 1" }],
    });
  });
});
