import type { AuditVerifyResult } from "@kaoping/core";
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
 */
export async function verifyAuditChain(db: Db): Promise<AuditVerifyResult> {
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
