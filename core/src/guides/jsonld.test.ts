import { describe, expect, it } from "vitest";
import sample from "./fixtures/provincial-platform-guide.json" with { type: "json" };
import { GOVERNMENT_SERVICE_CONTEXT, toGovernmentService } from "./jsonld.ts";
import { serviceGuideSchema } from "./model.ts";
import { parseProvincialExport } from "./provincial.ts";

const CONTEXT = {
  "@vocab": "https://schema.org/",
  cpsv: "http://purl.org/vocab/cpsv#",
  cv: "http://data.europa.eu/m8g/",
  dct: "http://purl.org/dc/terms/",
};

type Json = Record<string, unknown>;
const list = (doc: Json, key: string) => doc[key] as Json[];

describe("toGovernmentService: the provincial sample", () => {
  const guide = parseProvincialExport(sample, { source: "gx" }).guides[0]!;
  const doc = toGovernmentService(guide, { baseUrl: "https://kaoping.example.gov.cn/guides/" });

  it("is a GovernmentService and a CPSV-AP public service, identified by its implementation code", () => {
    expect(doc).toMatchObject({
      "@context": CONTEXT,
      "@id": "https://kaoping.example.gov.cn/guides/11450721MB155808114000104002000",
      "@type": ["GovernmentService", "cpsv:PublicService"],
      identifier: "11450721MB155808114000104002000",
      "dct:identifier": "11450721MB155808114000104002000",
      name: "固定资产投资项目节能审查",
      serviceType: "行政许可",
      audience: [{ "@type": "Audience", audienceType: "法人" }],
      processingTime: "P5D",
      isAccessibleForFree: true,
    });
    expect(doc.termsOfService).toBe(guide.acceptanceConditions);
    expect(doc).not.toHaveProperty("areaServed");
    expect(doc).not.toHaveProperty("cv:hasCost");
  });

  it("names the implementing body as provider, with its phones", () => {
    expect(doc.provider).toEqual({
      "@type": "GovernmentOrganization",
      name: "灵山县行政审批局",
      identifier: "11450721MB15580811",
      contactPoint: [
        { "@type": "ContactPoint", telephone: "0777—6428820", contactType: "咨询电话" },
        { "@type": "ContactPoint", telephone: "0777—6428880", contactType: "监督投诉电话" },
      ],
    });
  });

  it("has a channel per hall and one for the web site (no mobile link in the sample)", () => {
    expect(doc.availableChannel).toEqual([
      {
        "@type": "ServiceChannel",
        name: "窗口办理",
        serviceLocation: { "@type": "Place", name: "工程建设项目综合窗口", address: guide.locations[0]!.address },
        hoursAvailable: "工作日：上午9:00-12:00、下午14：00-17:00",
        servicePhone: { "@type": "ContactPoint", telephone: "0777-6428820" },
      },
      { "@type": "ServiceChannel", name: "网上办理", serviceUrl: "http://qzls.zwfw.gxzf.gov.cn/" },
    ]);
  });

  it("lists the materials as evidence and the legal bases as legal resources", () => {
    expect(list(doc, "cpsv:hasInput").map((input) => input.name)).toEqual(["申请书", "节能报告"]);
    expect(list(doc, "cpsv:hasInput")[0]).toMatchObject({ "@type": "cv:Evidence" });
    expect(list(doc, "cv:hasLegalResource")).toHaveLength(3);
    expect(list(doc, "cv:hasLegalResource")[0]).toMatchObject({
      "@type": "Legislation",
      name: "《固定资产投资项目节能办法》(2016年国家发改委令第44号)",
      articleSection: "第三条",
    });
    // The second basis names no article: it is left out, not published blank.
    expect(list(doc, "cv:hasLegalResource")[1]).not.toHaveProperty("articleSection");
  });

  it("does not publish attachment ids as form links", () => {
    const names = list(doc, "cpsv:hasInput").flatMap((input) => list(input, "additionalProperty").map((p) => p.name));
    expect(names).not.toContain("空表下载");
    expect(names).not.toContain("样表下载");
  });

  it("gives the limits with their unit, which a duration cannot carry", () => {
    expect(list(doc, "additionalProperty").filter((p) => String(p.name).endsWith("时限"))).toEqual([
      { "@type": "PropertyValue", name: "法定办结时限", value: 20, unitText: "工作日", description: guide.legalLimit.note },
      { "@type": "PropertyValue", name: "承诺办结时限", value: 5, unitText: "工作日", description: "无" },
    ]);
  });

  it("is plain JSON and the same every time", () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    expect(JSON.stringify(toGovernmentService(guide, { baseUrl: "https://kaoping.example.gov.cn/guides/" }))).toBe(JSON.stringify(doc));
  });
});

