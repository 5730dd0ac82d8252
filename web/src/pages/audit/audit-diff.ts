/** One line of a before/after comparison. */
export interface DiffLine {
  field: string;
  before: string;
  after: string;
  isChanged: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Flattens nested objects to dotted keys; arrays and scalars stay whole. */
function flatten(value: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!isPlainObject(value)) {
    if (value !== undefined && value !== null) out.set(prefix || "value", value);
    return out;
  }
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(child) && Object.keys(child).length > 0) {
      for (const [nested, leaf] of flatten(child, path)) out.set(nested, leaf);
    } else {
      out.set(path, child);
    }
  }
  return out;
}

function show(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** Compares an audit record's `before` and `after` field by field, changed fields first. */
export function diffAudit(before: unknown, after: unknown): DiffLine[] {
  const left = flatten(before);
  const right = flatten(after);
  const fields = [...new Set([...left.keys(), ...right.keys()])];
  const lines = fields.map((field) => {
    const was = show(left.get(field));
    const now = show(right.get(field));
    return { field, before: was, after: now, isChanged: was !== now };
  });
  return lines.sort((a, b) => Number(b.isChanged) - Number(a.isChanged));
}
