import { describe, expect, it } from "vitest";
import { PageCursors } from "./page-cursors.ts";

describe("PageCursors", () => {
  it("gives the page after a read page its end, for the same filters and page size only", () => {
    const cursors = new PageCursors();
    const filters = { unitId: "u1", metric: "on_time_rate" };
    expect(cursors.after(filters, 20, 1)).toBeUndefined();
    cursors.remember(filters, 20, 1, { total: 100, rows: [], next: "end-of-1" });
    expect(cursors.after(filters, 20, 2)).toBe("end-of-1");
    // A jump, other filters or another page size: no cursor (the list falls back to the offset).
    expect(cursors.after(filters, 20, 3)).toBeUndefined();
    expect(cursors.after({ ...filters, unitId: "u2" }, 20, 2)).toBeUndefined();
    expect(cursors.after(filters, 50, 2)).toBeUndefined();
  });

  it("keeps nothing for a list without keyset paging, or for its last page", () => {
    const cursors = new PageCursors();
    cursors.remember({}, 20, 1, { total: 3, rows: [] });
    cursors.remember({ a: 1 }, 20, 1, { total: 3, rows: [], next: null });
    expect(cursors.after({}, 20, 2)).toBeUndefined();
    expect(cursors.after({ a: 1 }, 20, 2)).toBeUndefined();
  });
});
