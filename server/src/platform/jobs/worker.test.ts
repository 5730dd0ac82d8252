import { describe, expect, it } from "vitest";
import { startBackgroundWorker } from "./worker.ts";

describe("startBackgroundWorker", () => {
  it("keeps running while a runner finds work, then stops without waiting out a long job: its signal aborts", async () => {
    const calls: string[] = [];
    let queued = 2;
    let sawAbort = false;
    let longStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      longStarted = resolve;
    });
    const worker = startBackgroundWorker({
      pollMs: 60_000,
      runners: [
        {
          name: "short",
          runOne: async () => {
            calls.push("short");
            return queued-- > 0;
          },
        },
        {
          name: "long",
          // A job that would run for an hour, watching the signal between its batches.
          runOne: async (signal) => {
            calls.push("long");
            longStarted();
            for (let batch = 0; batch < 3600 && !signal.aborted; batch++) await new Promise((r) => setTimeout(r, 5));
            sawAbort = signal.aborted;
            return true;
          },
        },
      ],
    });
    await started;
    const before = Date.now();
    await worker.stop();
    expect(Date.now() - before).toBeLessThan(5_000);
    expect(sawAbort).toBe(true);
    expect(calls.slice(0, 2)).toEqual(["short", "long"]);
  });

  it("wakes on poke instead of sleeping the poll interval", async () => {
    const runs: (() => void)[] = [];
    const ran = (n: number) =>
      new Promise<void>((resolve) => {
        runs[n] = resolve;
      });
    const first = ran(0);
    const second = ran(1);
    let count = 0;
    const worker = startBackgroundWorker({
      pollMs: 60_000,
      runners: [
        {
          name: "counter",
          runOne: async () => {
            runs[count++]?.();
            return false;
          },
        },
      ],
    });
    await first;
    worker.poke();
    await second;
    expect(count).toBe(2);
    await worker.stop();
  });
});
