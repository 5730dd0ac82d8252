import { describe, expect, it } from "vitest";
import { checkGuide } from "./checker.ts";
import { codeGaps, NATIONAL_ITEM_TYPE_CODES, PROVINCIAL_CODE_TABLES } from "./codes.ts";
// A copy of /work/shared/data/samples/provincial-platform-guide.json: CI clones only this repository.
// Imported as JSON rather than read with node:fs because core is typechecked without Node's types.
import sample from "./fixtures/provincial-platform-guide.json" with { type: "json" };
import { ITEM_TYPE_LABELS } from "./model.ts";
import { latestVersions, parseProvincialExport } from "./provincial.ts";

type Json = Record<string, unknown>;

/** A fresh, mutable copy of the sample's one record. */
const record = (): Json => JSON.parse(JSON.stringify(sample[0]));
const part = (rec: Json, key: string) => rec[key] as Json;
const rows = (rec: Json, key: string) => rec[key] as Json[];

/** The one guide of an import that must succeed without issues. */
function only(input: unknown) {
  const { guides, issues } = parseProvincialExport(input, { source: "gx" });
  expect(issues).toEqual([]);
  expect(guides).toHaveLength(1);
  return guides[0]!;
}

describe("parseProvincialExport: the Guangxi sample", () => {
  const guide = only(sample);

  it("maps the basic information", () => {
    expect(guide).toMatchObject({
      source: "gx",
      sourceId: "e7712954-2b2c-44d0-889c-c2ac692479b2",
      version: "13",
      publishedAt: "2019-10-29T07:44:14.000Z",
      name: "固定资产投资项目节能审查",
      itemType: "administrative_license",
      implementationCode: "11450721MB155808114000104002000",
      basicCode: "000104002000",
      implementingBody: "灵山县行政审批局",
      bodyCode: "11450721MB15580811",
      level: "county",
      serviceObjects: ["legal_person"],
      caseType: "promised",
      quantityLimited: false,
      quantityLimitNote: "",
      charged: false,
      fees: [],
      steps: [],
      situations: [],
      intermediaries: [],
    });
    expect(guide.authoritySource).toMatch(/^根据《广西壮族自治区固定资产投资项目节能审查办法》第五条/);
    expect(guide.acceptanceConditions).toMatch(/^根据《固定资产投资项目节能审查办法》第八条/);
  });

  it("maps the time limits with their units and notes", () => {
    expect(guide.legalLimit).toMatchObject({ days: 20, unit: "working_day" });
    expect(guide.legalLimit.note).toContain("二十日内做出行政许可决定");
    // “无” stays as written: the checker reports it as a placeholder.
    expect(guide.promisedLimit).toEqual({ days: 5, unit: "working_day", note: "无" });
  });

  it("maps both materials", () => {
    expect(guide.materials.map((m) => m.name)).toEqual(["申请书", "节能报告"]);
    for (const m of guide.materials) {
      expect(m).toMatchObject({
        code: null,
        necessity: "required",
        type: "certificate",
        source: "申请人自备",
        issuer: "",
        originals: 1,
        copies: 1,
        media: ["original"],
        acceptanceStandard: "1.内容真实有效；2.符合国家相关法律法规。",
        legalBasis: "《广西壮族自治区固定资产投资项目节能审查办法》第八条",
      });
      expect(m.form).toContain("纸张规格：A4");
    }
    const [application, report] = guide.materials;
    expect(application!.blankFormUrl).toBe("attachment:5fba5b12-72de-46d0-9824-92bd6453209d");
    expect(application!.sampleFormUrl).toBe("attachment:a49ecc13-4677-4287-bc0b-c07a549a096b");
    expect(report!.blankFormUrl).toBeNull();
    expect(report!.sampleFormUrl).toBeNull();
  });

  it("maps the window, phones and links", () => {
    expect(guide.locations).toEqual([
      {
        address: "灵山县三海街道江南路5号县政务服务中心法人大厅工程建设项目综合窗口（县卫生监督所一楼）。",
        window: "工程建设项目综合窗口",
        hours: "工作日：上午9:00-12:00、下午14：00-17:00",
        phone: "0777-6428820",
      },
    ]);
    // The em dashes are the source's: the checker flags them.
    expect(guide.consultationPhone).toBe("0777—6428820");
    expect(guide.supervisionPhone).toBe("0777—6428880");
    expect(guide.onlineUrl).toBe("http://qzls.zwfw.gxzf.gov.cn/");
    expect(guide.mobileUrl).toBeNull();
    expect(guide.flowchartUrl).toBe("attachment:a37a3835-84f8-42b8-96b3-8a64b0403b8c");
  });

  it("maps the legal bases", () => {
    expect(guide.legalBases.map(({ name, article }) => ({ name, article }))).toEqual([
      { name: "《固定资产投资项目节能办法》(2016年国家发改委令第44号)", article: "第三条" },
      { name: "《全国人民代表大会常务委员会关于修改<中华人民共和国节约能源法>等六部法律的决定》", article: "" },
      { name: "《国务院关于加强节能工作的决定》(国发[2006]28号)", article: "第二十三条" },
    ]);
    expect(guide.legalBases[0]!.text).toMatch(/^固定资产投资项目节能审查意见是项目开工建设/);
  });

  it("maps the special procedure: 15 working days of expert review", () => {
    expect(guide.specialProcedures).toHaveLength(1);
    expect(guide.specialProcedures[0]).toMatchObject({
      name: "机构评审",
      kind: "expert_review",
      limit: { days: 15, unit: "working_day", note: "" },
    });
    expect(guide.specialProcedures[0]!.note).toMatch(/^机构评审：/);
  });

  it("maps visits, online depth and the FAQ, and keeps the codes no table knows", () => {
    expect(guide.visits).toBe(1);
    expect(guide.visitReason).toBe("须现场核验材料");
    // wsblsd “6,1”: 6 is no depth level, 1 is.
    expect(guide.onlineDepth).toBe(1);
    expect(guide.faq.map((f) => f.question)).toEqual([
      "是不是所有的固定资产投资项目都必须在可研前获得节能审查意见？",
      "跨地区的固定资产投资项目的节能报告如何报送？",
    ]);
    expect(guide.faq[1]!.answer).toContain("第八条规定");
    expect(guide.unmappedCodes).toEqual({ onlineDepth: "6", "specialProcedures.0.kind": "9" });
  });

  it("reads a single record and a { data } wrapper alike", () => {
    expect(only(record())).toEqual(guide);
    expect(only({ data: [record()] })).toEqual(guide);
    expect(only({ data: { list: [record()] } })).toEqual(guide);
  });
});

