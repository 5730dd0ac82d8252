import type { EvidenceView } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { evidenceChains } from "./evidence-chains.ts";

const file = (id: string, revision: number, previousId: string | null, current: boolean): EvidenceView => ({
  id,
  fileName: `${id}.pdf`,
  size: 10,
  mimeType: "application/pdf",
  sha256: id,
  revision,
  previousId,
  current,
  uploadedBy: "张三",
  uploadedAt: "2025-03-01T00:00:00.000Z",
});

describe("evidence revisions", () => {
  it("puts each current file first with its earlier revisions, newest first", () => {
    const chains = evidenceChains([
      file("a1", 1, null, false),
      file("b1", 1, null, true),
      file("a3", 3, "a2", true),
      file("a2", 2, "a1", false),
    ]);
    expect(chains.map((c) => [c.current.id, c.earlier.map((e) => e.id)])).toEqual([
      ["b1", []],
      ["a3", ["a2", "a1"]],
    ]);
  });

  it("shows a file whose history is incomplete", () => {
    expect(evidenceChains([file("x2", 2, "x1", true)]).map((c) => c.current.id)).toEqual(["x2"]);
  });
});
