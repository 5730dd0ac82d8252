import { describe, expect, it } from "vitest";
import { CONTENT_CHECKS, materialsHalved } from "./checks-content.ts";
import { GUIDE_ELEMENTS } from "./elements.ts";
import { type ServiceGuide, serviceGuideSchema } from "./model.ts";
import { hasMojibake } from "./text.ts";

/** Long real sentences from seeds 000 and 002: real Chinese must never read as garbled. */
const SEED_SENTENCES: [string, string, string, string, string, string] = [
  '逐事项逐要素检查,评估是否明确注明该事项受理所需材料名称,且材料名称不存在有歧义的描述(如:存在"其他材料"、"相关材料"等兜底性用词),评估材料名称是否细化到最小颗粒度,且材料要求不存在模糊描述。',
  "逐事项逐要素检查,评估事项提供的办理流程中各环节要素中内容及要点是否准确明晰。内容应包含开始时间、结束时间、办理时长、申请人员、办事窗口、审批标准等信息内容。",
  "根据具体业务所涉及的申请对象、办事条件、办理流程等不同情况,进一步梳理完善每项事项的业务办理情形,消除交叉重叠现象,确保办事指南规定与实际业务操作相符。",
  "严格按照“双减半”确定的减时限、减材料意见,修改办事指南中相关信息要素,并在修改后立即执行,让企业和群众尽早享受改革红利。",
  "逐事项逐要素检查,评估该事项是否明确标注该事项受理的时间周期。(如:星期一至星期五:上午09:00-12:00,下午13:00-17:00)。",
  "对接全市统一支付平台,逐步扩大在线支付事项范围,实现对“一网通办”政务服务事项全覆盖。加快涉及个人的非税事项(法院诉讼费等)及公共服务事项接入。",
];

const step = (name: string, criteria: string) => ({
  name,
  actor: "区行政服务中心综合窗口工作人员",
  limit: { days: 1, unit: "working_day", note: "" },
  criteria,
});

/** A complete, correct guide: every content check passes. */
const COMPLETE = {
  source: "kaoping",
  name: "建设工程规划许可证核发",
  itemType: "administrative_license",
  caseType: "promised",
  legalLimit: { days: 20, unit: "working_day", note: "" },
  promisedLimit: { days: 10, unit: "working_day", note: "" },
  acceptanceConditions:
    "申请人已取得建设项目用地的国有土地使用权证明，建设工程设计方案已经审定，且申请事项属于本机关法定职权范围。" + SEED_SENTENCES[2],
  materials: [
    {
      name: "建设工程规划许可证申请表",
      necessity: "required",
      type: "form",
      source: "申请人自备",
      originals: 1,
      copies: 0,
      media: ["original"],
      blankFormUrl: "https://zwfw.example.gov.cn/forms/ghxk-blank.docx",
      sampleFormUrl: "attachment:f-102",
      acceptanceStandard: SEED_SENTENCES[0],
    },
    {
      name: "户籍证明",
      necessity: "required",
      type: "certificate",
      source: "政府部门核发",
      issuer: "户口所在地派出所",
      originals: 1,
      media: ["original"],
    },
    {
      name: "法定代表人身份证明",
      necessity: "optional",
      type: "certificate",
      source: "申请人自备",
      originals: 0,
      copies: 1,
      media: ["copy", "electronic"],
    },
  ],
  steps: [
    step("受理", "材料齐全、符合法定形式"),
    step("审查", SEED_SENTENCES[1]),
    step("决定", "符合规定的，作出准予许可的决定"),
    step("制证", "制作许可证件"),
    step("送达", "窗口领取或邮寄送达"),
  ],
  situations: [
    {
      name: "新建项目",
      condition: "申请人首次申请建设工程规划许可证",
      materials: [
        {
          name: "建设项目用地批准文件",
          necessity: "required",
          type: "certificate",
          source: "政府部门核发",
          issuer: "区规划和自然资源局",
          copies: 1,
          media: ["copy"],
        },
      ],
    },
    { name: "变更", condition: "已取得许可证，申请变更许可内容" },
  ],
  flowchartUrl: "attachment:flow-1",
  onlineUrl: "https://zwfw.example.gov.cn/item/1234",
  visits: 1,
  visitReason: "领取许可证时核验原件",
  onlineDepth: 3,
  charged: true,
  fees: [{ name: "工本费", standard: "每证 10 元", basis: "《关于规范证照工本费的通知》第二条：……每证收取工本费 10 元。" }],
  intermediaries: [{ name: "建设工程设计", provider: "具有相应资质的设计单位", basis: "《建设工程勘察设计管理条例》第八条" }],
  faq: [{ question: "如何预约？", answer: SEED_SENTENCES[4] }],
};

