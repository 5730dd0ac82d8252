import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BASIC_CHECKS, isValidUscc, usccCheckCharacter } from "./checks-basic.ts";
import { GUIDE_ELEMENTS } from "./elements.ts";
import { type ServiceGuide, serviceGuideSchema } from "./model.ts";

/**
 * The passing guide is the real Guangxi sample (固定资产投资项目节能审查, see
 * /work/shared/data/samples) with its defects mended: the em dashes of its
 * phones replaced, every element stated. Each failing variant changes one
 * thing and names the check, the path and the number of hits it expects.
 */
const passing = serviceGuideSchema.parse({
  source: "gx",
  sourceId: "e7712954-2b2c-44d0-889c-c2ac692479b2",
  name: "固定资产投资项目节能审查",
  itemType: "administrative_license",
  implementationCode: "11450721MB155808114000104002000",
  basicCode: "000104002000",
  authoritySource: "法定本级行使",
  implementingBody: "灵山县行政审批局",
  bodyCode: "11450721MB15580811",
  level: "county",
  serviceObjects: ["legal_person", "other_organization"],
  caseType: "promised",
  legalLimit: { days: 20, unit: "working_day", note: "自受理行政许可申请之日起二十日内做出行政许可决定" },
  promisedLimit: { days: 5, unit: "working_day", note: "无" },
  quantityLimited: false,
  acceptanceConditions: "年综合能源消费量1000吨标准煤以上的固定资产投资项目，建设单位在开工建设前申请节能审查",
  materials: [
    {
      name: "固定资产投资项目节能报告",
      necessity: "required",
      type: "other",
      source: "申请人自备",
      originals: 1,
      copies: 0,
      media: ["original"],
    },
  ],
  steps: [
    { name: "受理", actor: "综合窗口", limit: { days: 1, unit: "working_day" }, criteria: "材料齐全、符合法定形式" },
    { name: "审查", actor: "审批股", limit: { days: 2, unit: "working_day" }, criteria: "符合节能有关法律法规、标准规范" },
    { name: "决定", actor: "分管领导", limit: { days: 1, unit: "working_day" }, criteria: "作出准予或不予许可的决定" },
    { name: "送达", actor: "综合窗口", limit: { days: 1, unit: "working_day" }, criteria: "送达批复文件" },
  ],
  locations: [
    {
      address: "灵山县三海街道江南路5号县政务服务中心法人大厅工程建设项目综合窗口（县卫生监督所一楼）",
      window: "工程建设项目综合窗口",
      hours: "工作日：上午9:00-12:00、下午14：00-17:00",
      phone: "0777-6428820",
    },
  ],
  consultationPhone: "0777-6428820",
  supervisionPhone: "0777-6428880",
  legalBases: [
    {
      name: "《固定资产投资项目节能审查办法》",
      article: "第八条",
      text: "节能审查机关受理固定资产投资项目节能报告后，应委托有关机构进行评审，形成评审意见，作为节能审查的重要依据。",
    },
    {
      name: "《国务院关于加强节能工作的决定》",
      article: "第二十三条",
      text: "建立固定资产投资项目节能评估和审查制度。",
    },
  ],
  specialProcedures: [{ name: "机构评审", kind: "expert_review", limit: { days: 15, unit: "working_day" }, note: "委托有关机构进行评审" }],
  charged: false,
  visits: 1,
  onlineDepth: 3,
});

function variant(change: (g: ServiceGuide) => void): ServiceGuide {
  const g: ServiceGuide = JSON.parse(JSON.stringify(passing));
  change(g);
  return g;
}

const CHECKS = new Map(BASIC_CHECKS.map((c) => [c.id, c]));

function run(id: string, guide: ServiceGuide) {
  const check = CHECKS.get(id);
  if (!check) throw new Error(`no check ${id}`);
  return check.run(guide);
}

