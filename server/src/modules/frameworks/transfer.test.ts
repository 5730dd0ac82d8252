import { BUILTIN_FRAMEWORKS, type Framework, frameworkSchema } from "@kaoping/core";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.ts";
import { asSystem, type Client, login, makeUnit, makeUser, multipart, startTestServer, type TestServer } from "../../test/harness.ts";
import { createFramework, publishFramework } from "./commands.ts";
import { exportFileName, exportFrameworkWorkbook, frameworkTemplateWorkbook, parseFrameworkWorkbook } from "./transfer.ts";

/** A framework that uses every rule kind and every indicator field, five levels deep. */
const EVERY_KIND: Framework = frameworkSchema.parse({
  code: "every-kind",
  name: "全部规则类型",
  year: 2024,
  issuer: "测试考评办",
  source: "测试〔2024〕1号",
  description: "第一行\n第二行",
  basePoints: "100",
  bonusPoints: "5",
  annualWeight: 5,
  starBands: [{ stars: 3, fromRank: 1, toRank: 2 }],
  categories: [
    { code: "district", label: "区" },
    { code: "city_body", label: "市级部门" },
  ],
  facts: [
    { key: "misses", label: "遗漏", type: "count", unit: "项" },
    { key: "notices", label: "通报", type: "count", byLevel: true },
    { key: "rate", label: "接通率", type: "number", unit: "%" },
    { key: "not_started", label: "未启动", type: "boolean", byLevel: false },
    { key: "rank_in_city", label: "全市名次", type: "rank" },
    { key: "annual", label: "年度成绩", type: "score" },
  ],
  indicators: [
    {
      code: "1",
      name: "基础",
      points: "100",
      part: "base",
      children: [
        {
          code: "1.1",
          name: "按次",
          points: "10",
          assessmentPoint: "看台账",
          scoringText: "每发现一项扣1分，最多扣5分。",
          rules: [
            { id: "r1", kind: "per_count", effect: "deduct", fact: "misses", amount: "1", cap: "5", text: "每发现一项扣1分，最多扣5分" },
          ],
          responsible: { lead: ["D1"], co: ["D2", "G-ALL"], text: "区科委（牵头）" },
          milestone: "8月底前完成",
          dueDate: "2024-08-31",
          lastResult: "★★★",
          isNew: true,
          notes: "读作每项扣1分",
          appliesTo: ["district", "city_body"],
        },
        {
          code: "1.2",
          name: "按级",
          points: "10",
          isNew: false,
          appliesTo: [],
          rules: [
            {
              id: "r2",
              kind: "per_count",
              effect: "deduct",
              fact: "notices",
              amountByLevel: { district: "0.2", city: "0.5", province: "1" },
              text: "被区级、市级、省级通报的每次扣0.2、0.5、1分",
              note: "按通报层级",
            },
          ],
        },
        {
          code: "1.3",
          name: "按量",
          points: "10",
          rules: [
            {
              id: "r3",
              kind: "per_step",
              effect: "deduct",
              fact: "rate",
              direction: "below",
              threshold: 90,
              step: 0.5,
              amount: "0.1",
              rounding: "exact",
              cap: "3",
              text: "每低0.5个百分点扣0.1分",
            },
          ],
        },
        {
          code: "1.4",
          name: "条件",
          points: "10",
          rules: [
            {
              id: "r4",
              kind: "when",
              condition: { any: [{ fact: "not_started", is: true }, { all: [{ fact: "misses", op: "gt", value: 3 }] }] },
              outcome: "zero",
              alsoZero: ["1.5"],
              text: "未启动的，不得分，1.5项同时不得分",
            },
            { id: "r5", kind: "when", condition: { fact: "misses", op: "eq", value: 1 }, outcome: "half", text: "1件次的，减半" },
            {
              id: "r6",
              kind: "when",
              condition: { fact: "rate", op: "lt", value: 85 },
              outcome: "deduct",
              amount: "3",
              text: "低于85%的扣3分",
            },
          ],
        },
        {
          code: "1.5",
          name: "排名",
          points: "10",
          basis: "zero",
          rules: [
            {
              id: "r7",
              kind: "rank_table",
              effect: "bonus",
              source: { rankBy: "rate", order: "asc" },
              amounts: ["1.5", "1", "0.5"],
              text: "前三名依次加",
            },
            {
              id: "r8",
              kind: "rank_step",
              effect: "deduct",
              source: { rankFact: "rank_in_city" },
              after: 3,
              amount: "0.5",
              cap: "2",
              text: "第3名之后每下降1位扣0.5分",
            },
          ],
        },
        {
          code: "1.6",
          name: "人工",
          points: "10",
          rules: [
            { id: "r9", kind: "manual", effect: "score", min: "0", max: "10", text: "根据考核情况折算成绩" },
            {
              id: "r12",
              kind: "peer_average",
              condition: { fact: "misses", op: "gt", value: 0 },
              peers: { fact: "misses", op: "eq", value: 0 },
              min: "0",
              max: "1",
              peerGroup: "G-STATIONED",
              text: "在平均分基础上适当下浮",
            },
          ],
        },
        {
          code: "1.7",
          name: "折算",
          points: "10",
          rules: [
            {
              id: "r10",
              kind: "convert",
              fact: "annual",
              outOf: 100,
              missing: "lowest_peer",
              peerGroup: "G-STATIONED",
              text: "没有进驻大厅的部门按进驻单位最低得分计分",
            },
          ],
        },
        {
          code: "1.8",
          name: "取最高",
          points: "30",
          rules: [
            {
              id: "r11",
              kind: "max_of",
              text: "同一宣传内容取最高分",
              rules: [
                { id: "r11a", kind: "per_count", effect: "bonus", fact: "notices", amountByLevel: { national: "2" }, text: "中央级加2分" },
                { id: "r11b", kind: "per_count", effect: "bonus", fact: "misses", amount: "1", text: "其他加1分" },
              ],
            },
            {
              id: "r13",
              kind: "group_max",
              text: "同一事项批示取最高分",
              rules: [
                {
                  id: "r13a",
                  kind: "per_count",
                  effect: "bonus",
                  fact: "notices",
                  amountByLevel: { province: "3", city: "2" },
                  text: "省部级3分、市级2分",
                },
              ],
              cap: "5",
            },
            { id: "r14", kind: "manual_each", effect: "deduct", min: "1", max: "3", cap: "3", text: "每发现一起扣1-3分" },
          ],
        },
      ],
    },
    {
      code: "2",
      name: "加分",
      part: "bonus",
      range: { min: "-5", max: "5" },
      declaredChildren: 2,
      children: [
        {
          code: "2.1",
          name: "第二级",
          children: [
            {
              code: "2.1.1",
              name: "第三级",
              children: [{ code: "2.1.1.1", name: "第四级", children: [{ code: "2.1.1.1.1", name: "第五级", points: "1" }] }],
            },
          ],
        },
        { code: "2.2", name: "只有上限", range: { max: "2" }, scoringText: "有下级时评分标准只是文字" },
      ],
    },
  ],
});

