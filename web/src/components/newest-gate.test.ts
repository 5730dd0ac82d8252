import { describe, expect, it } from "vitest";
import { createNewestGate } from "./newest-gate.ts";

describe("createNewestGate", () => {
  it("lets only the newest of overlapping loads land", () => {
    const gate = createNewestGate();
    const first = gate.take();
    const second = gate.take();
    expect(first.isNewest()).toBe(false);
    expect(second.isNewest()).toBe(true);
  });

  it("makes a load on its way stale once a command's answer was applied", () => {
    const gate = createNewestGate();
    const load = gate.take();
    gate.supersede();
    expect(load.isNewest()).toBe(false);
    expect(gate.take().isNewest()).toBe(true);
  });
});
