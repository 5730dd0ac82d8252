import { appendFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { AuditCheckpoint } from "@kaoping/core";
import type { FastifyBaseLogger } from "fastify";
import type { Db } from "../db/client.ts";
import { auditHead } from "../db/schema.ts";

/** The head of the chain now, or null while nothing has been audited. */
export async function takeCheckpoint(db: Db): Promise<AuditCheckpoint | null> {
  const [head] = await db.select().from(auditHead);
  return head && head.seq > 0 ? { seq: head.seq, hash: head.hash, at: new Date().toISOString() } : null;
}

/**
 * Checkpoints from a file: one JSON object (`kaoping audit checkpoint`) or
 * one per line (the server's own file). A missing file holds none.
 */
export async function readCheckpoints(file: string): Promise<AuditCheckpoint[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const trimmed = text.trim();
  if (!trimmed) return [];
  const values = trimmed.startsWith("[")
    ? JSON.parse(trimmed)
    : trimmed
        .split(/\r?\n/)
        .filter(Boolean)
        .map((line) => JSON.parse(line));
  return (Array.isArray(values) ? values : [values]).map(asCheckpoint);
}

function asCheckpoint(value: unknown): AuditCheckpoint {
  const { seq, hash, at } = (value ?? {}) as Partial<AuditCheckpoint>;
  if (!Number.isInteger(seq) || typeof hash !== "string" || !/^[0-9a-f]{64}$/.test(hash)) {
    throw new Error(`不是审计检查点：${JSON.stringify(value).slice(0, 120)}`);
  }
  return { seq: seq!, hash, at: typeof at === "string" ? at : "" };
}

/**
 * Writes a checkpoint every `minutes` when the chain has moved, and one when
 * stopped, to the file and to the log: a copy outside the database, so a
 * tail deleted together with its head no longer matches (verify.ts).
 */
export function startAuditCheckpoints(options: { db: Db; file: string; minutes: number; log: FastifyBaseLogger }) {
  const { db, file, log } = options;
  let lastSeq = -1;
  const write = async () => {
    const checkpoint = await takeCheckpoint(db);
    if (!checkpoint || checkpoint.seq === lastSeq) return;
    await mkdir(path.dirname(file), { recursive: true });
    await appendFile(file, `${JSON.stringify(checkpoint)}\n`);
    log.info({ auditCheckpoint: checkpoint }, "audit checkpoint");
    lastSeq = checkpoint.seq;
  };
  const safely = () => write().catch((error) => log.error({ err: error }, "audit checkpoint failed"));
  const timer = setInterval(safely, options.minutes * 60_000);
  timer.unref();
  void safely();
  return {
    /** Writes the last checkpoint and stops. */
    stop: async () => {
      clearInterval(timer);
      await safely();
    },
  };
}