const complete = (): ServiceGuide => serviceGuideSchema.parse(JSON.parse(JSON.stringify(COMPLETE)));

/** The complete guide changed by one edit. */
const variant = (edit: (g: ServiceGuide) => void): ServiceGuide => {
  const g = complete();
  edit(g);
  return g;
};

const check = (id: string) => {
  const found = CONTENT_CHECKS.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
};

const paths = (id: string, guide: ServiceGuide) =>
  check(id)
    .run(guide)
    .map((h) => h.path);

/** G-CONT-03's paths on the complete guide with its first material renamed. */
const catchAllPaths = (name: string) =>
  paths(
    "G-CONT-03",
    variant((g) => (g.materials[0]!.name = name)),
  );

describe("CONTENT_CHECKS", () => {
  it("every check is described: unique id, known element, seed, zh/en message and fix", () => {
    const ids = new Set<string>();
    for (const c of CONTENT_CHECKS) {
      expect(c.id).toMatch(/^G-CONT-\d{2}$/);
      expect(ids.has(c.id)).toBe(false);
      ids.add(c.id);
      expect(GUIDE_ELEMENTS[c.element]).toBeDefined();
      expect(c.seed).toMatch(/^00[02]: “.+”$/);
      for (const text of [c.message.zh, c.message.en, c.fix.zh, c.fix.en]) expect(text.trim()).not.toBe("");
      expect(["error", "warning", "info"]).toContain(c.severity);
    }
    expect(CONTENT_CHECKS.length).toBeGreaterThanOrEqual(30);
  });

  it("a complete, correct guide passes every check, with the shared frozen empty result", () => {
    const guide = complete();
    const results = Object.fromEntries(CONTENT_CHECKS.map((c) => [c.id, c.run(guide)]));
    for (const c of CONTENT_CHECKS) expect(results[c.id], c.id).toEqual([]);
    const empties = new Set(Object.values(results));
    expect(empties.size).toBe(1);
    expect(Object.isFrozen([...empties][0])).toBe(true);
  });

  it("a guide with nothing in it fails the presence checks without throwing", () => {
    const empty = serviceGuideSchema.parse({});
    for (const c of CONTENT_CHECKS) expect(() => c.run(empty)).not.toThrow();
    const failing = CONTENT_CHECKS.filter((c) => c.run(empty).length > 0).map((c) => c.id);
    expect(failing).toEqual(["G-CONT-01", "G-CONT-08", "G-CONT-12", "G-CONT-13", "G-CONT-20", "G-CONT-24"]);
  });

  /** [id, edit, expected paths]: one failing variant (at least) per check. */
  const cases: [string, (g: ServiceGuide) => void, string[]][] = [
    [
      "G-CONT-01",
      (g) => {
        g.materials = [];
        for (const s of g.situations) s.materials = [];
      },
      ["materials"],
    ],
    [
      "G-CONT-02",
      (g) => {
        g.materials[1]!.name = "  ";
        g.situations[0]!.materials[0]!.name = "无";
      },
      ["materials.1.name", "situations.0.materials.0.name"],
    ],
    [
      "G-CONT-03",
      (g) => {
        g.materials[0]!.name = "其他相关材料";
        g.materials[1]!.name = "身份证、户口簿等";
        g.materials.push({ ...g.materials[2]!, name: "相应材料" }, { ...g.materials[2]!, name: "营业执照……" });
        g.situations[0]!.materials[0]!.name = "项目批准文件等材料";
      },
      ["materials.0.name", "materials.1.name", "materials.3.name", "materials.4.name", "situations.0.materials.0.name"],
    ],
    [
      "G-CONT-04",
      (g) => {
        g.materials[2]!.source = "";
        g.situations[0]!.materials[0]!.source = "无";
        g.situations[0]!.materials[0]!.issuer = "";
      },
      ["materials.2.source", "situations.0.materials.0.source"],
    ],
    [
      "G-CONT-05",
      (g) => {
        g.materials[1]!.issuer = "";
        g.materials[2]!.issuer = ""; // 申请人自备: no issuer needed
      },
      ["materials.1.issuer"],
    ],
    [
      "G-CONT-06",
      (g) => {
        g.materials[1]!.originals = null;
        g.materials[2]!.copies = -1;
      },
      ["materials.1", "materials.2"],
    ],
    ["G-CONT-07", (g) => (g.situations[0]!.materials[0]!.media = []), ["situations.0.materials.0.media"]],
    [
      "G-CONT-08",
      (g) => {
        g.steps = [];
        g.flowchartUrl = null;
      },
      ["situations.0.steps", "situations.1.steps"],
    ],
    [
      "G-CONT-08",
      (g) => {
        g.steps = [];
        g.situations = [];
        g.flowchartUrl = "无";
      },
      ["steps"],
    ],
    [
      "G-CONT-35",
      (g) => {
        g.steps = [];
        for (const s of g.situations) s.steps = [];
      },
      ["steps"],
    ],
    ["G-CONT-09", (g) => (g.steps = g.steps.slice(0, 2)), ["steps"]],
    [
      "G-CONT-09",
      (g) => (g.situations[1]!.steps = [step("受理", "齐全"), step("审核", "符合"), step("送达", "领取")] as ServiceGuide["steps"]),
      ["situations.1.steps"],
    ],
    [
      "G-CONT-10",
      (g) => {
        g.steps[0]!.actor = "";
        g.steps[1]!.limit.days = null;
        g.steps[2]!.limit.unit = null;
        g.steps[3]!.name = "无";
      },
      ["steps.0.actor", "steps.1.limit.days", "steps.2.limit.unit", "steps.3.name"],
    ],
    ["G-CONT-11", (g) => (g.steps[4]!.criteria = ""), ["steps.4.criteria"]],
    ["G-CONT-12", (g) => (g.flowchartUrl = null), ["flowchartUrl"]],
    ["G-CONT-12", (g) => (g.flowchartUrl = "无"), ["flowchartUrl"]],
    ["G-CONT-13", (g) => (g.visits = null), ["visits"]],
    ["G-CONT-13", (g) => (g.visits = -1), ["visits"]],
    ["G-CONT-14", (g) => (g.visitReason = ""), ["visitReason"]],
    [
      "G-CONT-15",
      (g) => {
        g.visits = 3;
        g.onlineDepth = 2;
      },
      ["visits"],
    ],
    [
      "G-CONT-16",
      (g) => {
        g.materials[0]!.blankFormUrl = null;
        g.situations[0]!.materials[0]!.name = "建设项目用地情况登记表";
        g.situations[0]!.materials[0]!.type = null; // named a form; typed a certificate it would not be one
      },
      ["materials.0.blankFormUrl", "situations.0.materials.0.blankFormUrl"],
    ],
    ["G-CONT-17", (g) => (g.materials[0]!.sampleFormUrl = "无"), ["materials.0.sampleFormUrl"]],
    [
      "G-CONT-18",
      (g) => {
        g.materials[0]!.blankFormUrl = "无";
        g.materials[0]!.sampleFormUrl = "www.example.gov.cn/sample.doc";
        g.materials[1]!.blankFormUrl = ""; // blank = absent, not a bad link
      },
      ["materials.0.blankFormUrl", "materials.0.sampleFormUrl"],
    ],
    [
      "G-CONT-19",
      (g) => {
        g.flowchartUrl = "见附件";
        g.onlineUrl = "一网通办";
        g.mobileUrl = "attachment:";
      },
      ["flowchartUrl", "onlineUrl", "mobileUrl"],
    ],
    ["G-CONT-20", (g) => (g.charged = null), ["charged"]],
    ["G-CONT-21", (g) => (g.fees = []), ["fees"]],
    [
      "G-CONT-21",
      (g) => g.fees.push({ name: "", standard: "按规定收取", basis: "《收费管理办法》第三条" }),
      ["fees.1.name", "fees.1.standard"],
    ],
    ["G-CONT-22", (g) => (g.charged = false), ["fees.0.standard"]],
    ["G-CONT-23", (g) => (g.fees[0]!.basis = "按规定"), ["fees.0.basis"]],
    ["G-CONT-24", (g) => (g.acceptanceConditions = "符合条件的申请人"), ["acceptanceConditions"]],
    ["G-CONT-24", (g) => (g.acceptanceConditions = "详见相关法律法规。"), ["acceptanceConditions"]],
    ["G-CONT-24", (g) => (g.acceptanceConditions = ""), ["acceptanceConditions"]],
    [
      "G-CONT-25",
      (g) => {
        g.situations.push(
          { name: "新建项目 ", condition: "其他", materials: [], steps: [] },
          { name: "改建", condition: "申请人首次申请建设工程规划许可证。", materials: [], steps: [] },
          { name: "", condition: " ", materials: [], steps: [] },
        );
      },
      ["situations.2.name", "situations.3.condition", "situations.4"],
    ],
    [
      "G-CONT-26",
      (g) => {
        g.intermediaries[0]!.basis = "";
        g.intermediaries.push({ name: "", provider: "", limit: { days: null, unit: null, note: "" }, basis: "《条例》第五条" });
      },
      ["intermediaries.0.basis", "intermediaries.1.name"],
    ],
    ["G-CONT-27", (g) => (g.caseType = "instant"), ["promisedLimit.days"]],
    ["G-CONT-28", (g) => (g.promisedLimit.days = 25), ["promisedLimit.days"]],
    ["G-CONT-29", (g) => (g.legalLimit.unit = "calendar_day"), ["promisedLimit.unit"]],
    ["G-CONT-30", (g) => (g.promisedLimit.days = 11), ["promisedLimit.days"]],
    [
      "G-CONT-31",
      (g) => {
        g.promisedLimit.days = 4;
        g.situations[1]!.steps = g.steps.map((s) => ({ ...s, limit: { ...s.limit, unit: "calendar_day" as const } }));
      },
      ["steps"],
    ],
    ["G-CONT-32", (g) => (g.onlineDepth = 4), ["onlineDepth"]],
    ["G-CONT-33", (g) => (g.onlineDepth = 5), ["onlineDepth"]],
    ["G-CONT-33", (g) => (g.onlineDepth = 0), ["onlineDepth"]],
    [
      "G-CONT-34",
      (g) => {
        g.name = "建设工程规划许可证锟斤拷";
        g.materials[1]!.issuer = "鎴峰彛鎵€鍦ㄥ湴娲惧嚭鎵€"; // 户口所在地派出所 read as GBK
        g.steps[2]!.criteria = "ç\u201d³è¯·è¡¨"; // 申请表 read as Windows-1252
        g.faq[0]!.answer = "Caf\uFFFD";
      },
      ["name", "materials.1.issuer", "steps.2.criteria", "faq.0.answer"],
    ],
  ];

  it.each(cases)("%s fails its variant", (id, edit, expected) => {
    const hits = check(id).run(variant(edit));
    expect(hits.map((h) => h.path)).toEqual(expected);
    for (const hit of hits) expect(hit.detail?.length ?? 0).toBeGreaterThan(0);
  });

  it("G-CONT-34 covers every string field of the model", () => {
    const full = serviceGuideSchema.parse({
      ...JSON.parse(JSON.stringify(COMPLETE)),
      situations: [{ name: "情形", condition: "条件", materials: [{ name: "材料" }], steps: [{ name: "受理" }] }],
      locations: [{ address: "某路 1 号" }],
      legalBases: [{ name: "《条例》" }],
      intermediaries: [{ name: "设计" }],
      specialProcedures: [{ name: "专家评审" }],
      fees: [{ name: "工本费" }],
      faq: [{ question: "问" }],
      unmappedCodes: { itemType: "XK99" },
    });
    /** Enum fields: the schema admits only their codes, so the walk skips them. */
    const ENUM = /^(?:itemType|level|caseType|serviceObjects\.\d+)$|\.(?:necessity|type|kind|unit)$|\.media\.\d+$/;
    const expected: string[] = [];
    const garble = (value: unknown, path: string[]): unknown => {
      if (typeof value === "string" || value === null) {
        const at = path.join(".");
        if (
          ENUM.test(at) ||
          (value === null && !at.endsWith("Url") && at !== "sourceId" && at !== "version" && at !== "publishedAt" && !at.endsWith(".code"))
        ) {
          return value;
        }
        expected.push(at);
        return "锟斤拷";
      }
      if (Array.isArray(value)) return value.map((item, i) => garble(item, [...path, String(i)]));
      if (value && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, garble(item, [...path, key])]));
      }
      return value;
    };
    const garbled = garble(full, []) as ServiceGuide;
    expect(expected.length).toBeGreaterThan(60);
    expect(paths("G-CONT-34", garbled).sort()).toEqual(expected.sort());
  });

  it("every check has a failing variant", () => {
    const covered = new Set(cases.map(([id]) => id));
    for (const c of CONTENT_CHECKS) expect(covered.has(c.id), c.id).toBe(true);
  });

  it("reads the details a reader needs", () => {
    const missing = check("G-CONT-09").run(variant((g) => (g.steps = g.steps.slice(0, 2))));
    expect(missing[0]!.detail).toBe("缺少：审批、办结、送达");
    const units = check("G-CONT-29").run(variant((g) => (g.legalLimit.unit = "calendar_day")));
    expect(units[0]!.detail).toContain("自然日");
  });

  it("compares limits only in the same unit", () => {
    const differ = variant((g) => {
      g.legalLimit = { days: 5, unit: "calendar_day", note: "" };
      g.promisedLimit = { days: 10, unit: "working_day", note: "" };
    });
    expect(paths("G-CONT-28", differ)).toEqual([]);
    expect(paths("G-CONT-30", differ)).toEqual([]);
    expect(paths("G-CONT-29", differ)).toEqual(["promisedLimit.unit"]);
    // more than the legal limit is G-CONT-28's, not also “双减半”
    expect(
      paths(
        "G-CONT-30",
        variant((g) => (g.promisedLimit.days = 25)),
      ),
    ).toEqual([]);
    // exactly half passes
    expect(
      paths(
        "G-CONT-30",
        variant((g) => (g.promisedLimit.days = 10)),
      ),
    ).toEqual([]);
  });

  it("situations without steps follow the guide's steps; a guide without steps reports each situation", () => {
    expect(paths("G-CONT-09", complete())).toEqual([]);
    const own = variant((g) => (g.situations[0]!.steps = [step("受理并当场办结", "齐全")] as ServiceGuide["steps"]));
    expect(paths("G-CONT-09", own)).toEqual(["situations.0.steps"]);
  });

  it("does not take 代表 or 表示 for a form", () => {
    const guide = variant((g) => {
      g.materials[2]!.name = "法定代表人授权委托书（表明委托事项）";
      g.materials[2]!.type = "other";
    });
    expect(paths("G-CONT-16", guide)).toEqual([]);
    const form = variant((g) => {
      g.materials[2]!.name = "企业基本情况表";
      g.materials[2]!.type = "other";
    });
    expect(paths("G-CONT-16", form)).toEqual(["materials.2.blankFormUrl"]);
    // A certificate named like a table (a financial statement the applicant already has) is not a form to fill.
    const statement = variant((g) => (g.materials[2]!.name = "上年度财务报表"));
    expect(paths("G-CONT-16", statement)).toEqual([]);
  });

  it("G-CONT-08: a process given as a flowchart only is no missing process (the provincial export has no step rows), but is named for a look (G-CONT-35)", () => {
    const flowchartOnly = variant((g) => {
      g.steps = [];
      g.situations = [];
    });
    expect(paths("G-CONT-08", flowchartOnly)).toEqual([]);
    expect(paths("G-CONT-35", flowchartOnly)).toEqual(["steps"]);
    // Steps listed: nothing to look at by hand.
    expect(paths("G-CONT-35", complete())).toEqual([]);
  });

  it("G-CONT-03 flags a material that is itself a catch-all, not catch-all words describing a named document", () => {
    // Seed 000: “材料名称不存在有歧义的描述(如:存在"其他材料"、"相关材料"等兜底性用词)”: the material is unspecified.
    const unspecified = [
      "其他材料",
      "相关材料",
      "材料3：其他相关材料",
      "营业执照及其他相关材料",
      "身份证、户口簿等材料",
      "相关证明材料（如营业执照）",
    ];
    for (const name of unspecified) expect(catchAllPaths(name), name).toEqual(["materials.0.name"]);
    // A named document whose description mentions other materials: the material itself is specified.
    const described = [
      "授权委托书（载明委托他人办理相关材料的权限）",
      "项目申请报告，内容包括项目概况及其他相关材料",
      "申请书（附相关材料清单）",
      "节能报告【含其他有关材料目录】",
      "法定代表人身份证明书载明其他相关材料的提交方式",
    ];
    for (const name of described) expect(catchAllPaths(name), name).toEqual([]);
  });

  it("does not flag ordinary names as catch-all", () => {
    for (const name of ["等级评定证书", "相关方签署的协议书", "其他组织登记证书", "营业执照（副本）"])
      expect(catchAllPaths(name), name).toEqual([]);
  });
});

