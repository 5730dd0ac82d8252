import { type Comparator, type Condition, conditionSchema } from "@kaoping/core";

/** core's comparators (not exported there as a list). */
export const COMPARATORS: readonly Comparator[] = ["lt", "le", "gt", "ge", "eq", "ne"];
export type ConditionOp = Comparator | "is_true" | "is_false";

export interface ConditionRow {
  /** React key only. */
  key: string;
  fact?: string;
  op?: ConditionOp;
  value?: number | null;
}

/**
 * The condition builder's value: one test, all / any of a flat list of tests
 * (one level deep), or the condition as JSON for deeper nesting.
 */
export interface ConditionDraft {
  mode: "single" | "all" | "any" | "json";
  rows: ConditionRow[];
  json: string;
}

let nextKey = 0;
export const newRow = (row: Omit<ConditionRow, "key"> = { op: "gt" }): ConditionRow => ({ key: `c${++nextKey}`, ...row });

type Leaf = Extract<Condition, { fact: string }>;
const isLeaf = (condition: Condition): condition is Leaf => "fact" in condition;

function leafToRow(leaf: Leaf): ConditionRow {
  if ("is" in leaf) return newRow({ fact: leaf.fact, op: leaf.is ? "is_true" : "is_false" });
  return newRow({ fact: leaf.fact, op: leaf.op, value: leaf.value });
}

export function conditionToDraft(condition: Condition | undefined): ConditionDraft {
  const json = condition ? JSON.stringify(condition, null, 2) : "";
  if (!condition) return { mode: "single", rows: [newRow()], json };
  if (isLeaf(condition)) return { mode: "single", rows: [leafToRow(condition)], json };
  // A sum has no row form: it is edited as JSON.
  if ("sum" in condition) return { mode: "json", rows: [newRow()], json };
  const [mode, list] = "all" in condition ? (["all", condition.all] as const) : (["any", condition.any] as const);
  if (list.every(isLeaf)) return { mode, rows: list.map(leafToRow), json };
  return { mode: "json", rows: [newRow()], json };
}

function rowToLeaf(row: ConditionRow): Condition {
  const fact = row.fact?.trim() ?? "";
  if (row.op === "is_true" || row.op === "is_false") return { fact, is: row.op === "is_true" };
  return { fact, op: row.op ?? "gt", value: row.value ?? Number.NaN };
}

/** The condition, or why it is not one yet (checked with core's conditionSchema). */
export function draftToCondition(draft: ConditionDraft): { condition: Condition } | { error: string } {
  let candidate: unknown;
  if (draft.mode === "json") {
    try {
      candidate = JSON.parse(draft.json);
    } catch (error) {
      return { error: (error as Error).message };
    }
  } else {
    const leaves = draft.rows.map(rowToLeaf);
    candidate = draft.mode === "single" ? leaves[0] : { [draft.mode]: leaves };
  }
  if (!isComplete(candidate)) return { error: "incomplete" };
  const parsed = conditionSchema.safeParse(candidate);
  return parsed.success ? { condition: parsed.data } : { error: parsed.error.issues[0]?.message ?? "invalid" };
}

/** Every test names a fact and, for comparisons, a number. */
function isComplete(candidate: unknown): boolean {
  if (!candidate || typeof candidate !== "object") return false;
  const c = candidate as Record<string, unknown>;
  if (Array.isArray(c.all)) return c.all.every(isComplete);
  if (Array.isArray(c.any)) return c.any.every(isComplete);
  if (Array.isArray(c.sum)) return typeof c.value === "number" && !Number.isNaN(c.value);
  if (typeof c.fact !== "string" || c.fact === "") return false;
  return "is" in c || (typeof c.value === "number" && !Number.isNaN(c.value));
}

/** The draft switched to another mode, carrying over what it can. */
export function switchMode(draft: ConditionDraft, mode: ConditionDraft["mode"]): ConditionDraft {
  if (mode === "json") {
    const current = draftToCondition(draft);
    return { ...draft, mode, json: "condition" in current ? JSON.stringify(current.condition, null, 2) : draft.json };
  }
  if (draft.mode === "json") {
    const current = draftToCondition(draft);
    const fromJson = "condition" in current ? conditionToDraft(current.condition) : null;
    const rows = fromJson && fromJson.mode !== "json" ? fromJson.rows : draft.rows;
    return { ...draft, mode, rows: mode === "single" ? rows.slice(0, 1) : rows };
  }
  return { ...draft, mode, rows: mode === "single" ? draft.rows.slice(0, 1) : draft.rows };
}
