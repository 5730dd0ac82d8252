import { PgTransaction } from "drizzle-orm/pg-core";
import type { Db, Tx } from "./client.ts";

type Tasks<T extends readonly unknown[]> = { [K in keyof T]: () => Promise<T[K]> };

/**
 * Runs independent queries on `db`: all at once on the pool (each its own connection), one after
 * the other in a transaction — a transaction is one connection, which runs one query at a time, and
 * node-postgres deprecates a second query sent while one is running (pg 9 refuses it). For a function
 * that takes `Db | Tx` and wants its reads in parallel where it can.
 */
export async function queriesOn<T extends readonly unknown[]>(db: Db | Tx, tasks: readonly [...Tasks<T>]): Promise<T> {
  if (!(db instanceof PgTransaction)) return (await Promise.all(tasks.map((task) => task()))) as unknown as T;
  const results: unknown[] = [];
  for (const task of tasks) results.push(await task());
  return results as unknown as T;
}
