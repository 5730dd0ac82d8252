import { describe, expect, it } from "vitest";
import { DEFAULT_OFFICE_HOURS } from "../calendar/office-hours.ts";
import { hotlineFactLink, lowestRate } from "./facts.ts";
import { hotlineRate } from "./metrics.ts";
import { CALL_OUTCOME, OUTCOME_KEYS } from "./model.ts";
import { type PhoneNumber, sampleCalls, seedOf } from "./sampling.ts";

const number = (unitId: string, phone: string, kind: PhoneNumber["kind"] = "consultation"): PhoneNumber => ({
  unitId,
  phone,
  kind,
  itemId: `item-${phone}`,
  itemCode: `code-${phone}`,
  guideId: `guide-${phone}`,
});
const numbers = [
  ...["0571-1", "0571-2", "0571-3", "0571-4"].map((p) => number("u1", p)),
  number("u1", "0571-9", "supervision"),
  number("u2", "0571-5"),
];
const days = ["2024-03-04", "2024-03-05", "2024-03-06"];
const draw = (seed: number, rule = { numbersPerUnit: 2, callsPerNumber: 2, kinds: ["consultation"] as const }) =>
  sampleCalls({
    numbers,
    rule: { ...rule, kinds: [...rule.kinds] },
    days,
    hours: DEFAULT_OFFICE_HOURS,
    checkerIds: ["c1", "c2", "c3"],
    seed,
  });

describe("a round's sample", () => {
  it("takes at most numbersPerUnit of a unit's numbers of the kinds asked, each callsPerNumber times", () => {
    const calls = draw(seedOf("round-1"));
    const perUnit = (u: string) => new Set(calls.filter((c) => c.unitId === u).map((c) => c.phone));
    expect(perUnit("u1").size).toBe(2);
    expect([...perUnit("u1")].every((p) => p !== "0571-9")).toBe(true);
    expect(perUnit("u2")).toEqual(new Set(["0571-5"]));
    expect(calls).toHaveLength(6);
    // A number's two calls on two different days.
    for (const phone of [...perUnit("u1"), "0571-5"]) {
      const on = calls.filter((c) => c.phone === phone).map((c) => c.plannedAt.toISOString().slice(0, 10));
      expect(new Set(on).size, phone).toBe(2);
    }
  });

  it("is the same draw for the same round, and another for another", () => {
    const plan = (seed: number) => draw(seed).map((c) => `${c.phone}@${c.plannedAt.toISOString()}`);
    expect(plan(seedOf("round-1"))).toEqual(plan(seedOf("round-1")));
    expect(plan(seedOf("round-1"))).not.toEqual(plan(seedOf("round-2")));
  });

  it("rings within office hours of the round's days and shares the calls among the checkers", () => {
    const calls = draw(seedOf("round-3"));
    for (const call of calls) {
      const cst = new Date(call.plannedAt.getTime() + 8 * 3600_000).toISOString();
      expect(days).toContain(cst.slice(0, 10));
      const minutes = Number(cst.slice(11, 13)) * 60 + Number(cst.slice(14, 16));
      expect((minutes >= 540 && minutes < 720) || (minutes >= 780 && minutes < 1020), cst).toBe(true);
    }
    expect(calls.map((c) => c.checkerId).sort()).toEqual(["c1", "c1", "c2", "c2", "c3", "c3"]);
  });

  it("refuses a round without working days or checkers", () => {
    const base = {
      numbers,
      rule: { numbersPerUnit: 1, callsPerNumber: 1, kinds: ["consultation" as const] },
      hours: DEFAULT_OFFICE_HOURS,
      seed: 1,
    };
    expect(() => sampleCalls({ ...base, days: [], checkerIds: ["c"] })).toThrow("抽查期间没有工作日");
    expect(() => sampleCalls({ ...base, days, checkerIds: [] })).toThrow("至少指定一名抽查人员");
  });
});

describe("接通率", () => {
  it("counts connected over recorded calls, correct answers over connected, and ignores calls not made", () => {
    expect(hotlineRate(["answered_correct", "answered_wrong", "hung_up", "no_answer", "busy", "dead_number", null])).toEqual({
      calls: 6,
      connected: 3,
      correct: 1,
      rate: 50,
      accuracy: 33.33,
    });
    expect(hotlineRate([null])).toMatchObject({ calls: 0, rate: null, accuracy: null });
  });

  it("gives the checker a key per outcome, 1–7 in the sheet's order", () => {
    expect(Object.keys(OUTCOME_KEYS)).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(OUTCOME_KEYS["7"]).toBe("dead_number");
    expect(CALL_OUTCOME.labels[OUTCOME_KEYS["1"]!]).toBe("接通且答复准确");
  });

  it("takes a level's lowest round as the fact, none when the level did not check", () => {
    expect(lowestRate([92.5, 85, null])).toBe(85);
    expect(lowestRate([null])).toBeUndefined();
    expect(hotlineFactLink("hotline.rate_city", { unitId: "u", from: "2024-01-01", to: "2024-12-31" })).toBe(
      "/hotline/results?unitId=u&level=city&from=2024-01-01&to=2024-12-31",
    );
  });
});
