import { describe, expect, it } from "vitest";
import { diffGuides, type GuideDifference, summariseDifferences } from "./diff.ts";
import sample from "./fixtures/provincial-platform-guide.json" with { type: "json" };
import { type ServiceGuide, serviceGuideSchema } from "./model.ts";
import { parseProvincialExport } from "./provincial.ts";

const material = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  necessity: "required",
  source: "申请人自备",
  originals: 1,
  copies: 0,
  media: ["original"],
  ...extra,
});

/** The portal's guide of an item: the “before” of every case, changed per test. */
const PORTAL = serviceGuideSchema.parse({
  source: "kaoping",
  name: "食品经营许可证核发",
  itemType: "administrative_license",
  implementationCode: "11450721MB155808114000104002000",
  implementingBody: "灵山县市场监督管理局",
  serviceObjects: ["natural_person", "legal_person"],
  caseType: "promised",
  legalLimit: { days: 20, unit: "working_day", note: "" },
  promisedLimit: { days: 10, unit: "working_day", note: "" },
  acceptanceConditions: "申请人已取得营业执照，经营场所符合要求。",
  materials: [
    material("食品经营许可申请书", { type: "form" }),
    material("营业执照", { copies: 1, media: ["original", "copy"] }),
    material("身份证"),
  ],
  steps: [
    { name: "受理", actor: "综合窗口", limit: { days: 1, unit: "working_day" }, criteria: "材料齐全" },
    { name: "审查", actor: "许可股", limit: { days: 5, unit: "working_day" }, criteria: "符合条件" },
  ],
  locations: [
    {
      address: "灵山县政务服务中心二楼",
      window: "市场监管窗口",
      hours: "星期一至星期五 上午9:00-12:00 下午14:00-17:00",
      phone: "0777-6512345",
    },
  ],
  consultationPhone: "0777-6512345",
  supervisionPhone: "0777-6512300",
  legalBases: [
    { name: "《中华人民共和国食品安全法》", article: "第三十五条", text: "从事食品生产、食品销售、餐饮服务，应当依法取得许可。" },
  ],
  charged: false,
});

/** A changed copy of a guide; provenance differs as the hall's printed copy's would. */
function copy(guide: ServiceGuide, change: (g: ServiceGuide) => void = () => {}): ServiceGuide {
  const g: ServiceGuide = JSON.parse(JSON.stringify(guide));
  Object.assign(g, {
    source: "excel",
    sourceId: "hall-2024-01",
    version: "2",
    publishedAt: "2024-01-05T00:00:00.000Z",
    unmappedCodes: { x: "1" },
  });
  change(g);
  return g;
}

const changed = (element: GuideDifference["element"], label: string, path: string, before: unknown, after: unknown): GuideDifference => ({
  element,
  label,
  path,
  kind: "changed",
  before,
  after,
});

describe("diffGuides: what is no difference", () => {
  it("finds none between a guide and its copy, provenance aside", () => {
    expect(diffGuides(PORTAL, copy(PORTAL))).toEqual([]);
  });

  it("finds none when lists are in another order (materials, steps, service objects, media)", () => {
    const reordered = copy(PORTAL, (g) => {
      g.materials.reverse();
      g.steps.reverse();
      g.serviceObjects.reverse();
      g.materials[1]!.media.reverse();
    });
    expect(diffGuides(PORTAL, reordered)).toEqual([]);
  });

  it("finds none when text differs in white space only (trimmed, runs collapsed, full-width spaces, none beside Chinese)", () => {
    const respaced = copy(PORTAL, (g) => {
      g.name = "  食品经营许可证核发\n";
      g.locations[0]!.hours = "星期一至星期五\u3000上午9:00-12:00  下午14:00-17:00 ";
      g.acceptanceConditions = "申请人已取得营业执照， 经营场所符合要求。";
      g.materials[0]!.name = " 食品经营许可申请书";
    });
    expect(diffGuides(PORTAL, respaced)).toEqual([]);
  });

  it("treats empty text and null alike: both say nothing", () => {
    const before = copy(PORTAL, (g) => (g.materials[0]!.blankFormUrl = ""));
    expect(diffGuides(before, copy(PORTAL))).toEqual([]);
  });

  it("keeps spaces between Latin words and digits significant", () => {
    const after = copy(PORTAL, (g) => (g.locations[0]!.hours = "星期一至星期五 上午9:00-12:00 下午14:00-17:00".replace("9:00", "9: 00")));
    expect(diffGuides(PORTAL, after)).toEqual([
      changed(
        "hours",
        "办理时间",
        "locations[灵山县政务服务中心二楼].hours",
        PORTAL.locations[0]!.hours,
        "星期一至星期五 上午9: 00-12:00 下午14:00-17:00",
      ),
    ]);
  });
});