/** The paths a check reports for a guide. */
const paths = (id: string, guide: ServiceGuide) => run(id, guide).map((h) => h.path);

describe("BASIC_CHECKS: the registry", () => {
  it("gives every check a unique id, a seed quotation and zh/en message and fix", () => {
    expect(new Set(BASIC_CHECKS.map((c) => c.id)).size).toBe(BASIC_CHECKS.length);
    for (const check of BASIC_CHECKS) {
      expect(check.id).toMatch(/^G-BASIC-\d{2}$/);
      expect(check.seed).toMatch(/^00[02]: \S/);
      expect(check.message.zh.trim()).not.toBe("");
      expect(check.message.en.trim()).not.toBe("");
      expect(check.fix.zh.trim()).not.toBe("");
      expect(check.fix.en.trim()).not.toBe("");
      expect(["error", "warning", "info"]).toContain(check.severity);
    }
  });

  it("covers every 基本信息 element and no element of another group", () => {
    const basic = Object.entries(GUIDE_ELEMENTS)
      .filter(([, e]) => e.group === "基本信息")
      .map(([id]) => id);
    expect(new Set(BASIC_CHECKS.map((c) => c.element))).toEqual(new Set(basic));
  });

  it("passes the complete guide: every check returns no hits, as the shared frozen empty list", () => {
    for (const check of BASIC_CHECKS) {
      const hits = check.run(passing);
      expect(hits, check.id).toEqual([]);
      expect(Object.isFrozen(hits), check.id).toBe(true);
    }
  });

  it("never throws on an empty guide, and finds what is missing", () => {
    const empty = serviceGuideSchema.parse({});
    const failing = BASIC_CHECKS.filter((c) => c.run(empty).length > 0).map((c) => c.id);
    expect(failing).toEqual(
      expect.arrayContaining(["G-BASIC-01", "G-BASIC-02", "G-BASIC-03", "G-BASIC-05", "G-BASIC-06", "G-BASIC-10", "G-BASIC-11"]),
    );
    expect(failing).toEqual(expect.arrayContaining(["G-BASIC-12", "G-BASIC-14", "G-BASIC-18", "G-BASIC-20", "G-BASIC-21", "G-BASIC-26"]));
  });
});

