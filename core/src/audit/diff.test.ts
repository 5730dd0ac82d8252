import { describe, expect, it } from "vitest";
import { auditFieldLabel, diffAudit } from "./diff.ts";

describe("diffAudit", () => {
  it("lists changed fields first, flattening nested objects", () => {
    const lines = diffAudit(
      { name: "甲区", meta: { level: 1 }, kind: "district" },
      { name: "甲区人民政府", meta: { level: 2 }, kind: "district" },
    );
    expect(lines).toEqual([
      { field: "name", label: "名称", before: "甲区", after: "甲区人民政府", isChanged: true },
      { field: "meta.level", label: "meta · level", before: "1", after: "2", isChanged: true },
      { field: "kind", label: "类型", before: "district", after: "district", isChanged: false },
    ]);
  });

  it("shows a creation as fields with empty before", () => {
    expect(diffAudit(null, { code: "A", members: ["X", "Y"] })).toEqual([
      { field: "code", label: "编码", before: "", after: "A", isChanged: true },
      { field: "members", label: "成员单位", before: "", after: '["X","Y"]', isChanged: true },
    ]);
  });

  it("names nested fields part by part, in Chinese", () => {
    expect(auditFieldLabel("phases.reportingCloses")).toBe("考核阶段 · 填报截止");
    expect(auditFieldLabel("noticeNo")).toBe("通报文号");
  });

  it("names status values in Chinese when told the object type", () => {
    expect(diffAudit({ status: "draft" }, { status: "confirmed" }, { statusOf: "finding" })[0]).toMatchObject({
      before: "草稿",
      after: "已确认",
    });
    expect(diffAudit({ status: "draft" }, { status: "confirmed" })[0]).toMatchObject({ before: "draft", after: "confirmed" });
  });
});
