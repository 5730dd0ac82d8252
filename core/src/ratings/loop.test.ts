import { describe, expect, it } from "vitest";
import { makeWorkCalendar } from "../calendar/working-days.ts";
import { judgeReview, judgeReviewWithin, overdueStep, type ReviewState, refuseReviewAction, reviewDeadline } from "./loop.ts";
import { countReviews, emptyRatingCounters, ratingMetrics } from "./metrics.ts";

/** 2024's Spring Festival: 2–10..2–17 off, Sunday 2–18 worked (调休). */
const calendar = makeWorkCalendar(
  [
    ...["10", "11", "12", "13", "14", "15", "16", "17"].map((d) => ({ date: `2024-02-${d}`, kind: "holiday" as const })),
    { date: "2024-02-18", kind: "workday" as const },
  ],
  [2024],
);
const cst = (text: string) => new Date(`${text}+08:00`);

describe("the loop's deadlines", () => {
  it("counts working days on the calendar, 调休 included: a bad review of Friday 2–9 is verified by the end of Sunday 2–18", () => {
    expect(reviewDeadline(calendar, cst("2024-02-09T16:00:00"), 1)).toEqual(cst("2024-02-18T23:59:59.999"));
    // 15 working days from 2–18 (a worked Sunday): 2–19 … 3–8.
    expect(reviewDeadline(calendar, cst("2024-02-18T10:00:00"), 15)).toEqual(cst("2024-03-08T23:59:59.999"));
  });

  it("refuses an action from the wrong status and an appeal after its window, saying why", () => {
    const verifying = { status: "verifying" as const, verifyDueAt: cst("2024-02-18T23:59:59.999") };
    expect(refuseReviewAction(verifying, "appeal", cst("2024-02-18T20:00:00"))).toBeNull();
    expect(refuseReviewAction(verifying, "appeal", cst("2024-02-19T08:00:00"))).toBe(
      "申诉期已过（应在 2024-02-18 23:59 前提出），不能再申诉，请核实后整改",
    );
    expect(refuseReviewAction(verifying, "confirm", cst("2024-02-19T08:00:00"))).toBeNull();
    expect(refuseReviewAction(verifying, "rectify", cst("2024-02-10T08:00:00"))).toBe("该差评当前为「待核实」，不能整改完成");
    expect(refuseReviewAction({ ...verifying, status: "voided" }, "confirm", cst("2024-02-10T08:00:00"))).toBe(
      "该差评已申诉成立（差评作废），不能再办理",
    );
  });
});

const base: ReviewState = {
  status: "verifying",
  verifyDueAt: cst("2024-03-01T23:59:59.999"),
  respondedAt: null,
  confirmedAt: null,
  rectifyDueAt: null,
  rectifiedAt: null,
  revisitedAt: null,
  followUpLevel: null,
  closedAt: null,
};

