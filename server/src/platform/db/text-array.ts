import { type SQL, sql } from "drizzle-orm";

/**
 * A list of strings as ONE parameter, `'{"a","b"}'::text[]` (drizzle would spread an array into
 * one parameter per element): for `= any(…)` and `unnest(…)` over a batch of thousands of keys.
 */
export function textArray(values: readonly string[]): SQL {
  const literal = `{${values.map((v) => `"${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`;
  return sql`${literal}::text[]`;
}
