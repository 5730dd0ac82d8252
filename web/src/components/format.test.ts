import { describe, expect, it } from "vitest";
import { formatBytes, formatDateTime } from "./format.ts";

describe("formatDateTime", () => {
  it("shows an instant in China Standard Time whatever the machine's zone", () => {
    expect(formatDateTime("2025-03-01T01:05:09Z")).toBe("2025-03-01 09:05:09");
    // Past 16:00 UTC it is already the next day in China.
    expect(formatDateTime("2025-03-01T16:30:00.000Z")).toBe("2025-03-02 00:30:00");
    expect(formatDateTime("2025-03-01T09:30:00+08:00")).toBe("2025-03-01 09:30:00");
  });

  it("shows an em dash for no value", () => {
    expect(formatDateTime(null)).toBe("—");
    expect(formatDateTime(undefined)).toBe("—");
    expect(formatDateTime("")).toBe("—");
  });
});

describe("formatBytes", () => {
  it("writes a size in the largest unit under it", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(2048)).toBe("2 KB");
    expect(formatBytes(12.5 * 1024 * 1024)).toBe("12.5 MB");
    expect(formatBytes(3 * 1024 ** 3)).toBe("3.00 GB");
  });
});