describe("diffGuides: single differences", () => {
  it("names a changed consultation phone", () => {
    const after = copy(PORTAL, (g) => (g.consultationPhone = "0777-6519999"));
    expect(diffGuides(PORTAL, after)).toEqual([
      changed("consultationPhone", "联系电话", "consultationPhone", "0777-6512345", "0777-6519999"),
    ]);
  });

  it("names a material added and one removed by name, with the whole material", () => {
    const after = copy(PORTAL, (g) => {
      g.materials = g.materials.filter((m) => m.name !== "身份证");
      g.materials.push(serviceGuideSchema.shape.materials.parse([material("健康证明")])[0]!);
    });
    expect(diffGuides(PORTAL, after)).toEqual([
      { element: "materialName", label: "材料名称", path: "materials[健康证明]", kind: "added", before: null, after: after.materials[2] },
      { element: "materialName", label: "材料名称", path: "materials[身份证]", kind: "removed", before: PORTAL.materials[2], after: null },
    ]);
  });

  it("names a matched material's changed copies, wherever the material moved", () => {
    const after = copy(PORTAL, (g) => {
      g.materials.reverse();
      g.materials[1]!.copies = 2; // 营业执照
    });
    expect(diffGuides(PORTAL, after)).toEqual([changed("materialQuantity", "数量要求", "materials[营业执照].copies", 1, 2)]);
  });

  it("maps each material field to its element", () => {
    const after = copy(PORTAL, (g) => {
      const m = g.materials[2]!; // 身份证
      m.source = "公安机关核发";
      m.media = ["copy"];
      m.blankFormUrl = "https://example.gov.cn/blank.docx";
      m.necessity = "optional";
    });
    expect(diffGuides(PORTAL, after)).toEqual([
      changed("materialSource", "材料来源或出具单位", "materials[身份证].source", "申请人自备", "公安机关核发"),
      changed("materialMedium", "介质要求", "materials[身份证].media", ["original"], ["copy"]),
      changed("blankForm", "空表下载服务", "materials[身份证].blankFormUrl", null, "https://example.gov.cn/blank.docx"),
      changed("other", "材料必要性", "materials[身份证].necessity", "required", "optional"),
    ]);
  });

  it("names a changed promised limit, field by field", () => {
    const after = copy(PORTAL, (g) => (g.promisedLimit = { days: 5, unit: "calendar_day", note: "" }));
    expect(diffGuides(PORTAL, after)).toEqual([
      changed("promisedLimit", "承诺办结时限", "promisedLimit.days", 10, 5),
      changed("promisedLimit", "承诺办结时限", "promisedLimit.unit", "working_day", "calendar_day"),
    ]);
  });

  it("maps step fields to 流程环节 and 流程内容, and location fields to 地点, 时间 and 电话", () => {
    const after = copy(PORTAL, (g) => {
      g.steps[1]!.limit.days = 3;
      g.steps.push({ name: "决定", actor: "分管领导", limit: { days: 1, unit: "working_day", note: "" }, criteria: "" });
      g.locations[0]!.window = "综合窗口";
      g.locations[0]!.phone = "0777-6510000";
    });
    expect(diffGuides(PORTAL, after)).toEqual([
      changed("location", "办理地点", "locations[灵山县政务服务中心二楼].window", "市场监管窗口", "综合窗口"),
      changed("consultationPhone", "联系电话", "locations[灵山县政务服务中心二楼].phone", "0777-6512345", "0777-6510000"),
      { element: "processSteps", label: "流程环节完备性", path: "steps[决定]", kind: "added", before: null, after: after.steps[2] },
      changed("processDetail", "流程内容详实性", "steps[审查].limit.days", 5, 3),
    ]);
  });

  it("maps the fee flag, fees and their basis", () => {
    const after = copy(PORTAL, (g) => {
      g.charged = true;
      g.fees = [{ name: "工本费", standard: "10元/本", basis: "" }];
    });
    const before = copy(PORTAL, (g) => (g.fees = [{ name: "工本费", standard: "10元/本", basis: "桂价费〔2019〕1号" }]));
    expect(diffGuides(before, after)).toEqual([
      changed("feeFlag", "收费明确标识", "charged", false, true),
      changed("feeBasis", "收费依据", "fees[工本费].basis", "桂价费〔2019〕1号", ""),
    ]);
  });

  it("matches names across full-width and half-width punctuation, and reports the spelling change", () => {
    const before = copy(PORTAL, (g) => (g.materials[1]!.name = "营业执照（副本）"));
    const after = copy(PORTAL, (g) => (g.materials[1]!.name = "营业执照(副本)"));
    expect(diffGuides(before, after)).toEqual([
      changed("materialName", "材料名称", "materials[营业执照（副本）].name", "营业执照（副本）", "营业执照(副本)"),
    ]);
  });

  it("matches a repeated name by occurrence", () => {
    const basis = (article: string) => ({ name: "《中华人民共和国食品安全法》", article, text: "" });
    const before = copy(PORTAL, (g) => (g.legalBases = [basis("第三十五条"), basis("第三十六条")]));
    const after = copy(PORTAL, (g) => (g.legalBases = [basis("第三十五条"), basis("第三十七条")]));
    expect(diffGuides(before, after)).toEqual([
      changed("legalBasis", "设定依据", "legalBases[《中华人民共和国食品安全法》#2].article", "第三十六条", "第三十七条"),
    ]);
  });

  it("falls back to positions when an item has no name", () => {
    const before = copy(PORTAL, (g) => (g.materials[0]!.name = ""));
    const after = copy(before, (g) => {
      g.materials.pop();
      g.materials.push(...serviceGuideSchema.shape.materials.parse([material("身份证", { copies: 3 }), material("健康证明")]));
    });
    expect(diffGuides(before, after)).toEqual([
      { element: "materialName", label: "材料名称", path: "materials.3", kind: "added", before: null, after: after.materials[3] },
      changed("materialQuantity", "数量要求", "materials.2.copies", 0, 3),
    ]);
  });

  it("walks situations, their materials and steps with the elements of each", () => {
    const situation = (copies: number) => ({
      name: "新办",
      condition: "首次申请",
      materials: [material("场所证明", { copies })],
      steps: [],
    });
    const before = copy(PORTAL, (g) => (g.situations = serviceGuideSchema.shape.situations.parse([situation(1)])));
    const after = copy(PORTAL, (g) => {
      g.situations = serviceGuideSchema.shape.situations.parse([situation(2), { name: "变更", condition: "许可事项变更" }]);
    });
    expect(diffGuides(before, after)).toEqual([
      changed("materialQuantity", "数量要求", "situations[新办].materials[场所证明].copies", 1, 2),
      { element: "situations", label: "办理情形", path: "situations[变更]", kind: "added", before: null, after: after.situations[1] },
    ]);
  });

  it("puts a field no element covers under other, named by the field or as 其他", () => {
    const after = copy(PORTAL, (g) => {
      g.implementingBody = "灵山县行政审批局";
      (g as Record<string, unknown>).remark = "新增字段";
    });
    expect(diffGuides(PORTAL, after)).toEqual([
      changed("other", "实施主体", "implementingBody", "灵山县市场监督管理局", "灵山县行政审批局"),
      changed("other", "其他", "remark", null, "新增字段"),
    ]);
  });
});

