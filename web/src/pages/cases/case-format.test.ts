import type { CaseMetricValue } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { chartValue, formatMetric, formatNumber, isAlarming, METRIC_KEYS, METRIC_KIND, metricTooltip, metricUnit } from "./case-format.ts";

const t = (key: string, values?: Record<string, unknown>) => (values ? `${key}${JSON.stringify(values)}` : key);

describe("formatMetric", () => {
  it("shows shares as percent with one decimal", () => {
    expect(formatMetric({ key: "online_rate", value: 0.8125 }, t)).toBe("81.3%");
    expect(formatMetric({ key: "limit_compression", value: 0.5 }, t)).toBe("50.0%");
    expect(formatMetric({ key: "elapsed_to_promised", value: 0.42 }, t)).toBe("42.0%");
  });

  it("shows the average duration in working days and visits as an average", () => {
    expect(formatMetric({ key: "avg_elapsed_days", value: 4.254 }, t)).toBe('cases.unitDays{"value":"4.25"}');
    expect(formatMetric({ key: "avg_visits", value: 0.4 }, t)).toBe('cases.unitTimes{"value":"0.40"}');
  });

  it("shows counts with thousands separators", () => {
    expect(formatMetric({ key: "accepted", value: 1234567 }, t)).toBe('cases.unitCases{"value":"1,234,567"}');
  });

  it("shows a dash when there is nothing to divide by", () => {
    expect(formatMetric({ key: "on_time_rate", value: null }, t)).toBe("—");
  });
});

describe("metricTooltip", () => {
  it("names numerator and denominator of a ratio", () => {
    const metric: CaseMetricValue = { key: "online_rate", value: 0.812, numerator: 812, denominator: 1000 };
    expect(metricTooltip(metric, t)).toBe(
      'cases.ratioOf{"numeratorLabel":"cases.metricParts.online_rate.numerator",' +
        '"denominatorLabel":"cases.metricParts.online_rate.denominator","numerator":"812","denominator":"1,000"}',
    );
  });

  it("explains an empty ratio by its missing denominator", () => {
    const metric: CaseMetricValue = { key: "on_time_rate", value: null, numerator: 0, denominator: 0 };
    expect(metricTooltip(metric, t)).toBe('cases.noDenominator{"denominatorLabel":"cases.metricParts.on_time_rate.denominator"}');
  });

  it("gives a count its context", () => {
    const metric: CaseMetricValue = { key: "overdue_completed", value: 12, numerator: 12, denominator: 980 };
    expect(metricTooltip(metric, t)).toContain("cases.countOf");
    expect(metricTooltip(metric, t)).toContain('"denominator":"980"');
  });
});

describe("chartValue and units", () => {
  it("plots percent points, rounded days and raw counts", () => {
    expect(chartValue("online_rate", 0.81234)).toBe(81.2);
    expect(chartValue("avg_elapsed_days", 1.23456)).toBe(1.23);
    expect(chartValue("overdue_open", 7)).toBe(7);
    expect(chartValue("reuse_rate", null)).toBeNull();
  });

  it("names the axis unit", () => {
    expect(metricUnit("zero_visit_rate", t)).toBe("%");
    expect(metricUnit("avg_elapsed_days", t)).toBe("cases.axisUnit.days");
  });

  it("knows how to show every metric of the contract", () => {
    for (const key of METRIC_KEYS) expect(METRIC_KIND[key]).toBeDefined();
  });

  it("flags overdue counts only when above zero", () => {
    expect(isAlarming({ key: "overdue_open", value: 3 })).toBe(true);
    expect(isAlarming({ key: "overdue_open", value: 0 })).toBe(false);
    expect(isAlarming({ key: "online_rate", value: 0.9 })).toBe(false);
  });

  it("formats numbers with separators and limited decimals", () => {
    expect(formatNumber(12345.678, 2)).toBe("12,345.68");
    expect(formatNumber(3)).toBe("3");
  });
});
