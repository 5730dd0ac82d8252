import type { AuditCheckpoint, AuditVerifyResult } from "@kaoping/core";
import { asc, gt } from "drizzle-orm";
import type { HashAlgorithm } from "../config.ts";
import type { Db } from "../db/client.ts";
import { auditHead, auditLog } from "../db/schema.ts";
import { GENESIS_HASH, hashRecord } from "./hash.ts";

const BATCH = 1000;

/**
 * Walks the chain from the first record: each record's hash must match its
 * content, link to the previous hash, and carry the next sequence number; the
 * head must point at the last record. Names the first record that fails.
 * Then each checkpoint kept outside the database must still be on the chain:
 * the one tampering the walk cannot see — the last records deleted together
 * with the head moved back onto what is left — leaves a checkpoint beyond it.
 */
export async function verifyAuditChain(db: Db, checkpoints: AuditCheckpoint[] = []): Promise<AuditVerifyResult> {
  const walked = await walkChain(db, new Set(checkpoints.map((c) => c.seq)));
  if (!walked.result.ok || !checkpoints.length) return walked.result;
  return { ...compareCheckpoints(walked.result, walked.hashes, checkpoints), checkpoints: checkpoints.length };
}

/** The chain's own checks, keeping the hashes at the sequence numbers the checkpoints name. */
async function walkChain(db: Db, wanted: Set<number>): Promise<{ result: AuditVerifyResult; hashes: Map<number, string> }> {
  const hashes = new Map<number, string>();
  const result = await walk(db, (seq, hash) => wanted.has(seq) && hashes.set(seq, hash));
  return { result, hashes };
}

function compareCheckpoints(result: AuditVerifyResult, hashes: Map<number, string>, checkpoints: AuditCheckpoint[]): AuditVerifyResult {
  const { checked, algorithm } = result;
  const furthest = checkpoints.reduce((a, b) => (b.seq > a.seq ? b : a));
  if (furthest.seq > checked) {
    const problem = `检查点（${furthest.at}）记录审计链已到 #${furthest.seq}，库中只到 #${checked}：第 ${checked + 1}–${furthest.seq} 条记录连同链头被删除`;
    return { ok: false, checked, algorithm, firstBad: { seq: checked + 1, problem }, missing: { from: checked + 1, to: furthest.seq } };
  }
  const rewritten = checkpoints.find((c) => hashes.get(c.seq) !== c.hash);
  if (rewritten) {
    const problem = `与检查点（${rewritten.at}）不符：第 ${rewritten.seq} 条记录的哈希已变，此前的链被改写`;
    return { ok: false, checked, algorithm, firstBad: { seq: rewritten.seq, problem } };
  }
  return result;
}

async function walk(db: Db, keep: (seq: number, hash: string) => void): Promise<AuditVerifyResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let algorithm: string = "sm3";
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, expectedSeq - 1))
      .orderBy(asc(auditLog.seq))
      .limit(BATCH);
    for (const row of rows) {
      const fail = (problem: string): AuditVerifyResult => ({
        ok: false,
        checked: expectedSeq - 1,
        algorithm,
        firstBad: { seq: row.seq, problem },
      });
      algorithm = row.algorithm;
      if (row.seq !== expectedSeq) {
        return {
          ok: false,
          checked: expectedSeq - 1,
          algorithm,
          firstBad: { seq: expectedSeq, problem: `记录缺失（下一条为 #${row.seq}）` },
        };
      }
      if (row.prevHash !== prevHash) return fail("前序哈希不匹配：上一条记录被修改或删除");
      if (row.algorithm !== "sm3" && row.algorithm !== "sha256") return fail(`未知哈希算法 ${row.algorithm}`);
      const { hash, ...content } = row;
      if (hashRecord(content, row.algorithm as HashAlgorithm) !== hash) return fail("内容哈希不匹配：记录被篡改");
      keep(row.seq, hash);
      prevHash = hash;
      expectedSeq += 1;
    }
    if (rows.length < BATCH) break;
  }
  const checked = expectedSeq - 1;
  const [head] = await db.select().from(auditHead);
  if (head && (head.seq !== checked || head.hash !== prevHash)) {
    return { ok: false, checked, algorithm, firstBad: { seq: head.seq, problem: "链尾记录缺失：审计链头指向不存在的记录" } };
  }
  if (!head && checked > 0) {
    return { ok: false, checked, algorithm, firstBad: { seq: checked, problem: "审计链头缺失" } };
  }
  return { ok: true, checked, algorithm };
}
