import fs from "node:fs";
import path from "node:path";
import { type ErrorDetail, parseProvincialExport, type ServiceGuide, serviceGuideSchema } from "@kaoping/core";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../platform/config.ts";
import { AppError } from "../../platform/errors.ts";
import { guidesWorkbook, parseGuidesWorkbook } from "./excel.ts";

const SAMPLE = path.join(REPO_ROOT, "core/src/guides/fixtures/provincial-platform-guide.json");
const CODE = "11450721MB155808114000104002001";

const limit = (days: number, note: string) => ({ days, unit: "working_day" as const, note });
const material = (name: string) => ({
  code: `M-${name}`,
  name,
  necessity: "deferrable" as const,
  type: "form" as const,
  source: "申请人自备",
  issuer: "县市场监督管理局",
  originals: 1,
  copies: 2,
  media: ["original" as const, "electronic" as const],
  form: "纸张规格：A4\n签章要求：加盖公章",
  blankFormUrl: `https://example.gov.cn/blank/${name}.docx`,
  sampleFormUrl: `https://example.gov.cn/sample/${name}.docx`,
  acceptanceStandard: "内容真实有效",
  legalBasis: "《行政许可法》第三十一条",
});
const step = (name: string) => ({ name, actor: "窗口工作人员", limit: limit(0.5, `${name}当场完成`), criteria: "材料齐全、符合法定形式" });

/** Every field filled (checked below), so a field the workbook dropped fails the round trip. */
const rich: ServiceGuide = serviceGuideSchema.parse({
  source: "kaoping",
  sourceId: "guide-42",
  version: "2.1",
  publishedAt: "2026-01-15T08:00:00.000Z",
  name: "食品经营许可（新办）",
  itemType: "administrative_license",
  implementationCode: CODE,
  basicCode: "000104002000",
  authoritySource: "法定本级行使",
  implementingBody: "灵山县行政审批局",
  bodyCode: "11450721MB15580811",
  level: "county",
  serviceObjects: ["natural_person", "legal_person", "other_organization"],
  caseType: "promised",
  legalLimit: limit(20, "自受理之日起二十日内"),
  promisedLimit: { days: 5, unit: "calendar_day", note: "承诺五日" },
  quantityLimited: true,
  quantityLimitNote: "每年限 100 家",
  acceptanceConditions: "1. 具有与经营的食品品种相适应的场所；\n2. 有专职食品安全管理人员。",
  situations: [
    { name: "个体工商户", condition: "申请人为个体工商户", materials: [material("身份证")], steps: [step("受理"), step("决定")] },
    { name: "企业法人", condition: "申请人为企业", materials: [material("营业执照"), material("章程")], steps: [step("审查")] },
  ],
  materials: [material("申请书")],
  steps: [step("申请")],
  flowchartUrl: "https://example.gov.cn/flow.png",
  locations: [{ address: "灵山县政务服务中心一楼", window: "3号窗口", hours: "工作日 9:00-17:00", phone: "0777-6428820" }],
  consultationPhone: "0777-6428820",
  supervisionPhone: "0777-6428880",
  legalBases: [{ name: "《中华人民共和国食品安全法》", article: "第三十五条", text: "国家对食品生产经营实行许可制度。" }],
  intermediaries: [{ name: "场所检测", provider: "有资质的检测机构", limit: limit(10, "检测用时"), basis: "《食品经营许可管理办法》" }],
  specialProcedures: [{ name: "现场核查", kind: "site_inspection", limit: limit(3, "不计入办理时限"), note: "必要时进行" }],
  charged: false,
  fees: [{ name: "工本费", standard: "0 元", basis: "财税〔2015〕102号" }],
  visits: 1,
  visitReason: "领取许可证",
  onlineDepth: 3,
  faq: [{ question: "可以网上申请吗？", answer: "可以，登录网上办事大厅办理。" }],
  onlineUrl: "https://zwfw.example.gov.cn/item/1",
  mobileUrl: "https://m.example.gov.cn/item/1",
  // Import provenance, not carried by the workbook (its cells hold labels, not source codes).
  unmappedCodes: {},
});

/** Paths of empty values (null, "", [], {}): what a round trip would not prove. */
function emptyPaths(value: unknown, at = ""): string[] {
  if (value === null || value === "") return [at];
  if (Array.isArray(value)) return value.length ? value.flatMap((v, i) => emptyPaths(v, `${at}[${i}]`)) : [at];
  if (typeof value === "object") {
    const entries = Object.entries(value);
    return entries.length ? entries.flatMap(([k, v]) => emptyPaths(v, at ? `${at}.${k}` : k)) : [at];
  }
  return [];
}

/** What the workbook keeps of a guide: everything but unmappedCodes. */
const kept = (guide: ServiceGuide) => serviceGuideSchema.parse({ ...guide, unmappedCodes: {} });

/** The import's error details (it must fail with IMPORT_INVALID). */
async function importErrors(buffer: Buffer): Promise<ErrorDetail[]> {
  const error = await parseGuidesWorkbook(buffer).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("IMPORT_INVALID");
  return (error as AppError).details ?? [];
}
const where = (details: ErrorDetail[]) => details.map((d) => `${d.sheet}!${d.row}:${d.column}`);

