import { type Framework, frameworkSchema, type ValidationReport, validateFramework } from "@kaoping/core";
import type { Db, Tx } from "../../platform/db/client.ts";
import { queriesOn } from "../../platform/db/queries-on.ts";
import { unitGroups, units } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";

/** Parses a submitted definition; schema problems are a 400 naming the path inside `definition`. */
export function parseDefinition(definition: unknown): Framework {
  assertDepth(definition);
  const parsed = frameworkSchema.safeParse(definition);
  if (!parsed.success) {
    const details = parsed.error.issues
      .slice(0, 100)
      .map((i) => ({ path: ["body", "definition", ...i.path.map((p) => (typeof p === "symbol" ? String(p) : p))], message: i.message }));
    throw new AppError("VALIDATION", `指标体系定义无效：${details[0]?.path.slice(2).join(".")} ${details[0]?.message}`, details);
  }
  return parsed.data;
}

function assertDepth(definition: unknown): void {
  if (depthOf(definition) > MAX_DEPTH) {
    throw new AppError("VALIDATION", `指标体系定义嵌套过深（最多 ${MAX_DEPTH} 层）`, [
      { path: ["body", "definition"], message: "嵌套过深" },
    ]);
  }
}

/** JSON nesting depth, iteratively: a hostile definition must not overflow the stack before the schema sees it. */
const MAX_DEPTH = 40;
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (d > deepest) deepest = d;
    if (d > MAX_DEPTH) return d;
    if (v && typeof v === "object") for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}

/** Validation with the units and groups that exist, so unknown responsible units are reported. */
export async function validateAgainstDatabase(db: Db | Tx, definition: unknown): Promise<ValidationReport> {
  assertDepth(definition);
  const [unitRows, groupRows] = await queriesOn(db, [
    () => db.select({ code: units.code }).from(units),
    () => db.select({ code: unitGroups.code }).from(unitGroups),
  ]);
  return validateFramework(definition, { knownUnitCodes: new Set([...unitRows, ...groupRows].map((r) => r.code)) });
}
