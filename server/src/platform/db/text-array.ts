import { type SQL, sql } from "drizzle-orm";

/**
 * A list of strings as ONE parameter, `'{"a","b"}'::text[]` (drizzle would spread an array into
 * one parameter per element): for `= any(…)` and `unnest(…)` over a batch of thousands of keys.
 */
export function textArray(values: readonly string[]): SQL {
  const literal = `{${values.map((v) => `"${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`;
  return sql`${literal}::text[]`;
}

/**
 * The rows `probe` finds for each of `keys` (`probe` reads the key as the SQL it is given), looked
 * up one key at a time: a lateral subquery fenced by `offset 0`. A batch brings thousands of keys;
 * given them as `= any(…)` the planner scanned the whole table (a parallel seq scan of the case store,
 * 50–190 ms a batch at 100 000–800 000 rows, growing with the store) where one index probe per key
 * costs a few microseconds whatever the store's size (docs/performance.md, bench:cases).
 */
export function eachKey(keys: readonly string[], probe: (key: SQL) => SQL): SQL {
  return sql`select p.* from unnest(${textArray([...new Set(keys)])}) as k(key) cross join lateral (${probe(sql.raw("k.key"))} offset 0) as p`;
}