async function sheetOf(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return wb;
}

/** A workbook of named sheets, each a header row and data rows. */
async function book(sheets: Record<string, (string | number | null)[][]>, merges: Record<string, string[]> = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = wb.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
    for (const range of merges[name] ?? []) sheet.mergeCells(range);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const INFO = (code = "imported", name = "导入测试", year: string | number = 2021) => [
  ["项目", "值"],
  ["编码", code],
  ["名称", name],
  ["年度", year],
];

async function importError(buffer: Buffer): Promise<AppError> {
  try {
    await parseFrameworkWorkbook(buffer);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected the import to fail");
}

describe("framework export and import round trip", () => {
  const seeds = BUILTIN_FRAMEWORKS.map((raw) => frameworkSchema.parse(raw));

  it("covers the five built-in seed frameworks", () => {
    expect(seeds).toHaveLength(5);
  });

  it("imports an export of a framework using every rule kind and field back to the identical framework", async () => {
    const { framework, warnings } = await parseFrameworkWorkbook(await exportFrameworkWorkbook(EVERY_KIND));
    expect(framework).toEqual(EVERY_KIND);
    expect(JSON.parse(JSON.stringify(framework))).toEqual(JSON.parse(JSON.stringify(EVERY_KIND)));
    expect(warnings).toEqual([]);
  });

  it.each(seeds.map((seed) => [seed.code, seed] as const))("round-trips the seed framework %s", async (_code, seed) => {
    const { framework, warnings } = await parseFrameworkWorkbook(await exportFrameworkWorkbook(seed));
    expect(framework).toEqual(seed);
    expect(warnings).toEqual([]);
  });

  it("lays the export out as published: 指标 one row per indicator, 规则, 事实, 体系信息", async () => {
    const wb = await sheetOf(await exportFrameworkWorkbook(EVERY_KIND));
    expect(wb.worksheets.map((s) => s.name)).toEqual(["指标", "规则", "事实", "体系信息"]);
    const indicators = wb.getWorksheet("指标")!;
    expect((indicators.getRow(1).values as unknown[]).slice(1)).toEqual([
      "序号",
      "编码",
      "上级编码",
      "一级指标",
      "二级指标",
      "三级指标",
      "四级指标",
      "五级指标",
      "分值",
      "评估要点",
      "评分标准",
      "责任单位",
      "牵头单位编码",
      "配合单位编码",
      "推进节点",
      "完成时限",
      "上年结果",
      "新指标",
      "适用范围",
      "加分项",
      "计分方式",
      "得分范围",
      "声明下级数",
      "备注",
    ]);
    expect(indicators.actualRowCount).toBe(1 + 15);
    const row = (n: number) => {
      const out: Record<string, unknown> = {};
      indicators.getRow(1).eachCell((cell, col) => {
        out[String(cell.value)] = indicators.getRow(n).getCell(col).value;
      });
      return out;
    };
    expect(row(3)).toMatchObject({
      序号: 2,
      编码: "1.1",
      上级编码: "1",
      二级指标: "按次",
      分值: "10",
      责任单位: "区科委（牵头）",
      牵头单位编码: "D1",
      配合单位编码: "D2、G-ALL",
      新指标: "是",
      适用范围: "区、市级部门",
      完成时限: "2024-08-31",
    });
    expect(row(11)).toMatchObject({ 编码: "2", 一级指标: "加分", 加分项: "是", 得分范围: "-5~5", 声明下级数: 2 });
    const rules = wb.getWorksheet("规则")!;
    expect((rules.getRow(2).values as unknown[]).slice(1, 5)).toEqual(["1.1", "r1", "按次扣/加分", "每发现一项扣1分，最多扣5分"]);
    expect(JSON.parse(String(rules.getRow(2).getCell(5).value))).toEqual({
      kind: "per_count",
      effect: "deduct",
      fact: "misses",
      amount: "1",
      cap: "5",
    });
    expect((wb.getWorksheet("事实")!.getRow(3).values as unknown[]).slice(1)).toEqual(["notices", "通报", "次数", "是", ""]);
    const info = wb.getWorksheet("体系信息")!;
    expect((info.getRow(2).values as unknown[]).slice(1)).toEqual(["编码", "every-kind"]);
    expect((info.getRow(10).values as unknown[]).slice(1)).toEqual(["星级", '[{"stars":3,"fromRank":1,"toRank":2}]']);
  });

  it("names the export 指标体系-<name>-v<version>.xlsx without characters file systems refuse", () => {
    expect(exportFileName({ name: "拱墅区2021年度营商环境考核", version: 2 })).toBe("指标体系-拱墅区2021年度营商环境考核-v2.xlsx");
    expect(exportFileName({ name: "A/B: C?", version: 1 })).toBe("指标体系-A_B_ C_-v1.xlsx");
  });
});

describe("framework template and import of a published-shape table", () => {
  it("offers a template: 指标 with three levels, 体系信息 to fill, instructions, no 规则 sheet", async () => {
    const wb = await sheetOf(await frameworkTemplateWorkbook());
    expect(wb.worksheets.map((s) => s.name)).toEqual(["指标", "体系信息", "填写说明"]);
    expect((wb.getWorksheet("指标")!.getRow(1).values as unknown[]).slice(4, 7)).toEqual(["一级指标", "二级指标", "三级指标"]);
    expect(wb.getWorksheet("指标")!.getCell("R2").dataValidation.formulae?.[0]).toBe('"是,否"');
    const items = wb.getWorksheet("体系信息")!.getColumn(1).values.slice(2);
    expect(items).toEqual([
      "编码",
      "名称",
      "年度",
      "发布单位",
      "来源",
      "基础分",
      "加分",
      "年度折算权重",
      "星级",
      "折算方式",
      "单位类别",
      "说明",
    ]);
  });

  it("builds the tree from the level columns (merged group cells read once), reads “(N分)” in names, recognises the rules", async () => {
    // Seed 001, 拱墅区2021年度营商环境考核评分细则: the first rows of part 一, as a user would paste them.
    const oneThing = "目录事项有一项未形成体系的扣0.5分;目录事项有未及时接入全市“一窗受理”平台实现网上联办的扣0.5分/项。(3分)";
    const appointment = "每发现一个事项未提供精准预约服务的扣0.5分。(0.5分)";
    const tendering = "协助完善《杭州市公共资源交易目录2019版》实施管理,优化简化招投标流程。(2分)";
    const file = await book(
      {
        指标: [
          ["序号", "一级指标", "二级指标", "三级指标", "分值", "评分标准", "责任单位"],
          [1, "一、打造国际一流营商环境建设(45分)", "基础工作 (10分)", "事项基础", "3", oneThing, "涉及“一件事”牵头单位和配合单位"],
          [null, null, null, "预约服务", "0.5", appointment, "各相关单位、各街道"],
          [null, null, "营商环境 (35分)", "招标投标", "2", tendering, "区住建局、区发改局,各相关单位"],
          [2, "二、大厅建设(40分)", null, null, null, null, null],
        ],
        体系信息: INFO("gongshu-test", "拱墅测试", 2021),
      },
      { 指标: ["B2:B4"] },
    );
    const { framework, warnings } = await parseFrameworkWorkbook(file);
    const shape = (list: Framework["indicators"]): unknown[] =>
      list.map((i) => [i.code, i.name, i.points, ...(i.children ? [shape(i.children)] : [])]);
    expect(shape(framework.indicators)).toEqual([
      [
        "1",
        "一、打造国际一流营商环境建设",
        "45",
        [
          [
            "1.1",
            "基础工作",
            "10",
            [
              ["1.1.1", "事项基础", "3"],
              ["1.1.2", "预约服务", "0.5"],
            ],
          ],
          ["1.2", "营商环境", "35", [["1.2.1", "招标投标", "2"]]],
        ],
      ],
      ["2", "二、大厅建设", "40"],
    ]);
    const leaf = framework.indicators[0]!.children![0]!.children![1]!;
    expect(leaf.responsible).toEqual({ lead: [], co: [], text: "各相关单位、各街道" });
    expect(leaf.rules).toEqual([
      {
        id: "1.1.2-1",
        kind: "per_count",
        effect: "deduct",
        fact: "f_1_1_2_a",
        amount: "0.5",
        text: "每发现一个事项未提供精准预约服务的扣0.5分",
      },
    ]);
    expect(framework.indicators[0]!.children![0]!.children![0]!.rules!.map((r) => r.kind)).toEqual(["per_count", "per_count"]);
    expect(framework.facts.map((f) => f.key)).toEqual(["f_1_1_1_a", "f_1_1_1_b", "f_1_1_2_a"]);
    expect(warnings).toEqual([`指标第 4 行「1.2.1 招标投标」评分标准未能识别，已作为人工评分规则：${tendering}`]);
  });

  it("takes a row's 编码/上级编码 when given, in any row order", async () => {
    const file = await book({
      指标: [
        ["编码", "上级编码", "一级指标", "二级指标", "分值"],
        ["A.1", "A", null, "子项", "2"],
        ["A", null, "总项", null, "2"],
      ],
      体系信息: INFO(),
    });
    const { framework } = await parseFrameworkWorkbook(file);
    expect(framework.indicators).toEqual([
      { code: "A", name: "总项", points: "2", children: [{ code: "A.1", name: "子项", points: "2" }] },
    ]);
  });
});

describe("framework import errors name sheet, row and column, and return nothing", () => {
  it("reports every bad cell of every sheet at once", async () => {
    const rule = (fact: string) => JSON.stringify({ kind: "per_count", effect: "deduct", fact, amount: "1" });
    const file = await book({
      指标: [
        ["编码", "上级编码", "一级指标", "二级指标", "分值", "新指标", "完成时限"],
        ["1", null, "一", null, "10", null, null],
        ["1.1", "1", null, "甲", "abc", null, null],
        ["1.2", "9", null, "乙", "1", null, null],
        ["1.1", "1", null, "丙", "1", null, null],
        ["1.3", "1", null, "丁", "1", "也许", "2021-13-45"],
        ["1.4", "1", null, null, "1", null, null],
      ],
      规则: [
        ["指标编码", "规则编号", "类型", "原文", "规则JSON"],
        ["1.1", "r1", null, "每次扣1分", "{not json"],
        ["1.1", "r2", "排名加分表", "每次扣1分", rule("x")],
        ["9.9", "r3", null, "每次扣1分", rule("x")],
        ["1.3", "r4", null, "每次扣1分", rule("X Y")],
      ],
      体系信息: [
        ["项目", "值"],
        ["编码", "Bad Code"],
        ["年度", "二〇二一"],
        ["颜色", "红"],
      ],
    });
    const error = await importError(file);
    expect(error.code).toBe("IMPORT_INVALID");
    const at = (sheet: string, row: number | undefined, column: string) => expect.objectContaining({ sheet, row, column });
    expect(error.details).toEqual(
      expect.arrayContaining([
        at("体系信息", 2, "值"),
        at("体系信息", 3, "值"),
        at("体系信息", 4, "项目"),
        expect.objectContaining({ sheet: "体系信息", column: "项目", message: "「名称」必填" }),
        at("指标", 3, "分值"),
        at("指标", 4, "上级编码"),
        at("指标", 5, "编码"),
        at("指标", 6, "新指标"),
        at("指标", 6, "完成时限"),
        at("指标", 7, "一级指标"),
        at("规则", 2, "规则JSON"),
        at("规则", 3, "类型"),
        at("规则", 4, "指标编码"),
        at("规则", 5, "规则JSON"),
      ]),
    );
    expect(error.details!.find((d) => d.row === 5 && d.column === "编码")!.message).toContain("第 3 行");
    expect(error.message).toContain("未写入任何数据");
  });

  it("reports a parent cycle on every row of the loop", async () => {
    const file = await book({
      指标: [
        ["编码", "上级编码", "一级指标"],
        ["C1", "C3", "环一"],
        ["C2", "C1", "环二"],
        ["C3", "C2", "环三"],
      ],
      体系信息: INFO(),
    });
    const details = (await importError(file)).details!;
    expect(details.map((d) => [d.row, d.column])).toEqual([
      [2, "上级编码"],
      [3, "上级编码"],
      [4, "上级编码"],
    ]);
    expect(details[0]!.message).toContain("循环");
  });

  it("refuses a deeper level with no parent level above it, and a sheet without level columns", async () => {
    const skipped = await importError(
      await book({
        指标: [
          ["一级指标", "二级指标", "三级指标"],
          ["一", null, null],
          [null, null, "跳过了二级"],
        ],
        体系信息: INFO(),
      }),
    );
    expect(skipped.details).toEqual([expect.objectContaining({ sheet: "指标", row: 3, column: "三级指标" })]);
    const noLevels = await importError(
      await book({
        指标: [
          ["编码", "分值"],
          ["1", "2"],
        ],
        体系信息: INFO(),
      }),
    );
    expect(noLevels.details).toEqual([expect.objectContaining({ sheet: "指标", row: 1, column: "一级指标" })]);
  });

  it("needs the 体系信息 sheet, and refuses a file that is not Excel", async () => {
    const missing = await importError(await book({ 指标: [["一级指标"], ["一"]] }));
    expect(missing.details).toEqual([expect.objectContaining({ sheet: "体系信息" })]);
    const fake = await importError(Buffer.from("编码,名称\n1,不是Excel\n"));
    expect(fake.code).toBe("BAD_FILE");
    const zip = await importError(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]));
    expect(zip.code).toBe("BAD_FILE");
  });
});

