import type { FastifyRequest } from "fastify";
import { type AuditEntry, commitWithAudit } from "../audit/audit.ts";
import { actorOf, type Principal } from "../auth/principal.ts";
import type { Config } from "../config.ts";
import type { Db, Tx } from "../db/client.ts";
import { runTransaction, type TransactionOptions } from "../db/transaction.ts";
import { AppError } from "../errors.ts";
import type { AppContext } from "./types.ts";

/** What every command receives: its transaction, who acts, and the audit writer bound to both. */
export interface CommandContext {
  tx: Tx;
  principal: Principal;
  config: Config;
  /** Records a change; the record is appended to the chain when the command commits. */
  audit(entry: AuditEntry): Promise<void>;
  /** Many records at once (imports). */
  auditMany(entries: AuditEntry[]): Promise<void>;
}

/** What a read-only query receives. */
export interface QueryContext {
  db: Db | Tx;
  principal: Principal;
}

/**
 * Runs `fn` in one transaction with an audit writer for the acting principal:
 * the change and its audit record commit together or not at all.
 */
export function runCommand<T>(
  ctx: AppContext,
  principal: Principal,
  ip: string | null,
  fn: (command: CommandContext) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const actor = actorOf(principal, ip);
  return runTransaction(
    ctx.db,
    async (transaction) => {
      const { tx } = transaction;
      const entries: AuditEntry[] = [];
      const result = await fn({
        tx,
        principal,
        config: ctx.config,
        audit: async (entry) => {
          entries.push(snapshot(entry));
        },
        auditMany: async (list) => {
          entries.push(...list.map(snapshot));
        },
      });
      // Appended last, with the commit: the audit chain is locked from its append to the commit, so the
      // lock is held for the commit only, not for the whole command (and never while waiting on a row).
      await commitWithAudit(transaction, actor, entries, ctx.config.auditAlgorithm);
      return result;
    },
    options,
  );
}

/** The entry as it is now: it is written at commit, after the command may have changed the objects it was given. */
function snapshot(entry: AuditEntry): AuditEntry {
  return {
    ...entry,
    before: entry.before === undefined ? undefined : JSON.parse(JSON.stringify(entry.before)),
    after: entry.after === undefined ? undefined : JSON.parse(JSON.stringify(entry.after)),
  };
}

/** The route handlers' form: the principal and IP come from the request. */
export function transaction<T>(ctx: AppContext, request: FastifyRequest, fn: (command: CommandContext) => Promise<T>) {
  return runCommand(ctx, requirePrincipal(request), request.ip, fn);
}

export function query(ctx: AppContext, request: FastifyRequest): QueryContext {
  return { db: ctx.db, principal: requirePrincipal(request) };
}

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError("UNAUTHENTICATED", "请先登录");
  return request.principal;
}
