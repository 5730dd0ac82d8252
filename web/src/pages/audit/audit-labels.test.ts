import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, AUDIT_FIELD_LABELS, diffAudit } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { auditLabels } from "./audit-labels.ts";

describe("auditLabels", () => {
  it("titles actions in Chinese by default and in English when asked, an unknown one by its code", () => {
    expect(auditLabels("zh-CN").action("finding.confirm")).toBe("确认扣分事项");
    expect(auditLabels("en-US").action("finding.confirm")).toBe("Confirm finding");
    expect(auditLabels("zh-CN").action("legacy.thing")).toBe("legacy.thing");
  });

  it("has an English twin for every action, object and field label", () => {
    const en = auditLabels("en-US");
    for (const code of Object.keys(AUDIT_ACTION_LABELS)) expect(en.action(code)).not.toBe(code);
    for (const type of Object.keys(AUDIT_ENTITY_LABELS)) expect(en.entity(type)).not.toBe(type);
    expect(Object.keys(en.fields).sort()).toEqual(Object.keys(AUDIT_FIELD_LABELS).sort());
  });

  it("names the diff's fields in the UI language", () => {
    const [line] = diffAudit({ noticeNo: "A" }, { noticeNo: "B" }, { fields: auditLabels("en-US").fields });
    expect(line!.label).toBe("Notice no.");
    expect(diffAudit({ noticeNo: "A" }, { noticeNo: "B" }, { fields: auditLabels("zh-CN").fields })[0]!.label).toBe("通报文号");
  });
});
