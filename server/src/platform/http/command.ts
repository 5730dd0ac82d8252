import type { FastifyRequest } from "fastify";
import { type AuditEntry, appendAudit } from "../audit/audit.ts";
import { actorOf, type Principal } from "../auth/principal.ts";
import type { Config } from "../config.ts";
import type { Db, Tx } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { AppContext } from "./types.ts";

/** What every command receives: its transaction, who acts, and the audit writer bound to both. */
export interface CommandContext {
  tx: Tx;
  principal: Principal;
  config: Config;
  audit(entry: AuditEntry): Promise<number>;
  /** Many records at once (imports): one chain lock, one batched insert. */
  auditMany(entries: AuditEntry[]): Promise<number>;
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
): Promise<T> {
  const actor = actorOf(principal, ip);
  return ctx.db.transaction((tx) =>
    fn({
      tx,
      principal,
      config: ctx.config,
      audit: (entry) => appendAudit(tx, actor, [entry], ctx.config.auditAlgorithm),
      auditMany: (entries) => appendAudit(tx, actor, entries, ctx.config.auditAlgorithm),
    }),
  );
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