/** Loads a workbook, lets `change` edit it with ExcelJS, writes it back. */
async function edit(buffer: Buffer, change: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  change(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const headersOf = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1).map((h) => String(h).replace("*", ""));
/** The cell of a data row under a header. */
function cell(wb: ExcelJS.Workbook, sheetName: string, row: number, header: string): ExcelJS.Cell {
  const sheet = wb.getWorksheet(sheetName)!;
  const column = headersOf(sheet).indexOf(header);
  if (column < 0) throw new Error(`no header ${header} on ${sheetName}`);
  return sheet.getRow(row).getCell(column + 1);
}

const CHILD_SHEETS = ["办理情形", "申请材料", "办理流程", "办理地点", "设定依据", "中介服务", "特殊环节", "收费项目", "常见问题"];

describe("service guide workbook", () => {
  it("fills every field of the rich guide, so the round trip below proves each column", () => {
    expect(emptyPaths(rich)).toEqual(["unmappedCodes"]);
  });

  it("exports and imports back the rich guide and the provincial sample unchanged (but for unmappedCodes)", async () => {
    const sample = parseProvincialExport(JSON.parse(fs.readFileSync(SAMPLE, "utf8"))).guides;
    expect(sample.length).toBeGreaterThan(0);
    const guides = [rich, ...sample];
    const parsed = await parseGuidesWorkbook(await guidesWorkbook(guides));
    expect(parsed).toEqual(guides.map(kept));
  });

  it("writes labels, not codes: 是/否, lists joined with 、, materials under their situation", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await guidesWorkbook([rich])) as unknown as ExcelJS.Buffer);
    expect(cell(wb, "事项", 2, "事项类型").value).toBe("行政许可");
    expect(cell(wb, "事项", 2, "服务对象").value).toBe("自然人、法人、其他组织");
    expect(cell(wb, "事项", 2, "数量限制").value).toBe("是");
    expect(cell(wb, "事项", 2, "是否收费").value).toBe("否");
    expect(cell(wb, "事项", 2, "承诺时限单位").value).toBe("自然日");
    expect(cell(wb, "事项", 2, "法定时限").value).toBe(20);
    const materials = [2, 3, 4, 5].map((r) => [cell(wb, "申请材料", r, "所属情形").value ?? "", cell(wb, "申请材料", r, "材料名称").value]);
    expect(materials).toEqual([
      ["", "申请书"],
      ["个体工商户", "身份证"],
      ["企业法人", "营业执照"],
      ["企业法人", "章程"],
    ]);
    expect(cell(wb, "申请材料", 2, "介质").value).toBe("原件、电子版");
    expect(cell(wb, "申请材料", 2, "必要性").value).toBe("容缺后补");
  });

  it("is a blank template with Chinese headers, drop-downs and notes when there are no guides, and that parses to none", async () => {
    const template = await guidesWorkbook([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(["事项", ...CHILD_SHEETS, "填写说明"]);
    for (const sheet of wb.worksheets.slice(0, -1)) {
      for (const header of headersOf(sheet)) expect(header, sheet.name).toMatch(/^[\u4e00-\u9fff]+$/);
    }
    expect(headersOf(wb.getWorksheet("事项")!).slice(0, 3)).toEqual(["实施编码", "事项名称", "事项类型"]);
    expect(wb.getWorksheet("事项")!.getCell("A1").value).toBe("实施编码*");
    expect(headersOf(wb.getWorksheet("申请材料")!).slice(0, 3)).toEqual(["实施编码", "所属情形", "材料编码"]);
    expect(cell(wb, "事项", 2, "行使层级").dataValidation.formulae?.[0]).toBe('"国家级,省级,市级,县级,乡镇级,村级"');
    expect(String(wb.getWorksheet("填写说明")!.getCell("A1").value)).toContain("办事指南");
    expect(await parseGuidesWorkbook(template)).toEqual([]);
  });

  it("reads a file with only 「事项」: the other sheets are optional; an empty 来源 is excel", async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("事项");
    const template = new ExcelJS.Workbook();
    await template.xlsx.load((await guidesWorkbook([])) as unknown as ExcelJS.Buffer);
    const headers = headersOf(template.getWorksheet("事项")!);
    sheet.addRow(headers);
    sheet.addRow(headers.map((h) => ({ 实施编码: CODE, 事项名称: "食品经营许可", 法定时限: 20, 法定时限单位: "工作日" })[h] ?? null));
    const [guide] = await parseGuidesWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(guide).toEqual(
      serviceGuideSchema.parse({
        source: "excel",
        implementationCode: CODE,
        name: "食品经营许可",
        legalLimit: { days: 20, unit: "working_day", note: "" },
      }),
    );
  });
});

