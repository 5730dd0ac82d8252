import type { SQL } from "drizzle-orm";
import type { PgDialect } from "drizzle-orm/pg-core";
import type { Db, Tx } from "./client.ts";

interface Executable<R> {
  execute(values?: Record<string, unknown>): Promise<R>;
}

/** A drizzle query builder that can be prepared: selects, inserts, updates, deletes. */
interface Preparable<R> {
  prepare(name: string): Executable<R>;
}

/** What every drizzle database and transaction holds: its session, whose `client` runs the SQL. */
interface WithSession {
  session: { client: unknown; constructor: unknown };
}

let statements = 0;

/**
 * A query whose SQL drizzle builds once, for the few queries every request
 * runs (the session, the campaign and unit it acts on): drizzle spends
 * 100–200 µs building a select's text and parameters on every call — more
 * than the database takes to answer it, and at load the largest share of the
 * server's CPU (docs/performance.md). Inputs are `sql.placeholder(name)`s.
 *
 * Each call runs the one prepared query on the connection or transaction it is
 * given: a copy of the prepared query with that session's client, the rest
 * (text, parameter slots, row mapping) shared. On PostgreSQL it is a named
 * statement, parsed once per connection. Prepared once per database driver
 * (PGlite and node-postgres prepare differently).
 */
export function compiled<R, V extends Record<string, unknown>>(build: (db: Db) => Preparable<R>): (db: Db | Tx, values: V) => Promise<R> {
  const name = `kp_compiled_${++statements}`;
  const prepared = new Map<unknown, Executable<R>>();
  return (db, values) => {
    const { session } = db as unknown as WithSession;
    let template = prepared.get(session.constructor);
    if (!template) {
      template = build(db as Db).prepare(name);
      prepared.set(session.constructor, template);
    }
    const run = Object.create(template) as Executable<R> & { client: unknown };
    run.client = session.client;
    return run.execute(values);
  };
}

/** What drizzle's databases hold to prepare a query they did not build: the dialect and the session's prepareQuery. */
interface RawPreparing {
  dialect: PgDialect;
  session: {
    prepareQuery(query: ReturnType<PgDialect["sqlToQuery"]>, fields: undefined, name: string, arrayMode: boolean): Executable<unknown>;
  };
}

/**
 * `compiled` for a raw SQL statement (a CTE drizzle's builders cannot express), inputs as
 * `sql.placeholder`s; answers the driver's result. On PostgreSQL the named statement also spares the
 * database its planning after the first runs (a generic plan), which for a large CTE costs more than
 * running it for one row.
 */
export function compiledSql(build: () => SQL): (db: Db | Tx, values: Record<string, unknown>) => Promise<unknown> {
  return compiled((db) => ({
    prepare(name: string) {
      const { dialect, session } = db as unknown as RawPreparing;
      return session.prepareQuery(dialect.sqlToQuery(build()), undefined, name, false);
    },
  }));
}