describe("parseProvincialExport: lenient reading", () => {
  const guide = only(sample);

  it("gives the same guide for numbers written as strings or as numbers", () => {
    const asNumbers = record();
    Object.assign(part(asNumbers, "AUDIT_ITEM"), {
      anticipate_day: 20,
      promise_day: 5,
      limit_scene_num: 1,
      task_version: 13,
      use_level: 4,
      project_type: 2,
      // A code exported as a number loses its leading zero.
      task_type: 1,
      anticipate_type: 1,
      is_fee: 0,
    });
    for (const m of rows(asNumbers, "AUDIT_MATERIAL"))
      Object.assign(m, { is_need: 1, material_type: 1, source_type: 10, material_form: 1 });
    const asStrings = record();
    part(asStrings, "AUDIT_ITEM").publishdate = "1572335054000";
    for (const m of rows(asStrings, "AUDIT_MATERIAL")) Object.assign(m, { original_amount: "1", copy_amount: " 1 " });
    Object.assign(rows(asStrings, "AUDIT_ITEM_SPECIAL")[0]!, { special_date: "15" });
    expect(only([asNumbers])).toEqual(guide);
    expect(only([asStrings])).toEqual(guide);
  });

  it("turns “无” in a numeric field into null with a warning naming the path", () => {
    const rec = record();
    part(rec, "AUDIT_ITEM").promise_day = "无";
    rows(rec, "AUDIT_MATERIAL")[1]!.original_amount = "无";
    const { guides, issues } = parseProvincialExport([rec], { source: "gx" });
    expect(guides[0]!.promisedLimit).toEqual({ days: null, unit: "working_day", note: "无" });
    expect(guides[0]!.materials[1]!.originals).toBeNull();
    expect(issues.map(({ path, severity }) => ({ path, severity }))).toEqual([
      { path: "[0].AUDIT_ITEM.promise_day", severity: "warning" },
      { path: "[0].AUDIT_MATERIAL[1].original_amount", severity: "warning" },
    ]);
    expect(issues[1]!.message).toBe("[0].AUDIT_MATERIAL[1].original_amount：应为数字，实为文本“无”，已按未填写处理");
    // A single record has no index of its own.
    expect(parseProvincialExport(rec).issues[1]!.path).toBe("AUDIT_MATERIAL[1].original_amount");
  });

  it("survives absurd values: digits beyond any number, a code list of 300 000 entries", () => {
    const rec = record();
    part(rec, "AUDIT_ITEM").promise_day = "9".repeat(400);
    part(rec, "AUDIT_ITEM_EXTEND").wsblsd = Array(300_000).fill("1").join(",");
    const { guides, issues } = parseProvincialExport([rec], { source: "gx" });
    expect(guides[0]!.promisedLimit.days).toBeNull();
    expect(guides[0]!.onlineDepth).toBe(1);
    expect(issues.map((i) => i.path)).toEqual(["[0].AUDIT_ITEM.promise_day"]);
  });

  it("marks a charged guide's fees as unread (AUDIT_CHARGE is not mapped yet), so no check calls them missing", () => {
    const rec = record();
    part(rec, "AUDIT_ITEM").is_fee = "1";
    const [guide] = parseProvincialExport([rec], { source: "gx" }).guides;
    expect(guide!.charged).toBe(true);
    expect(guide!.unmappedCodes.fees).toBe("AUDIT_CHARGE");
    expect(checkGuide(guide!).findings.map((f) => f.checkId)).not.toContain("G-CONT-21");
  });

  it("makes a guide of a record with missing sections or empty lists", () => {
    const bare = only([{ AUDIT_ITEM: { task_name: "某事项", task_code: "X-1" } }]);
    expect(bare).toMatchObject({ name: "某事项", implementationCode: "X-1", materials: [], locations: [], legalBases: [], faq: [] });
    expect(bare).toMatchObject({
      legalLimit: { days: null, unit: null, note: "" },
      onlineDepth: null,
      charged: null,
      quantityLimited: null,
    });
    const empty = record();
    for (const key of ["AUDIT_MATERIAL", "AUDIT_ITEM_WINDOW", "AUDIT_QA", "AUDIT_ITEM_BYLAW", "AUDIT_ITEM_SPECIAL"]) empty[key] = [];
    empty.AUDIT_ITEM_EXTEND = {};
    const guideOfEmpty = only([empty]);
    expect(guideOfEmpty.name).toBe("固定资产投资项目节能审查");
    expect(guideOfEmpty.materials).toEqual([]);
    expect(guideOfEmpty.onlineUrl).toBe("http://qzls.zwfw.gxzf.gov.cn/"); // login_url stands in for the extension's address
  });

  it("reports what is not an object where a record or row is expected, without throwing", () => {
    for (const input of ["guides", null, 42, undefined]) {
      const { guides, issues } = parseProvincialExport(input, {});
      expect(guides).toEqual([]);
      expect(issues).toMatchObject([{ path: "$", severity: "error" }]);
    }
    const broken = record();
    broken.AUDIT_MATERIAL = [rows(broken, "AUDIT_MATERIAL")[0], "申请书", null];
    broken.AUDIT_QA = "无";
    const { guides, issues } = parseProvincialExport([broken, "oops", null, [], { AUDIT_MATERIAL: [] }]);
    expect(guides).toHaveLength(1);
    expect(guides[0]!.materials.map((m) => m.name)).toEqual(["申请书"]);
    expect(guides[0]!.faq).toEqual([]);
    expect(issues.map(({ path, severity }) => `${severity} ${path}`)).toEqual([
      "error [1]",
      "error [2]",
      "error [3]",
      "error [0].AUDIT_MATERIAL[1]",
      "error [0].AUDIT_MATERIAL[2]",
      "error [0].AUDIT_QA",
      "error [4].AUDIT_ITEM",
    ]);
    expect(issues[0]!.message).toBe("[1]：记录应为对象，实为文本“oops”，已跳过");
  });

  it("takes the first row of a one-row section exported as a list", () => {
    const rec = record();
    rec.AUDIT_ITEM = [rec.AUDIT_ITEM];
    rec.AUDIT_ITEM_EXTEND = [rec.AUDIT_ITEM_EXTEND];
    expect(only(rec)).toEqual(guide);
  });

  it("keeps an unknown code raw and leaves the field null", () => {
    const rec = record();
    Object.assign(part(rec, "AUDIT_ITEM"), { task_type: "99", project_type: "7", anticipate_type: "3", serve_type: "2,8" });
    const unknown = only(rec);
    expect(unknown).toMatchObject({
      itemType: null,
      caseType: null,
      legalLimit: { days: 20, unit: null },
      serviceObjects: ["legal_person"],
    });
    expect(unknown.unmappedCodes).toMatchObject({ itemType: "99", caseType: "7", "legalLimit.unit": "3", serviceObjects: "8" });
  });

  it("maps nothing without code tables for the source, and says so", () => {
    const { guides, issues } = parseProvincialExport(sample, { source: "zz" });
    expect(guides[0]).toMatchObject({ source: "zz", itemType: null, unmappedCodes: { itemType: "01" } });
    expect(issues).toMatchObject([{ path: "$", severity: "warning" }]);
    expect(parseProvincialExport(sample, { source: "zz", tables: PROVINCIAL_CODE_TABLES.gx }).guides[0]!.itemType).toBe(
      "administrative_license",
    );
  });

  it("reads 情形 from AUDIT_ITEM_CONDITION with their materials", () => {
    const rec = record();
    rec.AUDIT_ITEM_CONDITION = [{ rowguid: "c1", condition_name: "新建项目", condition_desc: "新建的固定资产投资项目" }];
    rec.AUDIT_MATERIAL_CONDITION = [{ condition_guid: "c1", material_guid: "fb837e7e-c229-4589-9c42-38004e9b9d60" }];
    expect(only(rec).situations).toMatchObject([
      { name: "新建项目", condition: "新建的固定资产投资项目", materials: [{ name: "节能报告" }] },
    ]);
  });

  it("records a material's unknown code at the places a situation lists it again, so neither place is charged", () => {
    const rec = record();
    rows(rec, "AUDIT_MATERIAL")[1]!.material_form = "7";
    rec.AUDIT_ITEM_CONDITION = [{ rowguid: "c1", condition_name: "新建项目", condition_desc: "新建的固定资产投资项目" }];
    rec.AUDIT_MATERIAL_CONDITION = [{ condition_guid: "c1", material_guid: "fb837e7e-c229-4589-9c42-38004e9b9d60" }];
    const guide = only(rec);
    expect(guide.unmappedCodes).toMatchObject({ "materials.1.media": "7", "situations.0.materials.0.media": "7" });
    expect(checkGuide(guide).findings.filter((f) => f.checkId === "G-CONT-07")).toEqual([]);
    expect(codeGaps(guide).filter((g) => g.table === "medium")).toHaveLength(2);
  });

  it("reads 权力来源 from its code when the export gives no text; a code the table lacks is a gap, not a missing element", () => {
    const rec = record();
    Object.assign(part(rec, "AUDIT_ITEM"), { authority_division: "", item_source: "2" });
    const [national] = parseProvincialExport([rec], { source: "national" }).guides;
    expect(national!.authoritySource).toBe("上级下放");
    const guangxi = only(rec);
    expect([guangxi.authoritySource, guangxi.unmappedCodes.authoritySource]).toEqual(["", "2"]);
    expect(codeGaps(guangxi)).toContainEqual({ table: "authoritySource", path: "authoritySource", code: "2" });
    expect(checkGuide(guangxi).elements.authoritySource).toBe(true);
  });

  it("reads the national item types: 02/03/04/06 in the Guangxi tables, 10/20 in the national platform's", () => {
    const types = (source: string, codes: string[]) =>
      codes.map((code) => {
        const rec = record();
        part(rec, "AUDIT_ITEM").task_type = code;
        return parseProvincialExport([rec], { source }).guides[0]!.itemType;
      });
    expect(types("gx", ["02", "03", "04", "06", "20", "21"])).toEqual([
      "administrative_penalty",
      "administrative_enforcement",
      "administrative_levy",
      "administrative_inspection",
      "other_administrative_power",
      "public_service",
    ]);
    expect(types("national", ["01", "09", "10", "20"])).toEqual([
      "administrative_license",
      "administrative_ruling",
      "other_administrative_power",
      "public_service",
    ]);
    // Every national code 01–09 means the same in both sources.
    expect(Object.entries(NATIONAL_ITEM_TYPE_CODES).map(([code, type]) => ITEM_TYPE_LABELS[type] + code)).toEqual([
      "行政许可01",
      "行政处罚02",
      "行政强制03",
      "行政征收04",
      "行政给付05",
      "行政检查06",
      "行政确认07",
      "行政奖励08",
      "行政裁决09",
    ]);
  });
});