describe("diffGuides: the provincial sample against a hall's copy", () => {
  const guide = parseProvincialExport(sample, { source: "gx" }).guides[0]!;
  const hall = copy(guide, (g) => {
    g.name = "固定资产投资项目 节能审查"; // a space beside Chinese: the same name
    g.materials.reverse();
    g.materials[0]!.media = ["original", "copy"]; // 节能报告
    g.materials.push(serviceGuideSchema.shape.materials.parse([material("项目备案证明")])[0]!);
    g.promisedLimit.days = 10;
    g.consultationPhone = "0777-6428820";
    g.locations[0]!.hours = "工作日：上午8:30-12:00、下午14：00-17:00";
    g.legalBases.pop();
    g.specialProcedures[0]!.limit.days = 20;
    g.onlineUrl = null;
  });
  const diffs = diffGuides(guide, hall);
  const address = `locations[${guide.locations[0]!.address}]`;

  it("lists every difference in the order of the elements, then path", () => {
    expect(diffs).toEqual([
      changed("promisedLimit", "承诺办结时限", "promisedLimit.days", 5, 10),
      changed(
        "hours",
        "办理时间",
        `${address}.hours`,
        "工作日：上午9:00-12:00、下午14：00-17:00",
        "工作日：上午8:30-12:00、下午14：00-17:00",
      ),
      changed("consultationPhone", "联系电话", "consultationPhone", "0777—6428820", "0777-6428820"),
      {
        element: "legalBasis",
        label: "设定依据",
        path: "legalBases[《国务院关于加强节能工作的决定》(国发[2006]28号)]",
        kind: "removed",
        before: guide.legalBases[2],
        after: null,
      },
      changed("specialProcedures", "中介机构或特殊环节", "specialProcedures[机构评审].limit.days", 15, 20),
      {
        element: "materialName",
        label: "材料名称",
        path: "materials[项目备案证明]",
        kind: "added",
        before: null,
        after: hall.materials[2],
      },
      changed("materialMedium", "介质要求", "materials[节能报告].media", ["original"], ["original", "copy"]),
      changed("links", "办理链接", "onlineUrl", "http://qzls.zwfw.gxzf.gov.cn/", null),
    ]);
  });

  it("is the same every time, and plain JSON", () => {
    expect(diffGuides(guide, hall)).toEqual(diffs);
    expect(JSON.parse(JSON.stringify(diffs))).toEqual(diffs);
  });

  it("summarises per element, in the same order", () => {
    const summary = summariseDifferences(diffs);
    expect(summary).toEqual({
      promisedLimit: 1,
      hours: 1,
      consultationPhone: 1,
      legalBasis: 1,
      specialProcedures: 1,
      materialName: 1,
      materialMedium: 1,
      links: 1,
    });
    expect(Object.keys(summary)).toEqual(diffs.map((d) => d.element));
    expect(summariseDifferences([])).toEqual({});
  });
});
