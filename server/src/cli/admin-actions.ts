import fs from "node:fs";
import path from "node:path";
import { userCreateSchema } from "@kaoping/core";
import { eq } from "drizzle-orm";
import { listUnitsForExport } from "../modules/units/queries.ts";
import { exportUnitsWorkbook, importUnits, parseUnitWorkbook } from "../modules/units/transfer.ts";
import { createUser, resetUserPassword } from "../modules/users/commands.ts";
import { readCheckpoints, takeCheckpoint } from "../platform/audit/checkpoint.ts";
import { verifyAuditChain } from "../platform/audit/verify.ts";
import { generatePassword } from "../platform/auth/password.ts";
import { units, users } from "../platform/db/schema.ts";
import { AppError } from "../platform/errors.ts";
import { runCommand } from "../platform/http/command.ts";
import { withDatabase } from "./database.ts";
import { cliPrincipal } from "./principal.ts";

/** The administration commands: migrations, the audit chain, units and user accounts. */

export const migrate = () => withDatabase({ setup: true, demo: false }, async () => console.log("数据库已是最新版本"));

/** Checks the chain against the server's checkpoint file and, when given, one more file of checkpoints. */
export const verifyAudit = (opts: { checkpoint?: string } = {}) =>
  withDatabase({}, async ({ database, ctx }) => {
    const checkpoints = [
      ...(await readCheckpoints(ctx.config.auditCheckpointFile)),
      ...(opts.checkpoint ? await readGivenCheckpoints(opts.checkpoint) : []),
    ];
    const result = await verifyAuditChain(database.db, checkpoints);
    if (result.ok) {
      const compared = checkpoints.length ? `，与 ${checkpoints.length} 个检查点一致` : "";
      console.log(`审计链完整：已校验 ${result.checked} 条记录（${result.algorithm}）${compared}`);
      return;
    }
    console.error(`审计链校验失败：第 ${result.firstBad?.seq} 条记录 — ${result.firstBad?.problem}（此前 ${result.checked} 条完好）`);
    process.exitCode = 1;
  });

/** A file named on the command line must exist: a typo must not pass as "no checkpoints". */
async function readGivenCheckpoints(file: string) {
  if (!fs.existsSync(file)) throw new Error(`检查点文件不存在：${path.resolve(file)}`);
  return readCheckpoints(file);
}

/** `kaoping audit checkpoint`: the head as one JSON object, to stdout or a file. */
export const exportAuditCheckpoint = (opts: { out?: string }) =>
  withDatabase({}, async ({ database }) => {
    const checkpoint = await takeCheckpoint(database.db);
    if (!checkpoint) {
      console.error("审计链为空，没有可导出的检查点");
      process.exitCode = 1;
      return;
    }
    const text = `${JSON.stringify(checkpoint)}\n`;
    if (!opts.out) {
      process.stdout.write(text);
      return;
    }
    fs.writeFileSync(opts.out, text);
    console.log(`已导出检查点 #${checkpoint.seq} 到 ${path.resolve(opts.out)}`);
  });

export const exportUnitsFile = (opts: { out: string }) =>
  withDatabase({}, async ({ database }) => {
    const rows = await listUnitsForExport({ db: database.db, principal: cliPrincipal() });
    fs.writeFileSync(opts.out, await exportUnitsWorkbook(rows));
    console.log(`已导出 ${rows.length} 个单位到 ${path.resolve(opts.out)}`);
  });

export const importUnitsFile = (file: string, opts: { updateExisting: boolean }) =>
  withDatabase({ setup: true, demo: false }, async ({ ctx }) => {
    const rows = await parseUnitWorkbook(fs.readFileSync(file));
    const result = await runCommand(ctx, cliPrincipal(), null, (command) =>
      importUnits({ ctx: command, rows, updateExisting: opts.updateExisting, source: path.basename(file) }),
    );
    console.log(`导入完成：新增 ${result.created}，更新 ${result.updated}，共 ${result.total} 行`);
  });

export const createUserAccount = (opts: { username: string; name: string; unit: string; role: string[]; password?: string }) =>
  withDatabase({ setup: true, demo: false }, async ({ ctx, database }) => {
    const [unit] = await database.db.select().from(units).where(eq(units.code, opts.unit));
    if (!unit) throw new AppError("NOT_FOUND", `单位编码 ${opts.unit} 不存在`);
    const given = opts.password ?? process.env.KAOPING_NEW_PASSWORD;
    const password = given ?? generatePassword([opts.username]);
    // The same contract as POST /api/users: trimmed names, known roles, password policy.
    const parsed = userCreateSchema.safeParse({
      username: opts.username,
      displayName: opts.name,
      unitId: unit.id,
      roleCodes: opts.role,
      password,
    });
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: i.path as string[], message: `${i.path.join(".")}: ${i.message}` }));
      throw new AppError("VALIDATION", "参数无效", details);
    }
    await runCommand(ctx, cliPrincipal(), null, (command) => createUser({ ctx: command, input: parsed.data, mustChangePassword: !given }));
    console.log(`已创建用户 ${opts.username}（${unit.name}）`);
    if (!given) console.log(`一次性密码：${password}（首次登录后须修改）`);
  });

export const resetPassword = (username: string) =>
  withDatabase({}, async ({ ctx, database }) => {
    const [user] = await database.db.select().from(users).where(eq(users.username, username));
    if (!user) throw new AppError("NOT_FOUND", `用户 ${username} 不存在`);
    const password = generatePassword([username]);
    await runCommand(ctx, cliPrincipal(), null, (command) => resetUserPassword({ ctx: command, id: user.id, password }));
    console.log(`用户 ${username} 的一次性密码：${password}（登录后须修改）`);
  });