describe("versions", () => {
  const version = (v: string | number, id: string) => {
    const rec = record();
    Object.assign(part(rec, "AUDIT_ITEM"), { task_version: v, rowguid: id });
    return rec;
  };

  it("returns every published version, and latestVersions keeps the highest per task", () => {
    const { guides, issues } = parseProvincialExport([version("13", "b"), version(9, "a"), { AUDIT_ITEM: { task_code: "OTHER" } }]);
    expect(issues).toEqual([]);
    expect(guides.map((g) => [g.version, g.sourceId])).toEqual([
      ["13", "b"],
      ["9", "a"],
      [null, null],
    ]);
    // Numerically: 13 is newer than 9 whatever the order.
    expect(latestVersions(guides).map((g) => g.sourceId)).toEqual(["b", null]);
    expect(latestVersions([...guides].reverse()).map((g) => g.sourceId)).toEqual([null, "b"]);
  });

  it("breaks a tie on the later publication date and keeps guides without a code apart", () => {
    const earlier = version("13", "early");
    part(earlier, "AUDIT_ITEM").publishdate = 1500000000000;
    const { guides } = parseProvincialExport([earlier, version("13", "late")]);
    expect(latestVersions(guides).map((g) => g.sourceId)).toEqual(["late"]);
    const uncoded = parseProvincialExport([{ AUDIT_ITEM: { task_name: "甲" } }, { AUDIT_ITEM: { task_name: "乙" } }]).guides;
    expect(latestVersions(uncoded)).toHaveLength(2);
  });
});
