import { describe, expect, it } from "vitest";
import { checkGuide, GUIDE_CHECKS, guideCheck } from "./checker.ts";
import { GUIDE_ELEMENTS } from "./elements.ts";
import sample from "./fixtures/provincial-platform-guide.json" with { type: "json" };
import { type GuideLink, guideLinks, LINK_REACHABILITY_CHECK, type LinkResult, linkFindings, withLinkFindings } from "./links.ts";
import { serviceGuideSchema } from "./model.ts";
import { parseProvincialExport } from "./provincial.ts";

const guide = serviceGuideSchema.parse({
  name: "甲",
  flowchartUrl: "attachment:9f2",
  onlineUrl: "  https://zwfw.example.gov.cn/item/1  ",
  mobileUrl: "无",
  materials: [
    { name: "申请表", blankFormUrl: "http://files.example/blank.docx", sampleFormUrl: "http://files.example/blank.docx" },
    { name: "营业执照", blankFormUrl: "ftp://files.example/x", sampleFormUrl: null },
  ],
  situations: [
    { name: "变更", materials: [{ name: "变更申请表", blankFormUrl: "https://files.example/change.docx", sampleFormUrl: "" }] },
    { name: "注销", materials: [] },
  ],
});

const result = (url: string, rest: Omit<LinkResult, "url" | "ms"> & { ms?: number }): LinkResult => ({ url, ms: 12, ...rest });

describe("guideLinks", () => {
  it("lists every http(s) URL with its path and element; attachments and other text are left out, duplicates kept", () => {
    expect(guideLinks(guide)).toEqual([
      { path: "onlineUrl", url: "https://zwfw.example.gov.cn/item/1", element: "links" },
      { path: "materials.0.blankFormUrl", url: "http://files.example/blank.docx", element: "formLinks" },
      { path: "materials.0.sampleFormUrl", url: "http://files.example/blank.docx", element: "formLinks" },
      { path: "situations.0.materials.0.blankFormUrl", url: "https://files.example/change.docx", element: "formLinks" },
    ]);
  });

  it("gives the flowchart and mobile links their elements", () => {
    const links = guideLinks(serviceGuideSchema.parse({ flowchartUrl: "https://a.example/f.png", mobileUrl: "https://m.example/" }));
    expect(links.map((l) => [l.path, l.element])).toEqual([
      ["flowchartUrl", "flowchart"],
      ["mobileUrl", "links"],
    ]);
  });

  it("finds only the online link in the provincial sample: its forms and flowchart are attachments", () => {
    expect(guideLinks(parseProvincialExport(sample).guides[0]!)).toEqual([
      { path: "onlineUrl", url: "http://qzls.zwfw.gxzf.gov.cn/", element: "links" },
    ]);
  });
});

describe("linkFindings", () => {
  const links: GuideLink[] = guideLinks(guide);

  it("turns each dead link into a G-LINK-01 error on its element, with why in words", () => {
    const results = new Map<string, LinkResult>([
      ["https://zwfw.example.gov.cn/item/1", result("https://zwfw.example.gov.cn/item/1", { ok: false, status: 404, reason: "http" })],
      ["http://files.example/blank.docx", result("http://files.example/blank.docx", { ok: false, reason: "timeout", ms: 5003 })],
      [
        "https://files.example/change.docx",
        result("https://files.example/change.docx", { ok: false, reason: "network", detail: "ECONNREFUSED" }),
      ],
    ]);
    expect(linkFindings(links, results)).toEqual([
      { checkId: "G-LINK-01", element: "links", severity: "error", path: "onlineUrl", detail: "HTTP 404" },
      { checkId: "G-LINK-01", element: "formLinks", severity: "error", path: "materials.0.blankFormUrl", detail: "超时（5 秒）" },
      { checkId: "G-LINK-01", element: "formLinks", severity: "error", path: "materials.0.sampleFormUrl", detail: "超时（5 秒）" },
      {
        checkId: "G-LINK-01",
        element: "formLinks",
        severity: "error",
        path: "situations.0.materials.0.blankFormUrl",
        detail: "连接失败：ECONNREFUSED",
      },
    ]);
  });

  it("reports nothing for links that open or were not checked; takes a list of results as well as a map", () => {
    const results = [
      result("https://zwfw.example.gov.cn/item/1", { ok: true, status: 200 }),
      result("http://files.example/blank.docx", { ok: true, status: 302 }),
    ];
    expect(linkFindings(links, results)).toEqual([]);
    expect(linkFindings(links, [result("http://files.example/blank.docx", { ok: false, reason: "timeout", ms: 203 })])).toEqual([
      expect.objectContaining({ path: "materials.0.blankFormUrl", detail: "超时（0.2 秒）" }),
      expect.objectContaining({ path: "materials.0.sampleFormUrl", detail: "超时（0.2 秒）" }),
    ]);
  });

  it("marks the elements of dead links failing when added to a checker result", () => {
    const checked = checkGuide(guide);
    const findings = linkFindings(links, [result("https://zwfw.example.gov.cn/item/1", { ok: false, status: 500, reason: "http" })]);
    const merged = withLinkFindings(checked, findings);
    expect(merged.findings.slice(checked.findings.length)).toEqual(findings);
    expect(merged.elements).toEqual({ ...checked.elements, links: false });
    expect(withLinkFindings(checked, [])).toBe(checked);
  });
});

describe("LINK_REACHABILITY_CHECK", () => {
  it("carries what a report shows, finds nothing without the network and is not one of the pure checks", () => {
    expect(LINK_REACHABILITY_CHECK).toMatchObject({ id: "G-LINK-01", element: "links", severity: "error" });
    expect(GUIDE_ELEMENTS[LINK_REACHABILITY_CHECK.element]).toBeDefined();
    expect(LINK_REACHABILITY_CHECK.seed).toMatch(/^000: /);
    expect(LINK_REACHABILITY_CHECK.message.zh && LINK_REACHABILITY_CHECK.message.en).toBeTruthy();
    expect(LINK_REACHABILITY_CHECK.fix.zh && LINK_REACHABILITY_CHECK.fix.en).toBeTruthy();
    expect(LINK_REACHABILITY_CHECK.run(guide)).toEqual([]);
    expect(GUIDE_CHECKS).not.toContain(LINK_REACHABILITY_CHECK);
    expect(guideCheck("G-LINK-01")).toBeUndefined();
  });
});
