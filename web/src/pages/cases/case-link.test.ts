import { caseFactLink } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { caseLinkOf, ratingSlipKeyOf, ratingSlipPath } from "./case-link.ts";

const of = (query: string) => caseLinkOf(new URLSearchParams(query));

describe("caseLinkOf", () => {
  it("reads a case fact's link from a score trace (the unit, the campaign's period, the metric)", () => {
    const link = caseFactLink("case.on_time_rate", { unitId: "u-1", from: "2024-01-01", to: "2024-12-31" })!;
    expect(link.startsWith("/cases/list?")).toBe(true);
    expect(caseLinkOf(new URL(link, "http://x").searchParams)).toEqual({
      unitId: "u-1",
      from: "2024-01-01",
      to: "2024-12-31",
      metric: "on_time_rate",
    });
  });

  it("keeps the period without a unit, and drops a metric that is not one", () => {
    expect(of("from=2024-01-01&to=2024-03-31&metric=nope")).toEqual({ from: "2024-01-01", to: "2024-03-31" });
  });

  it("is null without a valid period", () => {
    expect(of("")).toBeNull();
    expect(of("unitId=u-1&metric=on_time_rate")).toBeNull();
    expect(of("from=2024-01-01")).toBeNull();
    expect(of("from=2024-13&to=2024-12-31")).toBeNull();
    expect(of("from=2024-12-31&to=2024-01-01")).toBeNull();
  });
});

describe("ratingSlipPath", () => {
  it("carries a case's key through the address, whatever its number holds", () => {
    const key = { regionCode: "330105", sourceCode: "default", caseNo: "330105-2024/001 号&x=1" };
    const path = ratingSlipPath(key);
    expect(path.startsWith("/cases/rating-slip?")).toBe(true);
    expect(ratingSlipKeyOf(new URL(path, "http://x").searchParams)).toEqual(key);
  });

  it("names no case when a part of the key is missing", () => {
    expect(ratingSlipKeyOf(new URLSearchParams("regionCode=330105&caseNo=1"))).toBeNull();
  });
});