describe("BASIC_CHECKS: odd input", () => {
  it("never throws on arbitrary text in the fields it reads, and every hit has a path", () => {
    const text = fc.oneof(
      fc.string(),
      fc.stringMatching(/^[0-9０-９()（）\-－—– 转、,]{0,24}$/),
      fc.constantFrom("无", "0777—6428820", "11330100MB1234567X-2-00100", "11450721MB155808114000104002000", "第八条"),
    );
    fc.assert(
      fc.property(text, text, text, text, text, (a, b, c, d, e) => {
        const g = variant((g) => {
          g.consultationPhone = a;
          g.supervisionPhone = b;
          g.implementationCode = c;
          g.bodyCode = d;
          g.basicCode = e;
          g.locations[0] = { address: a, window: b, hours: c, phone: d };
          g.legalBases[0] = { name: c, article: d, text: e };
          g.specialProcedures = [];
        });
        for (const check of BASIC_CHECKS) {
          for (const found of check.run(g)) expect(typeof found.path).toBe("string");
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("事项类型, 权力来源, 许可数量, 办件类型, 服务对象", () => {
  it("G-BASIC-01: item type not stated, naming an unmapped code", () => {
    expect(
      paths(
        "G-BASIC-01",
        variant((g) => (g.itemType = null)),
      ),
    ).toEqual(["itemType"]);
    const hits = run(
      "G-BASIC-01",
      variant((g) => {
        g.itemType = null;
        g.unmappedCodes = { itemType: "99" };
      }),
    );
    expect(hits).toHaveLength(1);
    expect(hits[0]!.detail).toContain("99");
  });

  it("G-BASIC-02: authority source blank, a placeholder or a bare code", () => {
    expect(
      paths(
        "G-BASIC-02",
        variant((g) => (g.authoritySource = "")),
      ),
    ).toEqual(["authoritySource"]);
    expect(
      run(
        "G-BASIC-02",
        variant((g) => (g.authoritySource = "无")),
      ),
    ).toEqual([{ path: "authoritySource", detail: "无" }]);
    const code = run(
      "G-BASIC-02",
      variant((g) => (g.authoritySource = "1")),
    );
    expect(code).toHaveLength(1);
    expect(code[0]!.detail).toContain("1");
  });

  it("G-BASIC-03: quantity limit not stated", () => {
    expect(
      paths(
        "G-BASIC-03",
        variant((g) => (g.quantityLimited = null)),
      ),
    ).toEqual(["quantityLimited"]);
    expect(
      run(
        "G-BASIC-03",
        variant((g) => (g.quantityLimited = true)),
      ),
    ).toEqual([]);
  });

  it("G-BASIC-04: limited but the limit is not described", () => {
    expect(
      paths(
        "G-BASIC-04",
        variant((g) => (g.quantityLimited = true)),
      ),
    ).toEqual(["quantityLimitNote"]);
    expect(
      run(
        "G-BASIC-04",
        variant((g) => {
          g.quantityLimited = true;
          g.quantityLimitNote = "每年度核发不超过10个";
        }),
      ),
    ).toEqual([]);
  });

  it("G-BASIC-05: case type not stated, naming an unmapped code", () => {
    const hits = run(
      "G-BASIC-05",
      variant((g) => {
        g.caseType = null;
        g.unmappedCodes = { caseType: "7" };
      }),
    );
    expect(hits).toEqual([{ path: "caseType", detail: "未识别的代码：7" }]);
  });

  it("G-BASIC-10: no service objects", () => {
    expect(
      paths(
        "G-BASIC-10",
        variant((g) => (g.serviceObjects = [])),
      ),
    ).toEqual(["serviceObjects"]);
  });
});

describe("事项编码", () => {
  it("computes the GB 32100-2015 check character: the sample's body and a code worked by hand", () => {
    // The sample: dept_code 11450721MB15580811, task_code 11450721MB155808114000104002000.
    expect(usccCheckCharacter("11450721MB1558081")).toBe("1");
    expect(isValidUscc("11450721MB15580811")).toBe(true);
    expect(isValidUscc("11450721MB15580812")).toBe(false);
    // 91110000600037341 by hand: values 9 1 1 1 0 0 0 0 6 0 0 0 3 7 3 4 1 times the weights
    // 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28 give 9+3+9+27+120+24+168+30+120+28 = 538;
    // 538 mod 31 = 11, (31 − 11) mod 31 = 20, and the alphabet's 20th character (from 0) is L.
    expect(usccCheckCharacter("91110000600037341")).toBe("L");
    expect(isValidUscc("91110000600037341L")).toBe(true);
    expect(isValidUscc("91110000600037341M")).toBe(false);
    // I, O, S, V, Z and lower case are not in the alphabet; lengths other than 18 are not codes.
    expect(usccCheckCharacter("9111000060003734O")).toBeNull();
    expect(isValidUscc("91110000600037341l")).toBe(false);
    expect(isValidUscc("91110000600037341")).toBe(false);
  });

  it("G-BASIC-06: implementation code missing", () => {
    expect(
      paths(
        "G-BASIC-06",
        variant((g) => (g.implementationCode = "")),
      ),
    ).toEqual(["implementationCode"]);
  });

  it("G-BASIC-07: a hyphenated provincial code is a non-standard shape, never an exception", () => {
    const g = variant((g) => (g.implementationCode = "11330100MB1234567X-2-00100"));
    expect(run("G-BASIC-07", g)).toEqual([{ path: "implementationCode", detail: "11330100MB1234567X-2-00100（26 位）" }]);
    // The code's parts cannot be compared with a code of another shape.
    expect(run("G-BASIC-09", g)).toEqual([]);
    expect(run("G-BASIC-08", g)).toEqual([]);
    expect(
      paths(
        "G-BASIC-07",
        variant((g) => (g.implementationCode = "11450721MB15580811400010400200001")),
      ),
    ).toEqual(["implementationCode"]);
  });

  it("G-BASIC-08: a wrong check character in the code or the body code", () => {
    const hits = run(
      "G-BASIC-08",
      variant((g) => (g.implementationCode = "11450721MB155808124000104002000")),
    );
    expect(hits).toEqual([{ path: "implementationCode", detail: "11450721MB15580812（校验码应为 1）" }]);
    expect(
      paths(
        "G-BASIC-08",
        variant((g) => (g.bodyCode = "11450721MB1558081")),
      ),
    ).toEqual(["bodyCode"]);
    expect(
      paths(
        "G-BASIC-08",
        variant((g) => (g.bodyCode = "91110000600037341M")),
      ),
    ).toEqual(["bodyCode"]);
  });

  it("G-BASIC-09: basic code and body code must be the code's last 12 and first 18 characters", () => {
    expect(
      run(
        "G-BASIC-09",
        variant((g) => (g.basicCode = "000104002001")),
      ),
    ).toEqual([{ path: "basicCode", detail: "000104002001 ≠ 000104002000" }]);
    // A valid code of another body: G-BASIC-08 is content, G-BASIC-09 is not.
    const other = variant((g) => (g.bodyCode = "91110000600037341L"));
    expect(paths("G-BASIC-09", other)).toEqual(["bodyCode"]);
    expect(run("G-BASIC-08", other)).toEqual([]);
    expect(
      run(
        "G-BASIC-09",
        variant((g) => {
          g.basicCode = "";
          g.bodyCode = "";
        }),
      ),
    ).toEqual([]);
  });
});

describe("法定办结时限, 承诺办结时限", () => {
  it("G-BASIC-11: legal limit without days or unit", () => {
    const both = variant((g) => (g.legalLimit = { days: null, unit: null, note: "" }));
    expect(paths("G-BASIC-11", both)).toEqual(["legalLimit.days", "legalLimit.unit"]);
    expect(
      run(
        "G-BASIC-11",
        variant((g) => (g.legalLimit.days = -1)),
      ),
    ).toEqual([{ path: "legalLimit.days", detail: "-1" }]);
    const unmapped = run(
      "G-BASIC-11",
      variant((g) => {
        g.legalLimit.unit = null;
        g.unmappedCodes = { "legalLimit.unit": "3" };
      }),
    );
    expect(unmapped).toEqual([{ path: "legalLimit.unit", detail: "未识别的代码：3" }]);
    expect(
      run(
        "G-BASIC-11",
        variant((g) => (g.legalLimit.days = 0)),
      ),
    ).toEqual([]);
  });

  it("G-BASIC-12: promised limit without unit; a note of “无” is fine; an instant case may promise “即办”", () => {
    expect(
      paths(
        "G-BASIC-12",
        variant((g) => (g.promisedLimit.unit = null)),
      ),
    ).toEqual(["promisedLimit.unit"]);
    expect(
      paths(
        "G-BASIC-12",
        variant((g) => (g.promisedLimit = { days: null, unit: null, note: "无" })),
      ),
    ).toEqual(["promisedLimit.days", "promisedLimit.unit"]);
    const instant = variant((g) => {
      g.caseType = "instant";
      g.promisedLimit = { days: null, unit: null, note: "即办" };
    });
    expect(run("G-BASIC-12", instant)).toEqual([]);
  });
});

describe("办理地点, 办理时间", () => {
  const at = (address: string, window = "") =>
    variant((g) => {
      g.locations[0]!.address = address;
      g.locations[0]!.window = window;
    });

  it("G-BASIC-14: no location, or a location without address", () => {
    expect(
      paths(
        "G-BASIC-14",
        variant((g) => (g.locations = [])),
      ),
    ).toEqual(["locations"]);
    const second = variant((g) => g.locations.push({ ...g.locations[0]!, address: "无" }));
    expect(run("G-BASIC-14", second)).toEqual([{ path: "locations.1.address", detail: "无" }]);
  });

  it("accepts the seed 002 address with street, number and room", () => {
    const g = at("城桥镇崇明大道8188号2号楼731室");
    for (const id of ["G-BASIC-15", "G-BASIC-16", "G-BASIC-17"]) expect(run(id, g), id).toEqual([]);
  });

  it("G-BASIC-15: no street name (城乡 in a department's name is not a 乡)", () => {
    expect(run("G-BASIC-15", at("县政务服务中心5号楼301室"))).toEqual([
      { path: "locations.0.address", detail: "县政务服务中心5号楼301室" },
    ]);
    expect(paths("G-BASIC-15", at("县住房和城乡建设局5号楼301室"))).toEqual(["locations.0.address"]);
  });

  it("G-BASIC-16: no house number (a window number is not one)", () => {
    expect(paths("G-BASIC-16", at("灵山县三海街道江南路县政务服务中心301室"))).toEqual(["locations.0.address"]);
    expect(paths("G-BASIC-16", at("灵山县江南路政务服务中心3号窗口"))).toEqual(["locations.0.address"]);
    expect(run("G-BASIC-16", at("上海市长宁区长宁路88弄3楼305"))).toEqual([]);
  });

  it("G-BASIC-17: no room or window, unless the window field names one", () => {
    expect(paths("G-BASIC-17", at("灵山县三海街道江南路5号县政务服务中心"))).toEqual(["locations.0.address"]);
    expect(paths("G-BASIC-17", at("灵山县三海街道江南路5号县政务服务中心", "相关窗口"))).toEqual(["locations.0.address"]);
    expect(paths("G-BASIC-17", at("长宁区长宁路100号区政府大楼"))).toEqual(["locations.0.address"]);
    expect(run("G-BASIC-17", at("灵山县三海街道江南路5号县政务服务中心", "3号窗口"))).toEqual([]);
    expect(run("G-BASIC-17", at("灵山县三海街道江南路5号县政务服务中心一楼12号窗口"))).toEqual([]);
    expect(run("G-BASIC-17", at("长宁区长宁路100号A区"))).toEqual([]);
    expect(run("G-BASIC-17", at("朝阳区建国路88号现代城A座1201"))).toEqual([]);
  });

  it("G-BASIC-18: no hours", () => {
    expect(
      paths(
        "G-BASIC-18",
        variant((g) => (g.locations = [])),
      ),
    ).toEqual(["locations"]);
    expect(
      paths(
        "G-BASIC-18",
        variant((g) => (g.locations[0]!.hours = "")),
      ),
    ).toEqual(["locations.0.hours"]);
  });

  it("G-BASIC-19: hours not readable as a weekly schedule", () => {
    const hours = (value: string) =>
      run(
        "G-BASIC-19",
        variant((g) => (g.locations[0]!.hours = value)),
      );
    expect(hours("工作时间")).toEqual([{ path: "locations.0.hours", detail: "工作时间" }]);
    expect(hours("工作日")).toHaveLength(1);
    expect(hours("9:00-17:00")).toHaveLength(1);
    expect(hours("星期一至星期五:上午09:00-12:00,下午13:00-17:00")).toEqual([]);
    expect(hours("周一至周五 09:00至12:00，14：00－17：00（法定节假日除外）")).toEqual([]);
    expect(hours("工作日上午9点至12点")).toEqual([]);
  });
});

describe("联系电话, 监督电话, 电话准确性", () => {
  const phones = (consultation: string, supervision = "0777-6428880") =>
    variant((g) => {
      g.consultationPhone = consultation;
      g.supervisionPhone = supervision;
    });

  it("G-BASIC-20 and G-BASIC-21: each phone must be stated", () => {
    expect(paths("G-BASIC-20", phones(""))).toEqual(["consultationPhone"]);
    expect(run("G-BASIC-21", phones("0777-6428820", "暂无"))).toEqual([{ path: "supervisionPhone", detail: "暂无" }]);
  });

  it("the sample's link_way 0777—6428820: flagged for its separator, with an area code and unlike 0777—6428880", () => {
    const sample = phones("0777—6428820", "0777—6428880");
    expect(run("G-BASIC-25", sample)).toEqual([
      { path: "consultationPhone", detail: "0777—6428820" },
      { path: "supervisionPhone", detail: "0777—6428880" },
    ]);
    expect(run("G-BASIC-22", sample)).toEqual([]);
    expect(run("G-BASIC-23", sample)).toEqual([]);
    expect(run("G-BASIC-24", sample)).toEqual([]);
  });

  it("G-BASIC-22: the same number twice, whatever the separators", () => {
    expect(run("G-BASIC-22", phones("0777-6428820", "0777—6428820"))).toEqual([{ path: "supervisionPhone", detail: "0777—6428820" }]);
  });

  it("G-BASIC-23: no area code, or no number at all", () => {
    expect(run("G-BASIC-23", phones("6428820"))).toEqual([{ path: "consultationPhone", detail: "6428820" }]);
    // Seed 002's contact line: two Shanghai numbers without 021.
    expect(paths("G-BASIC-23", phones("69613801 69688682"))).toEqual(["consultationPhone"]);
    expect(paths("G-BASIC-23", phones("见窗口公示"))).toEqual(["consultationPhone"]);
    // A local service number (seed 000's district hotline 962347) needs its area code too.
    expect(paths("G-BASIC-23", phones("962347"))).toEqual(["consultationPhone"]);
    expect(
      paths(
        "G-BASIC-23",
        variant((g) => (g.locations[0]!.phone = "6428820")),
      ),
    ).toEqual(["locations.0.phone"]);
    for (const ok of [
      "021-12345678",
      "02112345678",
      "400-123-4567",
      "8001234567",
      "12345",
      "95598",
      "021-962347",
      "0777-6428820、6428821",
      "0777-6428820转8001",
    ]) {
      expect(run("G-BASIC-23", phones(ok)), ok).toEqual([]);
    }
  });

  it("G-BASIC-24: a mobile number is accepted with an info note", () => {
    const mobile = phones("13812345678");
    expect(run("G-BASIC-24", mobile)).toEqual([{ path: "consultationPhone", detail: "13812345678" }]);
    expect(run("G-BASIC-23", mobile)).toEqual([]);
    expect(run("G-BASIC-25", mobile)).toEqual([]);
  });

  it("G-BASIC-25: em dash, full-width dash, spaces, brackets and odd extensions", () => {
    for (const odd of ["0777 6428820", "0777－6428820", "0777–6428820", "(0777)6428820", "0777-6428820 转 8001", "０７７７-6428820"]) {
      expect(paths("G-BASIC-25", phones(odd)), odd).toEqual(["consultationPhone"]);
    }
    for (const ok of ["0777-6428820", "07776428820", "0777-6428820-8001", "0777-6428820转8001", "0777-6428820、0777-6428821", "12345"]) {
      expect(run("G-BASIC-25", phones(ok)), ok).toEqual([]);
    }
  });
});

describe("设定依据", () => {
  it("G-BASIC-26: no legal basis, or one without a name", () => {
    expect(
      paths(
        "G-BASIC-26",
        variant((g) => (g.legalBases = [])),
      ),
    ).toEqual(["legalBases"]);
    expect(
      paths(
        "G-BASIC-26",
        variant((g) => (g.legalBases[1]!.name = "")),
      ),
    ).toEqual(["legalBases.1.name"]);
  });

  it("G-BASIC-27: a basis without its article, naming its index", () => {
    const hits = run(
      "G-BASIC-27",
      variant((g) => (g.legalBases[1]!.article = "")),
    );
    expect(hits).toEqual([{ path: "legalBases.1.article", detail: "《国务院关于加强节能工作的决定》" }]);
    // The article written into the name counts.
    const inName = variant((g) => {
      g.legalBases[1]!.article = "";
      g.legalBases[1]!.name = "《国务院关于加强节能工作的决定》第二十三条";
    });
    expect(run("G-BASIC-27", inName)).toEqual([]);
    expect(
      run(
        "G-BASIC-27",
        variant((g) => (g.legalBases[0]!.article = "第三条第一款")),
      ),
    ).toEqual([]);
  });

  it("G-BASIC-28: a basis without its text", () => {
    expect(
      paths(
        "G-BASIC-28",
        variant((g) => (g.legalBases[0]!.text = "")),
      ),
    ).toEqual(["legalBases.0.text"]);
  });

  it("G-BASIC-29: a name not in 《》", () => {
    expect(
      run(
        "G-BASIC-29",
        variant((g) => (g.legalBases[0]!.name = "固定资产投资项目节能审查办法")),
      ),
    ).toEqual([{ path: "legalBases.0.name", detail: "固定资产投资项目节能审查办法" }]);
  });
});

describe("中介机构或特殊环节", () => {
  it("G-BASIC-30: a special procedure with neither kind nor recognisable name (the sample's special_name “9”)", () => {
    const g = variant((g) => {
      g.specialProcedures[0]!.kind = null;
      g.specialProcedures[0]!.name = "9";
      g.unmappedCodes = { "specialProcedures.0.kind": "9" };
    });
    expect(run("G-BASIC-30", g)).toEqual([{ path: "specialProcedures.0.kind", detail: "未识别的代码：9" }]);
    expect(
      run(
        "G-BASIC-30",
        variant((g) => (g.specialProcedures[0]!.kind = null)),
      ),
    ).toEqual([]);
  });

  it("G-BASIC-31: a special procedure without days and unit", () => {
    const g = variant((g) => (g.specialProcedures[0]!.limit = { days: null, unit: null, note: "" }));
    expect(paths("G-BASIC-31", g)).toEqual(["specialProcedures.0.limit.days", "specialProcedures.0.limit.unit"]);
  });

  it("G-BASIC-32: a special step mentioned but neither a special procedure nor an intermediary listed", () => {
    const unlisted = variant((g) => (g.specialProcedures = []));
    const hits = run("G-BASIC-32", unlisted);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.path).toBe("legalBases.0.text");
    expect(hits[0]!.detail).toContain("评审");

    const inSteps = variant((g) => {
      g.specialProcedures = [];
      g.legalBases[0]!.text = "节能审查机关应当依法作出决定。";
      g.legalBases[1]!.text = "加强节能工作。";
      g.steps[1]!.criteria = "组织现场勘查";
    });
    expect(paths("G-BASIC-32", inSteps)).toEqual(["steps.1.criteria"]);

    const negated = variant((g) => {
      g.specialProcedures = [];
      g.legalBases[0]!.text = "节能审查机关应当依法作出决定。";
      g.legalBases[1]!.text = "加强节能工作。";
      g.acceptanceConditions = "材料齐全，无需现场勘查";
    });
    expect(run("G-BASIC-32", negated)).toEqual([]);

    const intermediary = variant((g) => {
      g.specialProcedures = [];
      g.intermediaries = [
        { name: "节能评估报告编制", provider: "具备资质的咨询机构", limit: { days: null, unit: null, note: "" }, basis: "" },
      ];
    });
    expect(run("G-BASIC-32", intermediary)).toEqual([]);
  });
});