describe("framework Excel routes", () => {
  let server: TestServer;
  let admin: Client;
  let reviewer: Client;

  beforeAll(async () => {
    server = await startTestServer();
    await makeUnit(server, { code: "R", kind: "city", name: "测试市" });
    await makeUser(server, { username: "fw_admin", unitCode: "R", roles: ["assessment_admin"] });
    await makeUser(server, { username: "fw_reviewer", unitCode: "R", roles: ["reviewer"] });
    admin = await login(server, "fw_admin");
    reviewer = await login(server, "fw_reviewer");
  });
  afterAll(() => server?.close());

  const upload = (client: Client, file: Buffer, asNewVersion?: boolean) => {
    const body = multipart(file, "指标体系.xlsx");
    const query = asNewVersion === undefined ? "" : `?asNewVersion=${asNewVersion}`;
    return client.request({ method: "POST", url: `/api/frameworks/import${query}`, payload: body.payload, headers: body.headers });
  };
  const auditActions = async (businessType: string) =>
    (await admin.request({ method: "GET", url: `/api/audit?businessType=${businessType}&pageSize=50` }))
      .json()
      .rows.map((r: { action: string }) => r.action);
  const count = async () => (await admin.request({ method: "GET", url: "/api/frameworks?pageSize=100" })).json().total as number;

  it("lists the routes with their access", () => {
    const mine = server.routes.filter((r) => /import|export/.test(r.url) && r.url.startsWith("/api/frameworks"));
    expect(mine.map((r) => `${r.method} ${r.url} ${r.access}`).sort()).toEqual([
      "GET /api/frameworks/:id/export assess:framework:read",
      "GET /api/frameworks/import-template assess:framework:read",
      "POST /api/frameworks/import assess:framework:manage",
    ]);
  });

  it("downloads the template", async () => {
    const res = await reviewer.request({ method: "GET", url: "/api/frameworks/import-template" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toContain(encodeURIComponent("指标体系导入模板.xlsx"));
    expect((await sheetOf(res.rawPayload)).getWorksheet("指标")).toBeDefined();
  });

  it("exports a framework version as 指标体系-<name>-v<version>.xlsx, audited as framework.export", async () => {
    const row = await asSystem(server, (ctx) => createFramework({ ctx, definition: EVERY_KIND }));
    const res = await reviewer.request({ method: "GET", url: `/api/frameworks/${row.id}/export` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toContain(encodeURIComponent("指标体系-全部规则类型-v1.xlsx"));
    expect((await parseFrameworkWorkbook(res.rawPayload)).framework).toEqual(EVERY_KIND);
    expect(await auditActions("export")).toContain("framework.export");
    const missing = await reviewer.request({ method: "GET", url: "/api/frameworks/00000000-0000-4000-8000-000000000000/export" });
    expect(missing.statusCode).toBe(404);
  });

  it("imports a new framework as a draft with the warnings, audited as framework.import", async () => {
    const file = await book({
      指标: [
        ["一级指标", "二级指标", "分值", "评分标准"],
        ["一", "甲", "2", "每发现一个事项未提供精准预约服务的扣0.5分。"],
        [null, "乙", "2", "根据考核情况折算成绩。"],
      ],
      体系信息: INFO("route-import", "路由导入"),
    });
    const res = await upload(admin, file);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.framework).toMatchObject({
      code: "route-import",
      version: 1,
      status: "draft",
      name: "路由导入",
      indicatorCount: 3,
      ruleCount: 2,
    });
    expect(body.warnings).toEqual(["指标第 3 行「1.2 乙」评分标准未能识别，已作为人工评分规则：根据考核情况折算成绩"]);
    expect(await auditActions("import")).toContain("framework.import");
    const view = await admin.request({ method: "GET", url: `/api/frameworks/${body.framework.id}` });
    expect(view.json().definition.facts).toEqual([{ key: "f_1_1_a", label: "每发现一个事项未提供精准预约服务的扣0.5分", type: "count" }]);
  });

  it("refuses an existing code unless asked for a new version, and a new version while a draft is open", async () => {
    const exported = await admin.request({ method: "GET", url: `/api/frameworks?code=route-import` });
    const id = exported.json().rows[0].id as string;
    const file = (await admin.request({ method: "GET", url: `/api/frameworks/${id}/export` })).rawPayload;
    const before = await count();
    expect((await upload(admin, file)).statusCode).toBe(409);
    const draftOpen = await upload(admin, file, true);
    expect(draftOpen.statusCode).toBe(409);
    expect(draftOpen.json().message).toContain("草稿");
    expect(await count()).toBe(before);
    await asSystem(server, (ctx) => publishFramework({ ctx, id }));
    const next = await upload(admin, file, true);
    expect(next.statusCode).toBe(200);
    expect(next.json().framework).toMatchObject({ code: "route-import", version: 2, status: "draft" });
    expect(next.json().warnings).toEqual([]);
  });

  it("answers 422 with every error and writes nothing; 400 for a non-Excel file; 403 without frameworkManage", async () => {
    const before = await count();
    const bad = await upload(
      admin,
      await book({
        指标: [
          ["一级指标", "分值"],
          ["一", "abc"],
        ],
        体系信息: INFO("route-bad"),
      }),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details).toEqual([expect.objectContaining({ sheet: "指标", row: 2, column: "分值" })]);
    const fake = await upload(admin, Buffer.from("not excel"));
    expect(fake.statusCode).toBe(400);
    expect(await count()).toBe(before);
    const forbidden = await upload(reviewer, await book({ 指标: [["一级指标"], ["一"]], 体系信息: INFO("route-forbidden") }));
    expect(forbidden.statusCode).toBe(403);
  });
});
