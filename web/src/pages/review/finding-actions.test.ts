import type { CampaignAbilities, FindingView } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { findingActions } from "./finding-actions.ts";

const none: CampaignAbilities = { manage: false, review: false, submit: false, confirm: false, appeal: false, allUnits: false };
const reviewer = { status: "reviewing" as const, can: { ...none, review: true, allUnits: true } };
const unit = { status: "appeal" as const, can: { ...none, appeal: true } };
const finding = (patch: Partial<FindingView>) => ({ status: "confirmed", appealStatus: null, canAppeal: false, ...patch }) as FindingView;

describe("finding actions", () => {
  it("lets reviewers confirm and edit drafts, withdraw and add evidence to open findings", () => {
    expect(findingActions(reviewer, finding({ status: "draft" }))).toEqual(["confirm", "edit", "withdraw", "evidence"]);
    expect(findingActions(reviewer, finding({}))).toEqual(["withdraw", "evidence"]);
    expect(findingActions(reviewer, finding({ status: "withdrawn" }))).toEqual([]);
  });

  it("offers 申诉 exactly when the server says the caller may appeal", () => {
    expect(findingActions(unit, finding({ canAppeal: true }))).toEqual(["appeal"]);
    // A confirmed finding in the appeal phase, but the window has not opened (or an appeal is pending): no button.
    expect(findingActions(unit, finding({}))).toEqual([]);
    expect(findingActions(reviewer, finding({ canAppeal: false }))).toEqual(["withdraw", "evidence"]);
  });
});
