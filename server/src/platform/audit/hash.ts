import { createHash } from "node:crypto";
import type { HashAlgorithm } from "../config.ts";

/** The chain starts from this value (64 zero hex digits) for both algorithms. */
export const GENESIS_HASH = "0".repeat(64);

/** JSON with object keys sorted at every depth, so jsonb's key reordering does not change a hash. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** The fields a record's hash covers, in a fixed order. */
export interface ChainedContent {
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string;
  actorUnitId: string | null;
  actorUnitName: string | null;
  ip: string | null;
  action: string;
  businessType: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  algorithm: string;
  prevHash: string;
}

/** SM3 (GB/T 32905, 国密) by default through Node's OpenSSL; SHA-256 selectable. */
export function hashRecord(content: ChainedContent, algorithm: HashAlgorithm): string {
  const payload = canonicalJson({
    ...content,
    at: content.at.toISOString(),
    before: content.before ?? null,
    after: content.after ?? null,
  });
  return createHash(algorithm).update(payload, "utf8").digest("hex");
}
