import { describe, expect, it } from "vitest";
import { createLatestLoader } from "./latest-loader.ts";

/** A load whose answer the test releases when it wants. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("createLatestLoader", () => {
  it("drops an older load that answers after a newer one", async () => {
    const loader = createLatestLoader<string>();
    const landed: unknown[] = [];
    const slow = deferred<string>();
    const first = loader.load(
      "a",
      () => slow.promise,
      (o) => landed.push(o),
    );
    await loader.load(
      "a",
      async () => "fresh",
      (o) => landed.push(o),
    );
    slow.resolve("stale");
    await first;
    expect(landed).toEqual([{ data: "fresh" }]);
  });

  it("drops a load on its way when a command answered meanwhile", async () => {
    const loader = createLatestLoader<string>();
    const landed: unknown[] = [];
    const slow = deferred<string>();
    const load = loader.load(
      "a",
      () => slow.promise,
      (o) => landed.push(o),
    );
    expect(loader.answer("a")).toBe(true);
    slow.resolve("submitted");
    await load;
    expect(landed).toEqual([]);
  });

  it("drops a command's answer for a key the screen has left, and keeps the new key's load", async () => {
    const loader = createLatestLoader<string>();
    const landed: unknown[] = [];
    await loader.load(
      "page1",
      async () => "rows 1",
      (o) => landed.push(o),
    );
    const next = deferred<string>();
    const load = loader.load(
      "page2",
      () => next.promise,
      (o) => landed.push(o),
    );
    expect(loader.answer("page1")).toBe(false);
    next.resolve("rows 2");
    await load;
    expect(landed).toEqual([{ data: "rows 1" }, { data: "rows 2" }]);
  });

  it("lands a failed load as its error", async () => {
    const loader = createLatestLoader<string>();
    const landed: unknown[] = [];
    const failure = new Error("404");
    await loader.load(
      "a",
      () => Promise.reject(failure),
      (o) => landed.push(o),
    );
    expect(landed).toEqual([{ error: failure }]);
  });
});
