import type { SQL } from "drizzle-orm";
import type { Db, Tx } from "./client.ts";

/** The rows of a raw `db.execute` answer: node-postgres and PGlite both answer `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Runs raw SQL and answers its rows, typed as the caller's select list says. */
export async function selectRows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

/** A timestamp of a raw row as ISO text (drivers answer a Date, or text where a cast made one). */
export function isoOf(value: Date | string): string;
export function isoOf(value: Date | string | null): string | null;
export function isoOf(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
