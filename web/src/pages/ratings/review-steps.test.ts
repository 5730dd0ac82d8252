import { PERMISSIONS as P, type Permission, type ReviewView } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { currentDeadline, reviewActionStates, reviewActions, reviewDeadlines } from "./review-steps.ts";

const holding =
  (...held: Permission[]) =>
  (perm: Permission) =>
    held.includes(perm);

describe("reviewActions", () => {
  it("gives the unit its steps and the office its own, each only from its status", () => {
    const unit = holding(P.ratingRead, P.reviewHandle);
    const office = holding(P.ratingRead, P.reviewManage);
    expect(reviewActions("verifying", unit)).toEqual(["confirm", "appeal"]);
    expect(reviewActions("verifying", office)).toEqual([]);
    expect(reviewActions("appealing", unit)).toEqual([]);
    expect(reviewActions("appealing", office)).toEqual(["uphold", "reject"]);
    expect(reviewActions("rectifying", unit)).toEqual(["rectify"]);
    expect(reviewActions("revisiting", office)).toEqual(["revisit"]);
    expect(reviewActions("awaiting_follow_up", office)).toEqual(["close"]);
  });

  it("gives a reader nothing, and nobody anything on a closed or voided review", () => {
    const everything = holding(P.ratingRead, P.reviewHandle, P.reviewManage);
    expect(reviewActions("verifying", holding(P.ratingRead))).toEqual([]);
    expect(reviewActions("closed", everything)).toEqual([]);
    expect(reviewActions("voided", everything)).toEqual([]);
  });
});

describe("reviewActionStates", () => {
  const unit = holding(P.ratingRead, P.reviewHandle);
  const verifying = { status: "verifying" as const, verifyDueAt: "2024-03-01T15:59:59.999Z" };

  it("offers 提出申诉 until the 核实 deadline, as the server (core's refuseReviewAction) does", () => {
    expect(reviewActionStates(verifying, unit, new Date("2024-03-01T15:59:59.999Z"))).toEqual([
      { action: "confirm", refusal: null },
      { action: "appeal", refusal: null },
    ]);
  });

  it("disables 提出申诉 past the deadline with the reason the server gives, naming the deadline; 核实属实 stays", () => {
    const [confirm, appeal] = reviewActionStates(verifying, unit, new Date("2024-03-02T00:00:00.000Z"));
    expect(confirm).toEqual({ action: "confirm", refusal: null });
    expect(appeal?.action).toBe("appeal");
    expect(appeal?.refusal).toContain("申诉期已过");
    expect(appeal?.refusal).toContain("2024-03-01 23:59");
  });

  it("never refuses when the deadline is unknown (时限无法计算), like the server", () => {
    const states = reviewActionStates({ ...verifying, verifyDueAt: null }, unit, new Date("2030-01-01T00:00:00.000Z"));
    expect(states.every((s) => s.refusal === null)).toBe(true);
  });
});

const base: Omit<ReviewView, "id" | "reviewNo" | "version" | "unitId" | "unitName" | "rating"> = {
  status: "verifying",
  openedAt: "2024-03-01T01:00:00.000Z",
  verifyDueAt: "2024-03-01T15:59:59.999Z",
  respondedAt: null,
  appeal: null,
  decideDueAt: null,
  confirmedAt: null,
  rectifyDueAt: null,
  rectifiedAt: null,
  rectifyResult: null,
  revisitedAt: null,
  followUpLevel: null,
  closedAt: null,
  overdueStep: null,
};

describe("currentDeadline", () => {
  it("is the deadline of the step the review waits on, overdue as the server judged", () => {
    expect(currentDeadline({ ...base, overdueStep: "verify" })).toMatchObject({
      step: "verify",
      dueAt: base.verifyDueAt,
      isOverdue: true,
    });
    const appealing = {
      ...base,
      status: "appealing" as const,
      respondedAt: "2024-03-01T08:00:00.000Z",
      appeal: { kind: "mistaken" as const, reason: "误评", at: "2024-03-01T08:00:00.000Z", decision: null, decisionReason: null },
      decideDueAt: "2024-03-08T15:59:59.999Z",
    };
    expect(currentDeadline(appealing)).toMatchObject({ step: "decide", dueAt: "2024-03-08T15:59:59.999Z", isOverdue: false });
    const rectifying = { ...base, status: "rectifying" as const, confirmedAt: "2024-03-01T08:00:00.000Z", rectifyDueAt: null };
    // 时限无法计算: the step is current, its deadline unknown.
    expect(currentDeadline(rectifying)).toMatchObject({ step: "rectify", dueAt: null });
  });

  it("is null where no step is timed (回访, 追评, closed)", () => {
    expect(currentDeadline({ ...base, status: "revisiting" })).toBeNull();
    expect(currentDeadline({ ...base, status: "awaiting_follow_up" })).toBeNull();
    expect(currentDeadline({ ...base, status: "closed" })).toBeNull();
    expect(currentDeadline({ ...base, status: "voided" })).toBeNull();
  });
});

describe("reviewDeadlines", () => {
  it("lists the deadlines given so far with when each was met, and a late answer as late", () => {
    const review = {
      ...base,
      status: "revisiting" as const,
      respondedAt: "2024-03-02T01:00:00.000Z",
      appeal: {
        kind: "malicious" as const,
        reason: "恶意",
        at: "2024-03-02T01:00:00.000Z",
        decision: "rejected" as const,
        decisionReason: "证据不足",
      },
      decideDueAt: "2024-03-08T15:59:59.999Z",
      confirmedAt: "2024-03-04T02:00:00.000Z",
      rectifyDueAt: "2024-03-25T15:59:59.999Z",
      rectifiedAt: "2024-03-20T02:00:00.000Z",
    };
    expect(reviewDeadlines(review).map((d) => [d.step, d.doneAt, d.isLate])).toEqual([
      ["verify", "2024-03-02T01:00:00.000Z", true],
      ["decide", "2024-03-04T02:00:00.000Z", false],
      ["rectify", "2024-03-20T02:00:00.000Z", false],
    ]);
  });

  it("has only 核实 before an answer, and 整改 without 申诉 when confirmed at once", () => {
    expect(reviewDeadlines(base).map((d) => d.step)).toEqual(["verify"]);
    const confirmed = { ...base, status: "rectifying" as const, respondedAt: base.openedAt, confirmedAt: base.openedAt };
    expect(reviewDeadlines(confirmed).map((d) => [d.step, d.isLate])).toEqual([
      ["verify", false],
      ["rectify", false],
    ]);
  });
});
