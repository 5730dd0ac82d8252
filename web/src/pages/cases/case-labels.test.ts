import { APPLICANT_TYPE, CASE_CHANNEL, CASE_EVENT_KIND, CASE_RESULT, CASE_TYPE, LIMIT_UNIT, QUALITY_ISSUE } from "@kaoping/core";
import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import {
  applicantTypeLabel,
  caseTypeLabel,
  channelLabel,
  eventLabel,
  limitText,
  limitUnitLabel,
  listPeriod,
  qualityLabel,
  resultLabel,
} from "./case-labels.ts";

/** Every code a case's detail carries, with the label function the drawer shows it through. */
const CODED_FIELDS = [
  ["applicantType", APPLICANT_TYPE, applicantTypeLabel],
  ["channel", CASE_CHANNEL, channelLabel],
  ["caseType", CASE_TYPE, caseTypeLabel],
  ["result", CASE_RESULT, resultLabel],
  ["limit units", LIMIT_UNIT, limitUnitLabel],
  ["quality", QUALITY_ISSUE, qualityLabel],
  ["events", CASE_EVENT_KIND, eventLabel],
] as const;

describe("case labels", () => {
  it("names the applicant's type in Chinese: 法人, not legal_person", () => {
    expect(applicantTypeLabel("legal_person")).toBe("法人");
    expect(applicantTypeLabel("natural_person")).toBe("自然人");
    expect(applicantTypeLabel(null)).toBe("—");
  });

  it("labels every code of every coded field in Chinese", () => {
    for (const [field, list, label] of CODED_FIELDS) {
      for (const code of list.values) {
        const text = label(code);
        expect(text, `${field} ${code}`).not.toBe(code);
        expect(text, `${field} ${code}`).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(limitText(5, "working_day")).toBe("5 工作日");
  });
});

describe("listPeriod", () => {
  const today = dayjs("2026-05-20");
  it("is the last twelve months to today when no range is picked, and says so", () => {
    expect(listPeriod({}, today)).toEqual({ from: "2025-06-01", to: "2026-05-20", isDefault: true });
  });
  it("is the picked range, else a link's period", () => {
    expect(listPeriod({ range: [dayjs("2026-01-01"), dayjs("2026-01-31")] }, today)).toEqual({
      from: "2026-01-01",
      to: "2026-01-31",
      isDefault: false,
    });
    expect(listPeriod({ from: "2025-03-01", to: "2025-03-31" }, today)).toEqual({ from: "2025-03-01", to: "2025-03-31", isDefault: false });
  });
});
