import { type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "./client.ts";

/**
 * A pair of rollup tables kept at ingest (daily and monthly, same dimensions and counters): the
 * operational data's metrics sum these, never the rows behind them. Cases and ratings each declare
 * one; addToRollups keeps both tables of a pair with one pass over the rows.
 */
export interface RollupSpec {
  daily: string;
  monthly: string;
  /** The alias the expressions use for the row being counted. */
  alias: string;
  /** Dimension columns with the expression each reads from the row. */
  dimensions: [column: string, expression: string][];
  /** The row's day (China time): the `day` column. */
  day: string;
  /** Counter columns with their aggregate over the rows. */
  counters: [column: string, aggregate: string][];
}

export interface RollupDelta {
  relation: SQL;
  where: SQL;
  sign: 1 | -1;
  /**
   * CTEs placed before the delta (the insert of the rows counted, read as `relation`) and the
   * statement's answer: the rows written and counted in one message instead of two.
   */
  around?: { before: SQL; answer: SQL };
}

/**
 * Adds (sign 1) or subtracts (sign -1) the contributions of the rows `where` selects from `relation`
 * — the store, or a batch's staging table holding just the rows written — to both tables, one
 * statement. A withdraw before an overwrite reads the stored rows, so what leaves is exactly what
 * was added.
 */
export async function addToRollups(tx: Tx | Db, spec: RollupSpec, options: RollupDelta): Promise<void> {
  await tx.execute(rollupStatement(spec, options));
}

/** addToRollups' statement (for `compiledSql`, where `where` holds placeholders). */
export function rollupStatement(spec: RollupSpec, options: RollupDelta): SQL {
  const { dimensions, counters } = spec;
  const dims = dimensions.map(([column]) => column).join(", ");
  const reads = dimensions.map(([column, expression]) => `${expression} as ${column}`).join(", ");
  const columns = counters.map(([column]) => column).join(", ");
  const values = counters.map(([column, aggregate]) => `${options.sign} * ${aggregate} as ${column}`).join(", ");
  const monthly = counters.map(([column]) => `sum(${column})`).join(", ");
  const groups = Array.from({ length: dimensions.length + 1 }, (_, i) => i + 1).join(", ");
  const updates = (table: string) => counters.map(([column]) => `${column} = ${table}.${column} + excluded.${column}`).join(", ");
  const key = `${dims}, day`;
  const { around } = options;
  const monthlyInsert = sql`insert into ${sql.raw(spec.monthly)} (${sql.raw(key)}, ${sql.raw(columns)})
    select ${sql.raw(dims)}, date_trunc('month', day)::date, ${sql.raw(monthly)}
    from delta group by ${sql.raw(groups)}
    on conflict (${sql.raw(key)}) do update set ${sql.raw(updates(spec.monthly))}`;
  return sql`
    with ${around ? sql`${around.before}, ` : sql``}delta as (
      select ${sql.raw(reads)}, ${sql.raw(spec.day)} as day, ${sql.raw(values)}
      from ${options.relation} ${sql.raw(spec.alias)} where ${options.where}
      group by ${sql.raw(groups)}),
    daily as (
      insert into ${sql.raw(spec.daily)} (${sql.raw(key)}, ${sql.raw(columns)}) select * from delta
      on conflict (${sql.raw(key)}) do update set ${sql.raw(updates(spec.daily))})
    ${around ? sql`, monthly as (${monthlyInsert}) ${around.answer}` : monthlyInsert}`;
}

/** An instant column's day in China time, as the rollups' `day`. */
export const cstDay = (column: string) => `(${column} at time zone 'UTC' + interval '8 hours')::date`;
