import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../platform/auth/password.ts";
import { REPO_ROOT } from "../platform/config.ts";
import { openDatabase } from "../platform/db/client.ts";
import { auditLog, users } from "../platform/db/schema.ts";
import { createScratchPostgresDatabase } from "../test/database.ts";
import { UNIT_HEADERS } from "../test/harness.ts";

/**
 * The real `kaoping` CLI as a child process, against its own database: a
 * temporary PGlite directory, or (KAOPING_TEST_DB=postgres) a fresh database
 * on the DATABASE_URL server. Every CLI start costs ~2 s, so the file runs a
 * handful of commands in sequence, each test building on the one before.
 */

const usePostgres = process.env.KAOPING_TEST_DB === "postgres";
let tmpDir: string;
let target: { dataDir: string; databaseUrl?: string };
let dropDatabase: (() => Promise<void>) | undefined;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, KAOPING_DEMO: "false", KAOPING_DATA_DIR: target.dataDir };
  delete env.DATABASE_URL;
  delete env.KAOPING_ADMIN_PASSWORD;
  delete env.KAOPING_NEW_PASSWORD;
  if (target.databaseUrl) env.DATABASE_URL = target.databaseUrl;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(REPO_ROOT, "server/bin/kaoping.mjs"), ...args],
      { cwd: REPO_ROOT, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** The same database the CLI uses, opened in this process (only while no CLI runs: PGlite is single-user). */
async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>["db"]) => Promise<T>): Promise<T> {
  const database = await openDatabase(target);
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

const ROWS: (string | number | null)[][] = [
  ["CLI-SH", "上海市人民政府", "上海市", "市", null, "否", "正常", 1],
  ["CLI-HP", "上海市黄浦区人民政府", "黄浦区", "区", "CLI-SH", "否", "正常", 1],
  ["CLI-HP-D01", "上海市黄浦区市场监督管理局", "区市场监管局", "部门", "CLI-HP", "否", "正常", 1],
  ["CLI-D34", "上海市气象局", "市气象局", "部门", "CLI-SH", "是", "正常", 2],
  ["CLI-C01", "已撤并的服务中心", null, "中心", "CLI-SH", "否", "停用", 3],
];

async function writeWorkbook(file: string, rows: (string | number | null)[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("单位");
  sheet.addRow(UNIT_HEADERS);
  for (const row of rows) sheet.addRow(row);
  await wb.xlsx.writeFile(file);
}

/** The export's data rows as text keyed by header (required headers carry a trailing *). */
async function readExport(file: string): Promise<Map<string, Record<string, string>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.getWorksheet("单位")!;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map((h) => String(h).replace(/\*$/, ""));
  const out = new Map<string, Record<string, string>>();
  for (let r = 2; r <= sheet.rowCount; r++) {
    const values = (sheet.getRow(r).values as unknown[]).slice(1);
    if (!values.length) continue;
    const record = Object.fromEntries(headers.map((h, i) => [h, values[i] === undefined || values[i] === null ? "" : String(values[i])]));
    out.set(String(values[headers.indexOf("单位编码")]), record);
  }
  return out;
}

beforeAll(async () => {
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "kaoping-cli-"));
  target = { dataDir: path.join(tmpDir, "data") };
  if (usePostgres) {
    const scratch = await createScratchPostgresDatabase("kaoping_cli");
    // The data dir stays set (and unused): were DATABASE_URL lost, PGlite would not land in the repository.
    target = { dataDir: target.dataDir, databaseUrl: scratch.url };
    dropDatabase = scratch.drop;
  }
});
afterAll(async () => {
  await dropDatabase?.();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

// Each test starts the CLI up to five times (a process, the database opened, migrations checked):
// seconds each on an idle machine, 15 s on a loaded one.
describe("kaoping CLI", { timeout: 180_000 }, () => {
  it("imports units from .xlsx into an empty database", async () => {
    const file = path.join(tmpDir, "in.xlsx");
    await writeWorkbook(file, ROWS);
    const run = await cli("units", "import", file);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`新增 ${ROWS.length}，更新 0，共 ${ROWS.length} 行`);
    // The CLI used the database it was pointed at: PGlite files in the temp dir, or none at all on PostgreSQL.
    expect(fs.existsSync(path.join(target.dataDir, "PG_VERSION"))).toBe(!usePostgres);
  });

  it("creates a user and prints a one-time password that matches the stored hash", async () => {
    const run = await cli(
      "users",
      "create",
      "--username",
      "cli_liaison",
      "--name",
      "命令行联络员",
      "--unit",
      "CLI-HP-D01",
      "--role",
      "unit_liaison",
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("已创建用户 cli_liaison（上海市黄浦区市场监督管理局）");
    const password = /一次性密码：(\S+?)（/.exec(run.stdout)?.[1];
    expect(password).toMatch(/^\S{16}$/);
    const [user] = await withDb((db) => db.select().from(users).where(eq(users.username, "cli_liaison")));
    expect(user!.mustChangePassword).toBe(true);
    expect(await verifyPassword(password!, user!.passwordHash)).toBe(true);
  });

  it("exports the units so that the file matches what was imported", async () => {
    const out = path.join(tmpDir, "out.xlsx");
    const run = await cli("units", "export", "-o", out);
    expect(run.code).toBe(0);
    const exported = await readExport(out);
    // Besides the imported units, the first start created the admin's unit (no demo data to put it in).
    expect(run.stdout).toContain(`已导出 ${ROWS.length + 1} 个单位`);
    expect([...exported.keys()].sort()).toEqual([...ROWS.map((r) => String(r[0])), "SYSTEM"].sort());
    for (const row of ROWS) {
      const [code, name, shortName, kind, parentCode, isReference, status, sortOrder] = row.map((v) => (v === null ? "" : String(v)));
      expect(exported.get(code!), code).toEqual({
        单位编码: code,
        单位名称: name,
        简称: shortName,
        单位类型: kind,
        上级单位编码: parentCode,
        参照评估单位: isReference,
        状态: status,
        排序: sortOrder,
      });
    }
    // Parents come before their children, so the file imports again as is.
    const order = [...exported.keys()];
    expect(order.indexOf("CLI-SH")).toBeLessThan(order.indexOf("CLI-HP"));
    expect(order.indexOf("CLI-HP")).toBeLessThan(order.indexOf("CLI-HP-D01"));
  });

  let tamperedSeq = 0;
  let chainLength = 0;

  it("verifies the untouched audit chain with exit code 0", async () => {
    const run = await cli("audit", "verify");
    expect(run.code).toBe(0);
    const checked = Number(/已校验 (\d+) 条记录（sm3）/.exec(run.stdout)?.[1]);
    // At least: the admin's unit and account, each imported unit, the import summary, the CLI user.
    expect(checked).toBeGreaterThanOrEqual(ROWS.length + 4);
    tamperedSeq = Math.floor(checked / 2);
    chainLength = checked;
  });

  it("exports the head as a checkpoint and verifies against it; one beyond the chain names the missing records", async () => {
    const printed = await cli("audit", "checkpoint");
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.stdout)).toMatchObject({ seq: chainLength, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const file = path.join(tmpDir, "checkpoint.json");
    expect((await cli("audit", "checkpoint", "-o", file)).code).toBe(0);
    const verified = await cli("audit", "verify", "--checkpoint", file);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain("与 1 个检查点一致");

    const beyond = path.join(tmpDir, "beyond.json");
    fs.writeFileSync(beyond, JSON.stringify({ seq: chainLength + 3, hash: "a".repeat(64), at: "2026-12-01T00:00:00.000Z" }));
    const short = await cli("audit", "verify", "--checkpoint", beyond);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain(`第 ${chainLength + 1}–${chainLength + 3} 条记录连同链头被删除`);
    expect((await cli("audit", "verify", "--checkpoint", path.join(tmpDir, "no-such-file.json"))).code).not.toBe(0);
  });

  it("fails with exit code 1 naming the record after a row was altered", async () => {
    expect(tamperedSeq).toBeGreaterThan(1);
    await withDb(async (db) => {
      await db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
      const changed = await db.update(auditLog).set({ actorName: "篡改者" }).where(eq(auditLog.seq, tamperedSeq)).returning();
      expect(changed).toHaveLength(1);
      await db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    });
    const run = await cli("audit", "verify");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`第 ${tamperedSeq} 条记录`);
    expect(run.stderr).toContain("内容哈希不匹配");
    expect(run.stderr).toContain(`此前 ${tamperedSeq - 1} 条完好`);
  });
});
