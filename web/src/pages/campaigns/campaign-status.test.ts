import { CAMPAIGN_STATUSES, type CampaignStatus, type CampaignUnitView, canTransition } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import {
  campaignActions,
  isReportEditable,
  isReportingPhase,
  isReturnable,
  ownUnitActions,
  shortSeal,
  statusStep,
} from "./campaign-status.ts";

describe("campaign status helpers", () => {
  it("places each status on the Steps bar in lifecycle order", () => {
    expect(CAMPAIGN_STATUSES.map(statusStep)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("offers only moves the core lifecycle allows, with a reason where the server requires one", () => {
    for (const status of CAMPAIGN_STATUSES) {
      for (const action of campaignActions(status)) {
        expect(canTransition(status, action.to ?? "published")).toBe(true);
      }
    }
    expect(campaignActions("reviewing").map((a) => [a.key, a.needsReason])).toEqual([
      ["appeal", false],
      ["reopen", true],
    ]);
    expect(campaignActions("appeal")).toEqual([{ key: "publish", needsReason: false, isPrimary: true }]);
    expect(campaignActions("published").find((a) => a.key === "republish")?.needsReason).toBe(true);
    expect(campaignActions("archived")).toEqual([]);
  });

  it("lets reports be edited while reporting, or in review only when returned for correction", () => {
    expect(isReportEditable("reporting", { status: "open", returnReason: null })).toBe(true);
    expect(isReportEditable("reporting", { status: "returned", returnReason: "补材料" })).toBe(true);
    expect(isReportEditable("reporting", { status: "submitted", returnReason: null })).toBe(false);
    expect(isReportEditable("reporting", { status: "confirmed", returnReason: null })).toBe(false);
    expect(isReportEditable("reviewing", { status: "open", returnReason: null })).toBe(false);
    expect(isReportEditable("reviewing", { status: "returned", returnReason: "补材料" })).toBe(true);
    expect(isReportEditable("draft", { status: "open", returnReason: null })).toBe(false);
    expect(isReportingPhase("reviewing", { returnReason: "补材料" })).toBe(true);
    expect(isReportingPhase("appeal", { returnReason: "补材料" })).toBe(false);
  });

  it("returns only handed-in submissions, while reports are collected or reviewed", () => {
    expect(isReturnable("reporting", "submitted")).toBe(true);
    expect(isReturnable("reviewing", "confirmed")).toBe(true);
    expect(isReturnable("reporting", "open")).toBe(false);
    expect(isReturnable("appeal", "confirmed")).toBe(false);
  });

  it("shortens a seal", () => {
    const seal = "3f2a9c1e00000000000000000000000000000000000000000000000000b71d04aa";
    expect(shortSeal(seal)).toBe("3f2a9c1e…b71d04aa");
    expect(shortSeal("abc")).toBe("abc");
  });
});

describe("the unit user's buttons follow the phase", () => {
  const unit = (patch: Partial<CampaignUnitView> = {}) =>
    ({ unitId: "u1", submissionStatus: "open", canAppeal: false, ...patch }) as CampaignUnitView;
  const main = (status: CampaignStatus, patch?: Partial<CampaignUnitView>) => {
    const actions = ownUnitActions({ id: "c1", status }, unit(patch));
    return actions.filter((a) => a.isPrimary).map((a) => [a.key, a.path]);
  };

  it("填报 while reporting, and while a returned report is corrected during review", () => {
    expect(main("reporting")).toEqual([["fill", "/assess/campaigns/c1/units/u1"]]);
    expect(main("reviewing", { submissionStatus: "returned" })).toEqual([["fill", "/assess/campaigns/c1/units/u1"]]);
    expect(main("reviewing", { submissionStatus: "confirmed" })).toEqual([["view", "/assess/campaigns/c1/units/u1"]]);
  });

  it("申诉 only while the server says the unit can appeal, else its reports", () => {
    expect(main("appeal", { canAppeal: true })).toEqual([["appeal", "/assess/campaigns/c1?tab=findings"]]);
    expect(main("appeal", { canAppeal: false })).toEqual([["view", "/assess/campaigns/c1/units/u1"]]);
  });

  it("查看结果 once published or archived, the reports still one click away", () => {
    expect(ownUnitActions({ id: "c1", status: "published" }, unit()).map((a) => [a.key, a.isPrimary])).toEqual([
      ["results", true],
      ["view", false],
    ]);
    expect(main("archived")).toEqual([["results", "/assess/campaigns/c1?tab=scores"]]);
    expect(ownUnitActions({ id: "c1", status: "draft" }, unit())).toEqual([]);
  });
});
