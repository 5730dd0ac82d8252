import { describe, expect, it } from "vitest";
import { diffAudit } from "./audit-diff.ts";

describe("diffAudit", () => {
  it("lists changed fields first, flattening nested objects", () => {
    const lines = diffAudit(
      { name: "甲区", meta: { level: 1 }, kind: "district" },
      { name: "甲区人民政府", meta: { level: 2 }, kind: "district" },
    );
    expect(lines).toEqual([
      { field: "name", before: "甲区", after: "甲区人民政府", isChanged: true },
      { field: "meta.level", before: "1", after: "2", isChanged: true },
      { field: "kind", before: "district", after: "district", isChanged: false },
    ]);
  });

  it("shows a creation as fields with empty before", () => {
    expect(diffAudit(null, { code: "A", members: ["X", "Y"] })).toEqual([
      { field: "code", before: "", after: "A", isChanged: true },
      { field: "members", before: "", after: '["X","Y"]', isChanged: true },
    ]);
  });
});