describe("judging a review", () => {
  const asOf = cst("2024-04-01T00:00:00");
  it("an unanswered review past its window is 申诉超时 and nothing else", () => {
    expect(judgeReview(base, asOf)).toMatchObject({ responseDue: true, responseLate: true, confirmed: false, rectifyDue: false });
    expect(judgeReview(base, cst("2024-03-01T12:00:00"))).toMatchObject({ responseDue: false, responseLate: false });
  });

  it("a confirmed review rectified late counts as due but not on time; a bad 追评 counts again", () => {
    const review: ReviewState = {
      ...base,
      status: "closed",
      respondedAt: cst("2024-03-01T10:00:00"),
      confirmedAt: cst("2024-03-01T10:00:00"),
      rectifyDueAt: cst("2024-03-21T23:59:59.999"),
      rectifiedAt: cst("2024-03-25T09:00:00"),
      revisitedAt: cst("2024-03-26T09:00:00"),
      followUpLevel: 1,
      closedAt: cst("2024-03-28T09:00:00"),
    };
    expect(judgeReview(review, asOf)).toEqual({
      responseDue: true,
      responseLate: false,
      confirmed: true,
      rectifyDue: true,
      rectified: true,
      rectifiedOnTime: false,
      revisited: true,
      badAgain: true,
    });
    // Judged at the period's end before the rectification: confirmed, due, not yet rectified.
    expect(judgeReview(review, cst("2024-03-23T00:00:00"))).toMatchObject({
      rectifyDue: true,
      rectified: false,
      revisited: false,
      badAgain: false,
    });
  });

  it("counts each judgement in the period it happened in, whenever the review was opened", () => {
    // Opened on 31 December, confirmed at once, rectified on 4 January, a bad 追评 on 6 January.
    const review: ReviewState = {
      ...base,
      status: "closed",
      verifyDueAt: cst("2026-01-01T23:59:59.999"),
      respondedAt: cst("2025-12-31T20:00:00"),
      confirmedAt: cst("2025-12-31T20:00:00"),
      rectifyDueAt: cst("2026-01-21T23:59:59.999"),
      rectifiedAt: cst("2026-01-04T10:00:00"),
      revisitedAt: cst("2026-01-05T10:00:00"),
      followUpLevel: 2,
      closedAt: cst("2026-01-06T10:00:00"),
    };
    const year2025 = { since: cst("2025-01-01T00:00:00"), asOf: cst("2026-01-01T00:00:00") };
    const year2026 = { since: cst("2026-01-01T00:00:00"), asOf: cst("2027-01-01T00:00:00") };
    expect(judgeReviewWithin(review, year2025)).toEqual({
      responseDue: true,
      responseLate: false,
      confirmed: true,
      rectifyDue: false,
      rectified: false,
      rectifiedOnTime: false,
      revisited: false,
      badAgain: false,
    });
    expect(judgeReviewWithin(review, year2026)).toEqual({
      responseDue: false,
      responseLate: false,
      confirmed: false,
      rectifyDue: true,
      rectified: true,
      rectifiedOnTime: true,
      revisited: true,
      badAgain: true,
    });
    // Both years together count what the review's whole life counts, each judgement once.
    const both = { since: year2025.since, asOf: year2026.asOf };
    const whole = judgeReviewWithin(review, both);
    for (const key of Object.keys(whole) as (keyof typeof whole)[])
      expect(Number(judgeReviewWithin(review, year2025)[key]) + Number(judgeReviewWithin(review, year2026)[key]), key).toBe(
        Number(whole[key]),
      );
  });

  it("names the step overdue now", () => {
    const at = cst("2024-03-05T00:00:00");
    expect(overdueStep({ status: "verifying", verifyDueAt: base.verifyDueAt, decideDueAt: null, rectifyDueAt: null }, at)).toBe("verify");
    expect(
      overdueStep({ status: "rectifying", verifyDueAt: base.verifyDueAt, decideDueAt: null, rectifyDueAt: cst("2024-03-21T23:59:59") }, at),
    ).toBeNull();
  });
});

describe("metrics", () => {
  it("computes each rate from its counts (hand-computed)", () => {
    const counters = { ...emptyRatingCounters(), level1: 2, level2: 1, level3: 3, level4: 10, level5: 24, defaults: 60 };
    const asOf = cst("2024-04-01T00:00:00");
    const onTime: ReviewState = {
      ...base,
      respondedAt: cst("2024-03-01T09:00:00"),
      confirmedAt: cst("2024-03-01T09:00:00"),
      rectifyDueAt: cst("2024-03-21T23:59:59.999"),
      rectifiedAt: cst("2024-03-10T09:00:00"),
      revisitedAt: cst("2024-03-11T09:00:00"),
    };
    const late: ReviewState = {
      ...base,
      respondedAt: cst("2024-03-04T09:00:00"),
      confirmedAt: cst("2024-03-04T09:00:00"),
      rectifyDueAt: cst("2024-03-25T23:59:59.999"),
    };
    const reviews = countReviews([onTime, late, base], { since: null, asOf });
    const metrics = Object.fromEntries(ratingMetrics(counters, reviews, 80).map((m) => [m.key, m]));
    // 40 active ratings of 80 completed cases; 34 good, 3 bad.
    expect(metrics.rated).toMatchObject({ value: 40, denominator: 100 });
    expect(metrics.active_rate).toMatchObject({ value: 0.5, numerator: 40, denominator: 80 });
    expect(metrics.good_rate).toMatchObject({ value: 0.85, numerator: 34 });
    expect(metrics.bad_rate).toMatchObject({ value: 0.075, numerator: 3 });
    // Rectification: on time 1 of 2 due (the late one's deadline passed unrectified).
    expect(metrics.rectify_rate).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(metrics.revisit_rate).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    // Answered on time: 1 of 3 (one late, one never).
    expect(metrics.appeal_on_time_rate).toMatchObject({ numerator: 1, denominator: 3 });
  });
});

describe("a calendar without the year", () => {
  it("gives no deadline rather than guessing Mon–Fri, and such a review is never late", () => {
    expect(reviewDeadline(calendar, cst("2025-03-03T10:00:00"), 1)).toBeNull();
    expect(judgeReview({ ...base, verifyDueAt: null }, cst("2030-01-01T00:00:00"))).toMatchObject({
      responseDue: false,
      responseLate: false,
    });
  });
});
