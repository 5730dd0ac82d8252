import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { asc, count, eq, gt, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, login, makeUnit, makeUser, startTestServer, type TestServer, userId } from "../../test/harness.ts";
import { rowsOf } from "../db/rows.ts";
import { auditHead, auditLog, units } from "../db/schema.ts";
import { runTransaction } from "../db/transaction.ts";
import { AUDIT_IN_FLIGHT, appendAudit, appendCall, auditFallbacks, commitWithAudit, forgetAuditGuess } from "./audit.ts";
import { readCheckpoints, takeCheckpoint } from "./checkpoint.ts";
import { canonicalJson, GENESIS_HASH, hashRecord } from "./hash.ts";
import { verifyAuditChain } from "./verify.ts";

type AuditRow = typeof auditLog.$inferSelect;

describe("hash.ts", () => {
  it("canonicalJson does not depend on key order, at any depth, and keeps array order", () => {
    const a = { b: 1, a: { d: 2, c: [{ y: 1, x: 2 }, 3] }, z: null };
    const b = { z: null, a: { c: [{ x: 2, y: 1 }, 3], d: 2 }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":[{"x":2,"y":1},3],"d":2},"b":1,"z":null}');
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it("canonicalJson drops undefined and writes dates as ISO strings", () => {
    const at = new Date("2026-01-02T03:04:05.678Z");
    expect(canonicalJson({ at, gone: undefined, keep: "是" })).toBe('{"at":"2026-01-02T03:04:05.678Z","keep":"是"}');
  });

  it("SM3 matches the GB/T 32905 test vectors", () => {
    expect(createHash("sm3").update("abc").digest("hex")).toBe("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    expect(createHash("sm3").update("abcd".repeat(16)).digest("hex")).toBe(
      "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
    );
  });

  const content = {
    seq: 7,
    at: new Date("2026-03-01T08:00:00.000Z"),
    actorId: null,
    actorName: "系统",
    actorUnitId: null,
    actorUnitName: null,
    ip: "10.0.0.1",
    action: "unit.update",
    businessType: "update",
    entityType: "unit",
    entityId: "e1",
    before: { name: "旧", sortOrder: 1 },
    after: { sortOrder: 2, name: "新" },
    reason: null,
    algorithm: "sm3",
    prevHash: GENESIS_HASH,
  };

  it("hashRecord hashes the canonical JSON of the record with the chosen algorithm", () => {
    const payload = canonicalJson({ ...content, at: content.at.toISOString() });
    expect(hashRecord(content, "sm3")).toBe(createHash("sm3").update(payload, "utf8").digest("hex"));
    expect(hashRecord(content, "sha256")).toBe(createHash("sha256").update(payload, "utf8").digest("hex"));
    expect(hashRecord(content, "sm3")).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecord(content, "sm3")).not.toBe(hashRecord(content, "sha256"));
  });

  it("hashRecord ignores key order inside before/after but sees every field", () => {
    const reordered = { ...content, before: { sortOrder: 1, name: "旧" }, after: { name: "新", sortOrder: 2 } };
    expect(hashRecord(reordered, "sm3")).toBe(hashRecord(content, "sm3"));
    const base = hashRecord(content, "sm3");
    expect(hashRecord({ ...content, after: { name: "新", sortOrder: 3 } }, "sm3")).not.toBe(base);
    expect(hashRecord({ ...content, ip: "10.0.0.2" }, "sm3")).not.toBe(base);
    expect(hashRecord({ ...content, seq: 8 }, "sm3")).not.toBe(base);
    expect(hashRecord({ ...content, at: new Date("2026-03-01T08:00:00.001Z") }, "sm3")).not.toBe(base);
    expect(hashRecord({ ...content, prevHash: "1".repeat(64) }, "sm3")).not.toBe(base);
  });
});

describe("audit log (sm3, default)", () => {
  let server: TestServer;
  let admin: Client;
  let rootId: string;

  const allRows = (): Promise<AuditRow[]> => server.database.db.select().from(auditLog).orderBy(asc(auditLog.seq));
  const exec = (query: ReturnType<typeof sql>) => server.database.db.execute(query);
  const disableTrigger = () => exec(sql`alter table audit_log disable trigger audit_log_no_update`);
  const enableTrigger = () => exec(sql`alter table audit_log enable trigger audit_log_no_update`);
  /** The database's own message (drizzle wraps it as the error's cause). */
  const refusal = async (query: ReturnType<typeof sql>): Promise<string> => {
    try {
      await exec(query);
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause;
      return cause?.message ?? (error as Error).message;
    }
    return "not refused";
  };
  /** Puts a removed record back exactly as it was (inserts are not blocked by the trigger). */
  const reinsert = (row: AuditRow) => server.database.db.insert(auditLog).values(row);

  beforeAll(async () => {
    server = await startTestServer();
    rootId = (await makeUnit(server, { code: "R", kind: "city", name: "测试市" })).id;
    await makeUnit(server, { code: "A", kind: "district", parentCode: "R", name: "甲区" });
    await makeUser(server, { username: "admin1", unitCode: "R", roles: ["sys_admin"] });
    admin = await login(server, "admin1");
  });
  afterAll(() => server?.close());

  it("records a mutation with actor, actor unit, IP, action, entity and only the changed fields", async () => {
    const created = await admin.request({
      method: "POST",
      url: "/api/units",
      payload: { code: "AUD1", name: "审计前名称", kind: "department", parentId: rootId, sortOrder: 3 },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const patched = await admin.request({ method: "PATCH", url: `/api/units/${id}`, payload: { name: "审计后名称", sortOrder: 3 } });
    expect(patched.statusCode).toBe(200);

    const log = await admin.request({ method: "GET", url: `/api/audit?entityId=${id}` });
    expect(log.statusCode).toBe(200);
    expect(log.json().total).toBe(2);
    const [update, create] = log.json().rows;
    const adminId = await userId(server, "admin1");
    for (const record of [update, create]) {
      expect(record.actorId).toBe(adminId);
      expect(record.actorName).toBe("admin1");
      expect(record.actorUnitId).toBe(rootId);
      expect(record.actorUnitName).toBe("测试市");
      expect(record.ip).toBe("127.0.0.1");
      expect(record.entityType).toBe("unit");
      expect(record.entityId).toBe(id);
      expect(record.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(create.action).toBe("unit.create");
    expect(create.businessType).toBe("create");
    expect(create.before).toBeNull();
    expect(create.after).toMatchObject({ id, code: "AUD1", name: "审计前名称", kind: "department", parentId: rootId, sortOrder: 3 });
    expect(update.action).toBe("unit.update");
    expect(update.businessType).toBe("update");
    expect(update.before).toEqual({ name: "审计前名称" });
    expect(update.after).toEqual({ name: "审计后名称" });
    expect(update.seq).toBe(create.seq + 1);
  });

  it("records the system as actor for fixture commands, and logins with the user's unit", async () => {
    const [record] = await server.database.db.select().from(auditLog).where(eq(auditLog.seq, 1));
    expect(record!.actorId).toBeNull();
    expect(record!.actorName).toBe("测试");
    expect(record!.action).toBe("unit.create");
    const logins = await admin.request({ method: "GET", url: "/api/audit?action=auth.login&actor=admin1" });
    const first = logins.json().rows.at(-1);
    expect(first.action).toBe("auth.login");
    expect(first.businessType).toBe("login");
    expect(first.actorUnitName).toBe("测试市");
  });

  it("writes nothing when the mutation fails", async () => {
    const [before] = await server.database.db.select({ n: count() }).from(auditLog);
    const dup = await admin.request({ method: "POST", url: "/api/units", payload: { code: "AUD1", name: "重复", kind: "department" } });
    expect(dup.statusCode).toBe(409);
    const [after] = await server.database.db.select({ n: count() }).from(auditLog);
    expect(after!.n).toBe(before!.n);
  });

  it("chains every record to the one before it and keeps the head on the last", async () => {
    const rows = await allRows();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    rows.forEach((row, i) => {
      expect(row.seq).toBe(i + 1);
      expect(row.algorithm).toBe("sm3");
      if (i > 0) expect(row.prevHash).toBe(rows[i - 1]!.hash);
      const { hash, ...content } = row;
      expect(hashRecord(content, "sm3")).toBe(hash);
    });
    const [head] = await server.database.db.select().from(auditHead);
    expect(head).toEqual({ id: 1, seq: rows.at(-1)!.seq, hash: rows.at(-1)!.hash });
  });

  it("verifies an untouched chain, directly and through the API", async () => {
    const [{ n } = { n: 0 }] = await server.database.db.select({ n: count() }).from(auditLog);
    const result = await verifyAuditChain(server.database.db);
    expect(result).toEqual({ ok: true, checked: n, algorithm: "sm3" });
    const api = await admin.request({ method: "GET", url: "/api/audit/verify" });
    expect(api.statusCode).toBe(200);
    expect(api.json().ok).toBe(true);
    expect(api.json().checked).toBeGreaterThanOrEqual(n);
  });

  it("offers no API to change or remove a record", async () => {
    const auditRoutes = server.routes.filter((r) => r.url.startsWith("/api/audit"));
    // The list, its Excel export and the chain check: all reads.
    expect(auditRoutes.map((r) => r.method)).toEqual(["GET", "GET", "GET"]);
    for (const method of ["POST", "PATCH", "PUT", "DELETE"]) {
      const res = await admin.request({ method, url: "/api/audit", payload: {} });
      expect(res.statusCode).toBe(404);
    }
  });

  it("refuses UPDATE, DELETE and TRUNCATE on the table", async () => {
    expect(await refusal(sql`update audit_log set action = 'tampered' where seq = 2`)).toContain("append-only (UPDATE refused)");
    expect(await refusal(sql`delete from audit_log where seq = 2`)).toContain("append-only (DELETE refused)");
    expect(await refusal(sql`truncate audit_log`)).toContain("append-only (TRUNCATE refused)");
    const [{ n } = { n: 0 }] = await server.database.db.select({ n: count() }).from(auditLog);
    expect(n).toBeGreaterThan(5);
    const [row] = await server.database.db.select().from(auditLog).where(eq(auditLog.seq, 2));
    expect(row!.action).not.toBe("tampered");
    expect((await verifyAuditChain(server.database.db)).ok).toBe(true);
  });

  it("detects an altered record and names it", async () => {
    const [target] = await server.database.db.select().from(units).where(eq(units.code, "AUD1"));
    const [record] = await server.database.db.select().from(auditLog).where(eq(auditLog.entityId, target!.id)).orderBy(asc(auditLog.seq));
    const n = record!.seq;
    await disableTrigger();
    try {
      await exec(sql`update audit_log set after = ${JSON.stringify({ name: "被篡改" })}::jsonb where seq = ${n}`);
      const result = await verifyAuditChain(server.database.db);
      expect(result.ok).toBe(false);
      expect(result.firstBad?.seq).toBe(n);
      expect(result.firstBad?.problem).toContain("内容哈希不匹配");
      expect(result.checked).toBe(n - 1);
      const api = await admin.request({ method: "GET", url: "/api/audit/verify" });
      expect(api.json().firstBad.seq).toBe(n);
      // Putting the original content back makes the chain whole again.
      await exec(sql`update audit_log set after = ${JSON.stringify(record!.after)}::jsonb where seq = ${n}`);
      expect((await verifyAuditChain(server.database.db)).ok).toBe(true);
    } finally {
      await enableTrigger();
    }
  });

  it("detects a record rewritten together with its own hash at the next link", async () => {
    const rows = await allRows();
    const victim = rows[2]!;
    const { hash, ...content } = victim;
    const forged = { ...content, actorName: "冒名" };
    const forgedHash = hashRecord(forged, "sm3");
    await disableTrigger();
    try {
      await exec(sql`update audit_log set actor_name = '冒名', hash = ${forgedHash} where seq = ${victim.seq}`);
      const result = await verifyAuditChain(server.database.db);
      expect(result.ok).toBe(false);
      expect(result.firstBad?.seq).toBe(victim.seq + 1);
      expect(result.firstBad?.problem).toContain("前序哈希不匹配");
      await exec(sql`update audit_log set actor_name = ${victim.actorName}, hash = ${hash} where seq = ${victim.seq}`);
      expect((await verifyAuditChain(server.database.db)).ok).toBe(true);
    } finally {
      await enableTrigger();
    }
  });

  it("detects a deleted middle record, naming the gap", async () => {
    const rows = await allRows();
    const middle = rows[Math.floor(rows.length / 2)]!;
    await disableTrigger();
    try {
      await exec(sql`delete from audit_log where seq = ${middle.seq}`);
      const result = await verifyAuditChain(server.database.db);
      expect(result.ok).toBe(false);
      expect(result.firstBad?.seq).toBe(middle.seq);
      expect(result.firstBad?.problem).toContain(`#${middle.seq + 1}`);
      expect(result.checked).toBe(middle.seq - 1);
      await reinsert(middle);
      expect((await verifyAuditChain(server.database.db)).ok).toBe(true);
    } finally {
      await enableTrigger();
    }
  });

  it("detects a deleted last record through the head", async () => {
    const rows = await allRows();
    const last = rows.at(-1)!;
    await disableTrigger();
    try {
      await exec(sql`delete from audit_log where seq = ${last.seq}`);
      const result = await verifyAuditChain(server.database.db);
      expect(result.ok).toBe(false);
      expect(result.firstBad?.seq).toBe(last.seq);
      expect(result.firstBad?.problem).toContain("链尾");
      expect(result.checked).toBe(last.seq - 1);
      await reinsert(last);
      expect((await verifyAuditChain(server.database.db)).ok).toBe(true);
    } finally {
      await enableTrigger();
    }
  });

  // The one tampering the chain cannot see by itself: the last records deleted and the head moved back onto what is left.
  it("detects a tail removed together with the head row against a checkpoint kept outside the database", async () => {
    for (const code of ["CP1", "CP2", "CP3"]) {
      const res = await admin.request({
        method: "POST",
        url: "/api/units",
        payload: { code, name: code, kind: "department", parentId: rootId },
      });
      expect(res.statusCode).toBe(201);
    }
    const checkpoint = (await takeCheckpoint(server.database.db))!;
    await writeFile(server.config.auditCheckpointFile, `${JSON.stringify(checkpoint)}\n`);
    const rows = await allRows();
    const tail = rows.slice(-3);
    const kept = rows.at(-4)!;
    await disableTrigger();
    try {
      await exec(sql`delete from audit_log where seq > ${kept.seq}`);
      await exec(sql`update audit_head set seq = ${kept.seq}, hash = ${kept.hash}`);
      // Without the checkpoint the shortened chain is whole …
      expect((await verifyAuditChain(server.database.db)).ok).toBe(true);
      // … with it, the missing records are named, directly and through the API (which reads the server's file).
      const result = await verifyAuditChain(server.database.db, await readCheckpoints(server.config.auditCheckpointFile));
      expect(result).toMatchObject({ ok: false, checked: kept.seq, missing: { from: kept.seq + 1, to: checkpoint.seq }, checkpoints: 1 });
      expect(result.firstBad?.problem).toContain(`第 ${kept.seq + 1}–${checkpoint.seq} 条记录连同链头被删除`);
      const api = await admin.request({ method: "GET", url: "/api/audit/verify" });
      expect(api.json()).toMatchObject({ ok: false, missing: { from: kept.seq + 1, to: checkpoint.seq } });
      for (const row of tail) await reinsert(row);
      await exec(sql`update audit_head set seq = ${checkpoint.seq}, hash = ${checkpoint.hash}`);
      expect(await verifyAuditChain(server.database.db, [checkpoint])).toMatchObject({ ok: true, checkpoints: 1 });
      // A checkpoint whose record was rewritten (hash and all) no longer matches either.
      const forged = { ...checkpoint, hash: "0".repeat(64) };
      expect((await verifyAuditChain(server.database.db, [forged])).firstBad?.seq).toBe(checkpoint.seq);
    } finally {
      await enableTrigger();
      await writeFile(server.config.auditCheckpointFile, "");
    }
  });

  it("keeps appending to a whole chain after the checks", async () => {
    const res = await admin.request({
      method: "POST",
      url: "/api/units",
      payload: { code: "AUD2", name: "之后", kind: "department", parentId: rootId },
    });
    expect(res.statusCode).toBe(201);
    const result = await verifyAuditChain(server.database.db);
    const rows = await allRows();
    expect(result).toEqual({ ok: true, checked: rows.length, algorithm: "sm3" });
    expect(rows.at(-1)!.entityId).toBe(res.json().id);
  });
});

describe("audit appends under concurrency", () => {
  let server: TestServer;
  let admin: Client;
  let rootId: string;
  const verify = () => verifyAuditChain(server.database.db);
  const createUnit = (code: string) =>
    admin.request({ method: "POST", url: "/api/units", payload: { code, name: code, kind: "department", parentId: rootId } });

  beforeAll(async () => {
    server = await startTestServer();
    rootId = (await makeUnit(server, { code: "R", kind: "city" })).id;
    await makeUser(server, { username: "admin1", unitCode: "R", roles: ["sys_admin"] });
    admin = await login(server, "admin1");
  });
  afterAll(() => server?.close());

  it("links concurrent commands, each in its own transaction, into one unbroken chain", async () => {
    const [before] = await server.database.db.select({ n: count() }).from(auditLog);
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => createUnit(`C${i}`)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(24).fill(201));
    const [after] = await server.database.db.select({ n: count() }).from(auditLog);
    expect(after!.n - before!.n).toBe(24);
    expect(await verify()).toEqual({ ok: true, checked: after!.n, algorithm: "sm3" });
  });

  it("keeps the chain whole when a transaction that appended rolls back", async () => {
    const actor = { id: null, name: "测试", unitId: null, unitName: null, ip: null };
    await expect(
      server.database.db.transaction(async (tx) => {
        await appendAudit(
          tx,
          actor,
          [{ action: "unit.update", businessType: "other", entityType: "test", entityId: "rolled-back" }],
          "sm3",
        );
        expect(await tx.select().from(auditLog).where(eq(auditLog.entityId, "rolled-back"))).toHaveLength(1);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    // The next append had chained onto the rolled-back record: it finds out and links to the real head.
    expect((await createUnit("AFTER_ROLLBACK")).statusCode).toBe(201);
    const result = await verify();
    expect(result.ok).toBe(true);
    const rows = await server.database.db.select().from(auditLog).where(eq(auditLog.entityId, "rolled-back"));
    expect(rows).toEqual([]);
  });

  /** A record chained onto `from`, made and hashed as another writer would. */
  function chainedOnto(from: { seq: number; hash: string }, action: string) {
    const content = {
      seq: from.seq + 1,
      at: new Date(),
      actorId: null,
      actorName: "另一进程",
      actorUnitId: null,
      actorUnitName: null,
      ip: null,
      action,
      businessType: "other",
      entityType: "test",
      entityId: null,
      before: null,
      after: null,
      reason: null,
      algorithm: "sm3",
      prevHash: from.hash,
    };
    return { ...content, hash: hashRecord(content, "sm3") };
  }
  const head = async () => (await server.database.db.select().from(auditHead))[0]!;
  const sqlState = (error: unknown) => {
    const e = error as { code?: string; cause?: { code?: string } };
    return e.cause?.code ?? e.code;
  };

  it("raises KP409 from audit_append, so the COMMIT sent with it never runs, when the head is not where it chains onto", async () => {
    const at = await head();
    const stale = { seq: at.seq - 1, hash: at.hash };
    const error = await server.database.db.execute(sql.raw(appendCall(stale, [chainedOnto(stale, "test.stale")]))).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect(sqlState(error)).toBe("KP409");
    const wrongHash = { seq: at.seq, hash: GENESIS_HASH };
    const again = await server.database.db
      .execute(sql.raw(appendCall(wrongHash, [chainedOnto(wrongHash, "test.stale")])))
      .catch((e: Error) => e);
    expect(sqlState(again)).toBe("KP409");
    expect(await server.database.db.select().from(auditLog).where(eq(auditLog.action, "test.stale"))).toEqual([]);
    expect(await head()).toEqual(at);
  });

  it("gives up with KP409 when the append it chains onto never comes (it failed), writing nothing", async () => {
    const at = await head();
    const never = chainedOnto(at, "test.never");
    const started = Date.now();
    const error = await server.database.db.execute(sql.raw(appendCall(never, [chainedOnto(never, "test.orphan")]))).catch((e: Error) => e);
    expect(sqlState(error)).toBe("KP409");
    expect(Date.now() - started).toBeGreaterThanOrEqual(190); // it waited (200 ms) before giving up
    expect(await server.database.db.select().from(auditLog).where(eq(auditLog.action, "test.orphan"))).toEqual([]);
    expect(await head()).toEqual(at);
  });

  it.skipIf(process.env.KAOPING_TEST_DB !== "postgres")(
    "an append that reaches the database before the one it chains onto waits for it, and the chain stays whole",
    async () => {
      const at = await head();
      const first = chainedOnto(at, "test.first");
      const second = chainedOnto(first, "test.second");
      // The second message is on its way first (as two backends may take a process's messages out of order).
      const late = runTransaction(server.database.db, ({ endWith }) => endWith!(appendCall(first, [second])));
      const waiting = async () =>
        rowsOf<{ n: number }>(
          await server.database.db.execute(
            sql`select count(*)::int as n from pg_stat_activity where wait_event = 'PgSleep' and query like '%test.second%'`,
          ),
        )[0]!.n;
      await expect.poll(waiting, { timeout: 5_000, interval: 5 }).toBe(1);
      await runTransaction(server.database.db, ({ endWith }) => endWith!(appendCall(at, [first])));
      await late;
      const rows = await server.database.db.select().from(auditLog).where(gt(auditLog.seq, at.seq)).orderBy(asc(auditLog.seq));
      expect(rows.map((r) => r.action)).toEqual(["test.first", "test.second"]);
      expect((await verify()).ok).toBe(true);
    },
  );

  it.skipIf(process.env.KAOPING_TEST_DB !== "postgres")(
    "a sign-in's append waits for a command's message still on its way, instead of taking the head before it",
    async () => {
      await createUnit("BEFORE_SIGN_IN"); // the process's guess is the head
      const before = auditFallbacks();
      const actor = { id: null, name: "测试", unitId: null, unitName: null, ip: null };
      const entry = (entityId: string) => ({
        action: "unit.update" as const,
        businessType: "other" as const,
        entityType: "test",
        entityId,
      });
      // A command whose append-and-commit reaches the database 50 ms after its records became the process's guess.
      const command = runTransaction(server.database.db, ({ tx, endWith }) =>
        commitWithAudit(
          { tx, endWith: async (statements) => new Promise((resolve) => setTimeout(resolve, 50)).then(() => endWith!(statements)) },
          actor,
          [entry("on-its-way")],
          "sm3",
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 5));
      // A sign-in appends inside its own transaction, chained onto that message.
      await runTransaction(server.database.db, ({ tx }) => appendAudit(tx, actor, [entry("signed-in")], "sm3"));
      await command;
      expect(auditFallbacks() - before).toBe(0);
      const rows = await server.database.db.select().from(auditLog).where(eq(auditLog.entityType, "test")).orderBy(asc(auditLog.seq));
      expect(rows.map((r) => r.entityId).slice(-2)).toEqual(["on-its-way", "signed-in"]);
      expect((await verify()).ok).toBe(true);
    },
  );

  describe.skipIf(process.env.KAOPING_TEST_DB !== "postgres")("a burst of commands", () => {
    const actor = { id: null, name: "测试", unitId: null, unitName: null, ip: null };
    /** `n` commands at once, each ending with its append and COMMIT in one message; answers how many fell back. */
    async function burst(label: string, n: number, gate?: Promise<void>): Promise<number> {
      const before = auditFallbacks();
      const command = (i: number) =>
        runTransaction(server.database.db, async ({ tx, endWith }) =>
          (gate ?? Promise.resolve()).then(() =>
            commitWithAudit(
              { tx, endWith },
              actor,
              [{ action: "unit.update", businessType: "other", entityType: "test", entityId: `${label}-${i}` }],
              "sm3",
            ),
          ),
        );
      await Promise.all(Array.from({ length: n }, (_, i) => command(i)));
      expect(
        await server.database.db
          .select()
          .from(auditLog)
          .where(like(auditLog.entityId, `${label}-%`)),
      ).toHaveLength(n);
      expect((await verify()).ok).toBe(true);
      return auditFallbacks() - before;
    }

    it("in a process just started (no guess, the head elsewhere) takes the head once and chains the rest onto it: none falls back", async () => {
      await moveHeadElsewhere("test.before-start");
      forgetAuditGuess();
      // Before: every message sent before the first came back chained onto the genesis, and each
      // one's fallback took the head, moving it under the messages chained onto the one before.
      expect(await burst("fresh", 40)).toBe(0);
    });

    it("in a process just started, takes the head once even when every command reaches its commit in the same instant", async () => {
      await moveHeadElsewhere("test.before-start-at-once");
      forgetAuditGuess();
      // Every BEGIN answered before any command ends: they all resume together, and each found no
      // guess and no append taking the head (five of eight fell back before appendAudit checked again).
      let open = () => {};
      const gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      const answered = burst("at-once", 8, gate);
      await new Promise((resolve) => setTimeout(resolve, 300));
      open();
      expect(await answered).toBe(0);
    });

    it("with a wrong guess falls back once for each message already on its way, not in a cascade", async () => {
      await burst("warm", 1); // the process's guess is the head
      await moveHeadElsewhere("test.burst-elsewhere");
      expect(await burst("wrong", 40)).toBeLessThanOrEqual(AUDIT_IN_FLIGHT);
    });
  });

  /** Another server process on the same database: it moves the head without this process knowing. */
  async function moveHeadElsewhere(action: string) {
    const record = chainedOnto(await head(), action);
    await server.database.db.transaction(async (tx) => {
      await tx.insert(auditLog).values(record);
      await tx.update(auditHead).set({ seq: record.seq, hash: record.hash }).where(eq(auditHead.id, 1));
    });
    return record;
  }

  it("links onto records another process appended", async () => {
    const record = await moveHeadElsewhere("test.elsewhere");
    expect((await createUnit("AFTER_ELSEWHERE")).statusCode).toBe(201);
    const rows = await server.database.db.select().from(auditLog).orderBy(asc(auditLog.seq));
    expect(rows.at(-1)!.prevHash).toBe(record.hash);
    expect(await verify()).toEqual({ ok: true, checked: rows.length, algorithm: "sm3" });
  });
});

describe("audit log with SHA-256", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ auditAlgorithm: "sha256" });
    await makeUnit(server, { code: "R", kind: "city" });
    await makeUnit(server, { code: "A", kind: "district", parentCode: "R" });
  });
  afterAll(() => server?.close());

  it("writes sha256 records that verify", async () => {
    const rows = await server.database.db.select().from(auditLog).orderBy(asc(auditLog.seq));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.algorithm).toBe("sha256");
      const { hash, ...content } = row;
      expect(hashRecord(content, "sha256")).toBe(hash);
      expect(hashRecord(content, "sm3")).not.toBe(hash);
    }
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(await verifyAuditChain(server.database.db)).toEqual({ ok: true, checked: 2, algorithm: "sha256" });
  });

  it("detects tampering in a sha256 chain too", async () => {
    await server.database.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    try {
      await server.database.db.execute(sql`update audit_log set ip = '6.6.6.6' where seq = 1`);
      const result = await verifyAuditChain(server.database.db);
      expect(result.ok).toBe(false);
      expect(result.algorithm).toBe("sha256");
      expect(result.firstBad?.seq).toBe(1);
    } finally {
      await server.database.db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    }
  });
});