describe("service guide import errors", () => {
  it("names the sheet and the header a sheet lacks", async () => {
    const bad = await edit(await guidesWorkbook([rich]), (wb) => {
      cell(wb, "申请材料", 1, "材料名称").value = "材料名";
    });
    const details = await importErrors(bad);
    expect(details).toEqual([{ sheet: "申请材料", row: 1, column: "材料名称", message: "工作表「申请材料」缺少表头「材料名称」" }]);
  });

  it("stops at the headers of 「事项」, whose rows the other sheets refer to", async () => {
    const bad = await edit(await guidesWorkbook([rich]), (wb) => {
      cell(wb, "事项", 1, "实施编码").value = "编码";
    });
    expect(await importErrors(bad)).toEqual([{ sheet: "事项", row: 1, column: "实施编码", message: "工作表「事项」缺少表头「实施编码」" }]);
  });

  it("names sheet, row and column of an unknown label, with the allowed values", async () => {
    const bad = await edit(await guidesWorkbook([rich]), (wb) => {
      cell(wb, "事项", 2, "事项类型").value = "行政许口";
    });
    const [detail, ...more] = await importErrors(bad);
    expect(more).toEqual([]);
    expect(detail).toMatchObject({ sheet: "事项", row: 2, column: "事项类型" });
    expect(detail?.message).toBe(
      "「事项类型」应为：行政许可、行政处罚、行政强制、行政征收、行政给付、行政检查、行政确认、行政奖励、行政裁决、其他行政权力、公共服务，不是「行政许口」",
    );
  });

  it("refuses a child row whose 实施编码 is not on 「事项」", async () => {
    const bad = await edit(await guidesWorkbook([rich]), (wb) => {
      cell(wb, "常见问题", 3, "实施编码").value = "NOPE";
      cell(wb, "常见问题", 3, "问题").value = "问？";
    });
    expect(await importErrors(bad)).toEqual([{ sheet: "常见问题", row: 3, column: "实施编码", message: "实施编码「NOPE」不在「事项」中" }]);
  });

  it("reports every error at once, sheet by sheet, row by row", async () => {
    const other = serviceGuideSchema.parse({ implementationCode: "B", name: "乙" });
    const bad = await edit(await guidesWorkbook([rich, other]), (wb) => {
      cell(wb, "事项", 2, "法定时限").value = "二十";
      cell(wb, "事项", 2, "服务对象").value = "自然人、外星人";
      cell(wb, "事项", 3, "实施编码").value = CODE;
      cell(wb, "事项", 3, "事项名称").value = null;
      cell(wb, "事项", 2, "网办深度").value = 2.5;
      cell(wb, "办理流程", 2, "时限单位").value = "月";
      cell(wb, "申请材料", 3, "所属情形").value = "农民专业合作社";
      cell(wb, "申请材料", 2, "实施编码").value = null;
      wb.getWorksheet("办理地点")!.spliceColumns(3, 1);
    });
    const details = await importErrors(bad);
    expect(where(details)).toEqual([
      "事项!2:服务对象",
      "事项!2:法定时限",
      "事项!2:网办深度",
      "事项!3:事项名称",
      "事项!3:实施编码",
      "申请材料!2:实施编码",
      "申请材料!3:所属情形",
      "办理流程!2:时限单位",
      "办理地点!1:办理窗口",
    ]);
    const message = (at: string) => details[where(details).indexOf(at)]?.message;
    expect(message("事项!2:服务对象")).toBe("「服务对象」应为 自然人、法人、其他组织 中的一项或几项（以“、”分隔），「外星人」不在其中");
    expect(message("事项!2:法定时限")).toBe("「法定时限」应为数字，不是「二十」");
    expect(message("事项!2:网办深度")).toBe("「网办深度」应为整数，不是「2.5」");
    expect(message("事项!3:事项名称")).toBe("「事项名称」不能为空");
    expect(message("事项!3:实施编码")).toBe(`实施编码「${CODE}」与第 2 行重复`);
    expect(message("申请材料!3:所属情形")).toBe("所属情形「农民专业合作社」不是该事项在「办理情形」中的情形");
    expect(message("办理地点!1:办理窗口")).toBe("工作表「办理地点」缺少表头「办理窗口」");
  });

  it("refuses a situation named twice in one guide, and so the rows that name the second", async () => {
    const bad = await edit(await guidesWorkbook([rich]), (wb) => {
      cell(wb, "办理情形", 3, "情形名称").value = "个体工商户";
    });
    const details = await importErrors(bad);
    expect(where(details)).toEqual(["办理情形!3:情形名称", "申请材料!4:所属情形", "申请材料!5:所属情形", "办理流程!5:所属情形"]);
    expect(details[0]?.message).toBe("情形名称「个体工商户」在该事项中与第 2 行重复");
  });

  it("needs the 「事项」 sheet", async () => {
    const bad = await edit(await guidesWorkbook([]), (wb) => wb.removeWorksheet(wb.getWorksheet("事项")!.id));
    expect(await importErrors(bad)).toEqual([{ sheet: "事项", message: "缺少工作表「事项」" }]);
  });

  it("refuses a file that is not an .xlsx as BAD_FILE", async () => {
    const error = await parseGuidesWorkbook(Buffer.from("实施编码,事项名称\n1,2\n")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BAD_FILE");
    expect((error as AppError).message).toContain(".xlsx");
  });
});
