import type { IngestJobView } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import {
  bytesPercent,
  etaText,
  hasQuarantine,
  isActiveJob,
  jobErrorText,
  progressStatus,
  rateText,
  rowsText,
  sourceChoices,
} from "./ingest-progress.ts";

const t = (key: string, values?: Record<string, unknown>) => (values ? `${key}${JSON.stringify(values)}` : key);

const job = (over: Partial<IngestJobView>): IngestJobView => ({
  id: "j",
  kind: "cases",
  sourceCode: "default",
  fileName: "cases.csv",
  status: "running",
  bytesTotal: 1000,
  bytesRead: 250,
  rowsRead: 1000,
  rowsAccepted: 950,
  rowsQuarantined: 50,
  rate: 12345.6,
  secondsLeft: 200,
  error: null,
  createdBy: null,
  createdAt: "2026-01-01T00:00:00Z",
  startedAt: "2026-01-01T00:00:01Z",
  finishedAt: null,
  ...over,
});

describe("progress", () => {
  it("polls while queued or running only", () => {
    expect(isActiveJob(job({ status: "queued" }))).toBe(true);
    expect(isActiveJob(job({ status: "running" }))).toBe(true);
    expect(isActiveJob(job({ status: "succeeded" }))).toBe(false);
    expect(isActiveJob(job({ status: "cancelled" }))).toBe(false);
  });

  it("shows bytes read as a percentage, 100 when done, 0 for an unknown size", () => {
    expect(bytesPercent(job({}))).toBe(25);
    expect(bytesPercent(job({ bytesRead: 999 }))).toBe(99);
    expect(bytesPercent(job({ status: "succeeded", bytesRead: 990 }))).toBe(100);
    expect(bytesPercent(job({ bytesTotal: 0 }))).toBe(0);
  });

  it("maps statuses to the bar's states", () => {
    expect(progressStatus("running")).toBe("active");
    expect(progressStatus("succeeded")).toBe("success");
    expect(progressStatus("failed")).toBe("exception");
    expect(progressStatus("cancelled")).toBe("normal");
  });

  it("writes rates and row counts", () => {
    expect(rateText(12345.6, t)).toBe('cases.import.rate{"rate":"12,346"}');
    expect(rateText(null, t)).toBe("—");
    expect(rowsText(job({ rowsRead: 12000 }))).toBe("12,000 / 950 / 50");
  });
});

describe("etaText", () => {
  it("says seconds, minutes and seconds, or hours and minutes", () => {
    expect(etaText(job({ secondsLeft: 44.2 }), t)).toBe('cases.import.etaSeconds{"s":45}');
    expect(etaText(job({ secondsLeft: 200 }), t)).toBe('cases.import.etaMinutes{"m":3,"s":20}');
    expect(etaText(job({ secondsLeft: 3900 }), t)).toBe('cases.import.etaHours{"h":1,"m":5}');
  });

  it("estimates until the rate is known, waits while queued, and has no time left once finished", () => {
    expect(etaText(job({ secondsLeft: null }), t)).toBe("cases.import.estimating");
    expect(etaText(job({ status: "queued" }), t)).toBe("cases.import.waiting");
    expect(etaText(job({ status: "succeeded", secondsLeft: 0 }), t)).toBe("—");
  });
});

describe("jobErrorText", () => {
  it("names line and column of a refused file", () => {
    expect(jobErrorText({ message: "缺少必填列", line: 1, column: "办件编号" }, t)).toBe(
      '缺少必填列（cases.import.atLine{"line":1}，cases.import.atColumn{"column":"办件编号"}）',
    );
    expect(jobErrorText({ message: "不是 CSV 文件" }, t)).toBe("不是 CSV 文件");
    // A reason that names the column already is not told it twice.
    expect(jobErrorText({ message: "缺少必需的列：受理部门编码", line: 1, column: "受理部门编码" }, t)).toBe(
      '缺少必需的列：受理部门编码（cases.import.atLine{"line":1}）',
    );
    expect(jobErrorText(null, t)).toBeNull();
  });
});

describe("hasQuarantine", () => {
  it("offers the quarantine only for a job that quarantined rows, failed or not", () => {
    expect(hasQuarantine({ rowsQuarantined: 0 })).toBe(false);
    expect(hasQuarantine({ rowsQuarantined: 3 })).toBe(true);
  });
});

describe("sourceChoices", () => {
  it("lists the registered sources by name and code and starts on the default", () => {
    const { options, initial } = sourceChoices([
      { code: "default", name: "默认导入模板", isDefault: true },
      { code: "hall-b", name: "政务大厅B系统", isDefault: false },
    ]);
    expect(options).toEqual([
      { value: "default", label: "默认导入模板（default）" },
      { value: "hall-b", label: "政务大厅B系统（hall-b）" },
    ]);
    expect(initial).toBe("default");
    expect(sourceChoices([]).initial).toBe("default");
  });
});
