/** Supervision factories for tests: a ledger row (and its 督办单) written straight into the tables. */
import type { Db } from "../platform/db/client.ts";
import { supervisionOrders, warnings } from "../platform/db/schema.ts";
import { cst } from "./cases.ts";

const RULES = {
  overdue: { ruleId: "W02", ruleName: "超期", severity: "red" },
  repeated_correction: { ruleId: "W04", ruleName: "多次补正", severity: "yellow" },
  signature_anomaly: { ruleId: "W08", ruleName: "签章异常", severity: "red" },
} as const;

/**
 * A warning of the unit at `at`, and — when `order` is given — its 督办单 (issued 12 March 2024,
 * due 15 March, waiting; `order` changes any of it).
 */
export async function insertWarning(
  db: Db,
  input: {
    caseNo: string;
    unitId: string;
    at: Date;
    kind?: keyof typeof RULES;
    facts?: Record<string, number>;
    order?: Partial<typeof supervisionOrders.$inferInsert>;
  },
): Promise<string> {
  const kind = input.kind ?? "overdue";
  const [warning] = await db
    .insert(warnings)
    .values({
      regionCode: "310105",
      sourceCode: "test",
      caseNo: input.caseNo,
      unitId: input.unitId,
      itemCode: "ITEM-1",
      ...RULES[kind],
      ruleKind: kind,
      ruleVersion: 0,
      at: input.at,
      explanation: `测试 ${input.caseNo}`,
      facts: input.facts ?? {},
    })
    .returning();
  if (input.order)
    await db.insert(supervisionOrders).values({
      orderNo: `督〔测试〕${input.caseNo}号`,
      warningId: warning!.id,
      unitId: input.unitId,
      status: "issued",
      instruction: "测试",
      replyDays: 3,
      firstDueAt: cst("2024-03-15T23:59:59.999"),
      dueAt: cst("2024-03-15T23:59:59.999"),
      issuedAt: cst("2024-03-12T10:00:00"),
      ...input.order,
    });
  return warning!.id;
}
