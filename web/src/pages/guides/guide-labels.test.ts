import { GUIDE_ELEMENTS, ITEM_TYPE_LABELS } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { comparePair, diffValueText } from "./guide-diff.ts";
import { accuracyColor, accuracyText, elementGroup, elementLabel, elementOptions, isClosedByHandDefect, labelOf } from "./guide-labels.ts";
import { exportUrl, importForm } from "./guides-api.ts";

describe("guide labels", () => {
  it("shows Chinese labels, an unknown code as is, nothing as an em dash", () => {
    expect(labelOf(ITEM_TYPE_LABELS, "administrative_license")).toBe("行政许可");
    expect(labelOf(ITEM_TYPE_LABELS, "XK99")).toBe("XK99");
    expect(labelOf(ITEM_TYPE_LABELS, null)).toBe("—");
    expect(elementLabel("phoneAccuracy")).toBe("电话准确性");
    expect(elementGroup("blankForm")).toBe("表格及样表下载");
    expect(elementOptions).toHaveLength(Object.keys(GUIDE_ELEMENTS).length);
    expect(elementOptions.find((o) => o.value === "legalBasis")?.label).toBe("基本信息 · 设定依据");
  });

  it("formats accuracy with one decimal and colours it", () => {
    expect(accuracyText(91.4)).toBe("91.4%");
    expect(accuracyText(100)).toBe("100.0%");
    expect(accuracyText(null)).toBe("—");
    expect([accuracyColor(96), accuracyColor(91.4), accuracyColor(60)]).toEqual(["success", "warning", "error"]);
  });

  it("lets only defects from public reports and dead links be closed by hand", () => {
    expect(isClosedByHandDefect({ checkId: "G-PUBLIC-01" })).toBe(true);
    expect(isClosedByHandDefect({ checkId: "G-LINK-01" })).toBe(true);
    expect(isClosedByHandDefect({ checkId: "G-BASIC-27" })).toBe(false);
  });
});

describe("export and import requests", () => {
  it("exports the list's filters without its paging", () => {
    expect(exportUrl("xlsx", { unitId: "u1", severity: "error", q: "节能", page: 3, pageSize: 20 } as never)).toBe(
      "/api/guides/export?unitId=u1&severity=error&q=%E8%8A%82%E8%83%BD&format=xlsx",
    );
    expect(exportUrl("jsonld", {})).toBe("/api/guides/export?format=jsonld");
  });

  it("sends the fields before the file and leaves out an unchosen unit", () => {
    const file = new File(["{}"], "gx.json");
    const form = importForm(file, { format: "provincial", channel: "offline", source: " ", unitId: null });
    expect([...form.keys()]).toEqual(["format", "channel", "source", "file"]);
    expect(form.get("source")).toBe("gx");
    expect([...importForm(file, { format: "auto", channel: "online", source: "gx", unitId: "u1" }).keys()]).toContain("unitId");
  });
});

describe("version comparison", () => {
  const v = (id: string, version: number, createdAt: string) => ({ id, version, createdAt });

  it("compares the older chosen version to the newer one", () => {
    const pair = comparePair([v("b", 2, "2026-02-01T00:00:00Z"), v("a", 1, "2026-01-01T00:00:00Z")]);
    expect([pair?.from.id, pair?.to.id]).toEqual(["a", "b"]);
    expect(comparePair([v("a", 1, "2026-01-01T00:00:00Z")])).toBeNull();
  });

  it("shows a difference's values on one line", () => {
    expect(diffValueText(null)).toBe("—");
    expect(diffValueText("第十五条")).toBe("第十五条");
    expect(diffValueText(3)).toBe("3");
    expect(diffValueText(["原件", "复印件"])).toBe("原件、复印件");
    // Parts by their names, not as JSON keys; an uploaded file named, not by its id.
    expect(diffValueText({ days: 20, unit: null, note: "" })).toBe("天数：20");
    expect(diffValueText({ address: "长宁路599号", phone: "021-22050000" })).toBe("地址：长宁路599号；电话：021-22050000");
    expect(diffValueText("attachment:5fba5b12-72de-46d0-9824-92bd6453209d")).toBe("已上传附件（平台内文件）");
  });
});
