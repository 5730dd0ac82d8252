import type { CampaignAbilities, FindingView } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { findingActions } from "./finding-actions.ts";

const none: CampaignAbilities = { manage: false, review: false, submit: false, confirm: false, appeal: false, allUnits: false };
const reviewer = { status: "reviewing" as const, can: { ...none, review: true, allUnits: true } };
const unit = { status: "appeal" as const, can: { ...none, appeal: true } };
const finding = (patch: Partial<FindingView>) => ({ status: "confirmed", appealStatus: null, ...patch }) as FindingView;

describe("finding actions", () => {
  it("lets reviewers confirm and edit drafts, withdraw and add evidence to open findings", () => {
    expect(findingActions(reviewer, finding({ status: "draft" }))).toEqual(["confirm", "edit", "withdraw", "evidence"]);
    expect(findingActions(reviewer, finding({}))).toEqual(["withdraw", "evidence"]);
    expect(findingActions(reviewer, finding({ status: "withdrawn" }))).toEqual([]);
  });

  it("lets a unit appeal a confirmed finding during the appeal phase, once at a time", () => {
    expect(findingActions(unit, finding({}))).toEqual(["appeal"]);
    expect(findingActions(unit, finding({ appealStatus: "pending" }))).toEqual([]);
    expect(findingActions(unit, finding({ status: "overturned" }))).toEqual([]);
    expect(findingActions({ ...unit, status: "reviewing" }, finding({}))).toEqual([]);
    expect(findingActions({ ...unit, can: none }, finding({}))).toEqual([]);
  });
});
