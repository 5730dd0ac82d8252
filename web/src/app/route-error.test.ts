import { describe, expect, it } from "vitest";
import { routeErrorMessage } from "./route-error.ts";

describe("routeErrorMessage", () => {
  it("gives a render error's own message", () => {
    expect(routeErrorMessage(new TypeError("Cannot read properties of undefined (reading 'toLocaleString')"))).toBe(
      "Cannot read properties of undefined (reading 'toLocaleString')",
    );
    expect(routeErrorMessage(new RangeError(""))).toBe("RangeError");
  });

  it("gives a route error response's status, text and data", () => {
    expect(routeErrorMessage({ status: 404, statusText: "Not Found", internal: true, data: 'No route matches URL "/x"' })).toBe(
      '404 Not Found: No route matches URL "/x"',
    );
    expect(routeErrorMessage({ status: 500, statusText: "", internal: false, data: null })).toBe("500");
  });

  it("says something for anything thrown, even what JSON cannot write", () => {
    expect(routeErrorMessage("boom")).toBe("boom");
    expect(routeErrorMessage({ code: 1 })).toBe('{"code":1}');
    expect(routeErrorMessage(undefined)).toBe("undefined");
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(routeErrorMessage(loop)).toBe("[object Object]");
  });
});
