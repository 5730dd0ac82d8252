import { sql } from "drizzle-orm";
import { NodePgSession, NodePgTransaction } from "drizzle-orm/node-postgres";
import type { PgDialect } from "drizzle-orm/pg-core";
import type pg from "pg";
import type { Db, Tx } from "./client.ts";

/**
 * A transaction a command runs in. On PostgreSQL it carries its connection, so
 * the command can send its last statement and the COMMIT as one message
 * (`endWith`): whatever that statement locks is then held only for the commit
 * itself, not for a round trip through a busy event loop. On PGlite (one
 * connection, transactions already one at a time) there is no connection to
 * share and `endWith` is absent.
 */
export interface Transaction {
  tx: Tx;
  /** Sends `statements` (no parameters: literals only) followed by COMMIT in one message; the transaction is over when it resolves. */
  endWith?: (statements: string) => Promise<void>;
}

interface PostgresHandle {
  pool: pg.Pool;
  dialect: PgDialect;
  schema: unknown;
  options: unknown;
}

const handles = new WeakMap<object, PostgresHandle>();

/** Called once by openDatabase for a PostgreSQL pool, so runTransaction can open transactions on its connections. */
export function registerPool(db: Db, pool: pg.Pool): void {
  const internals = db as unknown as {
    dialect: PgDialect;
    session: { options: unknown };
    _: { schema: unknown; fullSchema: unknown; tableNamesMap: unknown };
  };
  const { schema, fullSchema, tableNamesMap } = internals._;
  handles.set(db, { pool, dialect: internals.dialect, schema: { schema, fullSchema, tableNamesMap }, options: internals.session.options });
}

export interface TransactionOptions {
  /**
   * Statements (no parameters: literals only) the transaction starts with, sent with the BEGIN as
   * one message on PostgreSQL: a lock every run of a command takes first costs no round trip of
   * its own (the public rating page's, docs/performance.md).
   */
  beginWith?: string;
}

/** Runs `fn` in a transaction: committed when it returns (unless it ended the transaction itself), rolled back when it throws. */
export async function runTransaction<T>(
  db: Db,
  fn: (transaction: Transaction) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const { beginWith } = options;
  const handle = handles.get(db);
  if (!handle)
    return db.transaction(async (tx) => {
      if (beginWith) await tx.execute(sql.raw(beginWith));
      return fn({ tx });
    });
  const client = await handle.pool.connect();
  // A checked-out client has no pool listener: without this, a connection the server ends
  // (restart, idle-in-transaction timeout) would emit an unhandled 'error' and end the process.
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken ??= error;
  };
  client.on("error", onError);
  // The same objects drizzle's own `transaction()` builds, over a connection this function holds.
  const session = new NodePgSession(client, handle.dialect, handle.schema as never, handle.options as never);
  const tx = new NodePgTransaction(handle.dialect, session, handle.schema as never) as unknown as Tx;
  let ended = false;
  try {
    await client.query(beginWith ? `begin;\n${beginWith}` : "begin");
    const result = await fn({
      tx,
      endWith: async (statements) => {
        if (ended) throw new Error("transaction already ended");
        // On an error the transaction is still open (aborted, or rolled back to a savepoint by the caller).
        assertCommitted(await client.query(`${statements};\ncommit`));
        ended = true;
        // Anything after this would run outside the transaction: refuse it instead.
        Object.defineProperty(session, "client", {
          get: () => {
            throw new Error("transaction already committed");
          },
        });
      },
    });
    if (!ended) assertCommitted(await client.query("commit"));
    return result;
  } catch (error) {
    if (ended) throw new Error(`the transaction was committed, then failed: ${(error as Error).message}`, { cause: error });
    // After a failed COMMIT the server has already rolled back; this rollback is then a no-op.
    await client.query("rollback").catch((e: Error) => {
      broken ??= e;
    });
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}

/**
 * PostgreSQL answers COMMIT in a failed transaction with ROLLBACK, not an
 * error: a statement error the function swallowed must not pass for success.
 */
function assertCommitted(result: pg.QueryResult | pg.QueryResult[]): void {
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  if (last?.command === "ROLLBACK") throw new Error("transaction was rolled back by the database (a statement in it failed)");
}

/** Whether `db` is a PostgreSQL pool (else PGlite): the ingest loads through COPY there. */
export const isPostgres = (db: Db): boolean => handles.has(db);