describe("hasMojibake", () => {
  it("does not trip on real Chinese sentences from the seeds", () => {
    for (const sentence of SEED_SENTENCES) expect(hasMojibake(sentence), sentence).toBe(false);
    for (const text of ["濮阳市濮阳县", "浏览器访问“一网通办”总门户", "温度 25℃，面积 120㎡", "Café — résumé", "王璇、李楠、张瑜"]) {
      expect(hasMojibake(text), text).toBe(false);
    }
  });

  it("finds garbled text", () => {
    for (const text of [
      "锟斤拷",
      "申请表\uFFFD",
      "Ã©Ã¨",
      "钀ヤ笟鎵х収", // 营业执照 read as GBK (no replacement character)
      "寤鸿宸ョ▼瑙勫垝璁稿彲璇佺敵璇疯〃", // 建设工程规划许可证申请表 read as GBK
      "ç\u201d³è¯·è¡¨", // 申请表 read as Windows-1252
      "\u0085",
    ]) {
      expect(hasMojibake(text), text).toBe(true);
    }
  });
});

describe("materialsHalved", () => {
  const withMaterials = (names: string[], optional: string[] = []): ServiceGuide =>
    serviceGuideSchema.parse({
      materials: [...names.map((name) => ({ name, necessity: "required" })), ...optional.map((name) => ({ name, necessity: "optional" }))],
    });

  it("halved when the current count is at most half the baseline's", () => {
    const baseline = serviceGuideSchema.parse({
      materials: ["申请表", "身份证", "户籍证明", "营业执照"].map((name) => ({ name, necessity: "required" })),
      situations: [{ name: "变更", condition: "变更", materials: [{ name: "原许可证", necessity: "required" }, { name: "申请表" }] }],
    });
    expect(materialsHalved(withMaterials(["申请表", "身份证"], ["委托书"]), baseline)).toEqual({ baseline: 5, current: 2, halved: true });
  });

  it("not halved otherwise", () => {
    const baseline = withMaterials(["申请表", "身份证", "户籍证明", "营业执照", "委托书"]);
    expect(materialsHalved(withMaterials(["申请表", "身份证", "户籍证明"]), baseline)).toEqual({ baseline: 5, current: 3, halved: false });
    expect(materialsHalved(baseline, baseline).halved).toBe(false);
  });
});
