import { BUILTIN_ROLES, PERMISSIONS as P } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { CASE_ROUTES } from "./case-routes.tsx";

const route = (path: string) => CASE_ROUTES.find((candidate) => candidate.path === path)!;

describe("CASE_ROUTES", () => {
  it("guards 办件导入 (page and menu) with the permission its API needs, not the read permission", () => {
    // GET /api/cases/imports and its jobs' quarantine answer only case:record:import (server/src/modules/cases/import-routes.ts).
    expect(route("/cases/imports").perm).toBe(P.caseImport);
    expect(route("/cases/imports").menu).toBeDefined();
    // So the built-in 联络员 (reads cases, may not import) no longer sees the menu entry.
    const liaison = BUILTIN_ROLES.find((role) => role.code === "unit_liaison")!;
    expect(liaison.permissions).toContain(P.caseRead);
    expect(liaison.permissions).not.toContain(route("/cases/imports").perm);
  });

  it("keeps the readers' pages on the read permission", () => {
    for (const path of ["/cases/metrics", "/cases/list", "/cases/quality", "/cases/rating-slip"])
      expect(route(path).perm, path).toBe(P.caseRead);
  });
});
