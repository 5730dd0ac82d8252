import { DEFAULT_WARNING_RULES, PERMISSIONS } from "@kaoping/core";
import { evaluateWarnings } from "../../modules/supervision/evaluate.ts";
import { cst, storeCases } from "../cases.ts";
import type { Fixture, MatrixRows, Req, Target } from "./types.ts";

const P = PERMISSIONS;

/** A 体外循环 warning in A and in B (承诺件 completed minutes after acceptance), then the ledger of the target's unit. */
async function scopedWarnings(f: Fixture, t: Target): Promise<Req> {
  const quick = (unit: string) => ({
    caseNo: `MXW-${f.seq()}`,
    unitId: f.unit(unit),
    acceptedAt: cst("2024-03-04T09:00:00"),
    completedAt: cst("2024-03-04T09:02:00"),
    promisedLimit: 5,
    promisedLimitUnit: "working_day" as const,
  });
  await storeCases(f.server.database.db, [quick("A"), quick("B")]);
  await evaluateWarnings(f.server.database.db);
  return { method: "GET", url: `/api/supervision/warnings?unitId=${f.unit(t === "own" ? "A" : "B")}` };
}

/** 电子监察: the warning ledger (scoped like the cases) and the office's rule set. */
export const SUPERVISION_ROWS: MatrixRows = {
  "GET /api/supervision/warnings": { access: P.warningRead, unitScoped: true, listsUnits: true, request: scopedWarnings },
  "GET /api/supervision/rules": {
    access: P.warningRead,
    unitScoped: false,
    request: () => ({ method: "GET", url: "/api/supervision/rules" }),
  },
  "PUT /api/supervision/rules": {
    access: P.warningRuleManage,
    unitScoped: false,
    request: () => ({ method: "PUT", url: "/api/supervision/rules", payload: { rules: DEFAULT_WARNING_RULES, note: "矩阵测试" } }),
  },
};