describe("toGovernmentService: a guide written here", () => {
  it("says only what a near-empty guide states", () => {
    expect(toGovernmentService(serviceGuideSchema.parse({ name: "出生医学证明办理" }), { baseUrl: "https://example.gov.cn" })).toEqual({
      "@context": CONTEXT,
      "@type": ["GovernmentService", "cpsv:PublicService"],
      name: "出生医学证明办理",
    });
  });

  it("maps every part of a small complete guide", () => {
    const guide = serviceGuideSchema.parse({
      name: "食品经营许可证核发",
      itemType: "administrative_license",
      implementationCode: "11450721MB1558081140001040020A0",
      implementingBody: "灵山县市场监督管理局",
      serviceObjects: ["natural_person", "other_organization"],
      caseType: "instant",
      promisedLimit: { days: 0, unit: "working_day", note: "当场办结" },
      acceptanceConditions: " 已取得营业执照。 ",
      situations: [{ name: "新办", materials: [{ name: "场所证明", necessity: "deferrable", copies: 1, media: ["copy"] }] }],
      materials: [
        {
          name: "申请书",
          code: "M-01",
          necessity: "required",
          originals: 1,
          media: ["original", "electronic"],
          issuer: "",
          blankFormUrl: "https://example.gov.cn/blank.docx",
          sampleFormUrl: "attachment:1",
        },
      ],
      locations: [{ address: "灵山县政务服务中心二楼" }],
      legalBases: [{ name: "《食品安全法》", article: "第三十五条", text: "应当依法取得许可。" }],
      charged: true,
      fees: [{ name: "工本费", standard: "10元/本", basis: "桂价费〔2019〕1号" }],
      onlineUrl: "无",
      mobileUrl: "https://m.example.gov.cn/item/1",
    });
    expect(toGovernmentService(guide, { baseUrl: "https://kaoping.example.gov.cn/guides" })).toEqual({
      "@context": CONTEXT,
      "@id": "https://kaoping.example.gov.cn/guides/11450721MB1558081140001040020A0",
      "@type": ["GovernmentService", "cpsv:PublicService"],
      identifier: "11450721MB1558081140001040020A0",
      "dct:identifier": "11450721MB1558081140001040020A0",
      name: "食品经营许可证核发",
      serviceType: "行政许可",
      provider: { "@type": "GovernmentOrganization", name: "灵山县市场监督管理局" },
      audience: [
        { "@type": "Audience", audienceType: "自然人" },
        { "@type": "Audience", audienceType: "其他组织" },
      ],
      availableChannel: [
        { "@type": "ServiceChannel", name: "窗口办理", serviceLocation: { "@type": "Place", address: "灵山县政务服务中心二楼" } },
        { "@type": "ServiceChannel", name: "移动端办理", serviceUrl: "https://m.example.gov.cn/item/1" },
      ],
      processingTime: "P0D",
      termsOfService: "已取得营业执照。",
      isAccessibleForFree: false,
      "cpsv:hasInput": [
        {
          "@type": "cv:Evidence",
          name: "申请书",
          "dct:identifier": "M-01",
          additionalProperty: [
            { "@type": "PropertyValue", name: "必要性", value: "必要" },
            { "@type": "PropertyValue", name: "介质", value: ["原件", "电子版"] },
            { "@type": "PropertyValue", name: "原件份数", value: 1 },
            { "@type": "PropertyValue", name: "空表下载", value: "https://example.gov.cn/blank.docx" },
          ],
        },
        {
          "@type": "cv:Evidence",
          name: "场所证明",
          additionalProperty: [
            { "@type": "PropertyValue", name: "办理情形", value: "新办" },
            { "@type": "PropertyValue", name: "必要性", value: "容缺后补" },
            { "@type": "PropertyValue", name: "介质", value: ["复印件"] },
            { "@type": "PropertyValue", name: "复印件份数", value: 1 },
          ],
        },
      ],
      "cv:hasLegalResource": [{ "@type": "Legislation", name: "《食品安全法》", articleSection: "第三十五条", text: "应当依法取得许可。" }],
      "cv:hasCost": [
        {
          "@type": "cv:Cost",
          name: "工本费",
          description: "10元/本",
          additionalProperty: [{ "@type": "PropertyValue", name: "收费依据", value: "桂价费〔2019〕1号" }],
        },
      ],
      additionalProperty: [
        { "@type": "PropertyValue", name: "办件类型", value: "即办件" },
        { "@type": "PropertyValue", name: "承诺办结时限", value: 0, unitText: "工作日", description: "当场办结" },
      ],
    });
  });

  it("gives no processing time when the promised limit states no days", () => {
    const doc = toGovernmentService(serviceGuideSchema.parse({ name: "x", promisedLimit: { days: null, unit: "working_day" } }));
    expect(doc).not.toHaveProperty("processingTime");
    expect(doc).not.toHaveProperty("additionalProperty");
  });

  it("returns its own context: changing one document leaves the next intact", () => {
    const doc = toGovernmentService(serviceGuideSchema.parse({ name: "x" }));
    (doc["@context"] as Json).extra = "changed";
    expect(GOVERNMENT_SERVICE_CONTEXT).toEqual(CONTEXT);
    expect(toGovernmentService(serviceGuideSchema.parse({ name: "x" }))["@context"]).toEqual(CONTEXT);
  });
});
