import fs from "node:fs";
import path from "node:path";
import { ROLE_CODES, userCreateSchema } from "@kaoping/core";
import { Command } from "commander";
import { eq } from "drizzle-orm";
import { listUnitsForExport } from "../modules/units/queries.ts";
import { exportUnitsWorkbook, importUnits, parseUnitWorkbook } from "../modules/units/transfer.ts";
import { createUser, resetUserPassword } from "../modules/users/commands.ts";
import { verifyAuditChain } from "../platform/audit/verify.ts";
import { generatePassword } from "../platform/auth/password.ts";
import { units, users } from "../platform/db/schema.ts";
import { AppError } from "../platform/errors.ts";
import { runCommand } from "../platform/http/command.ts";
import { withDatabase } from "./database.ts";
import { registerFrameworkCommands } from "./framework-commands.ts";
import { registerGuideCommands } from "./guide-commands.ts";
import { cliPrincipal } from "./principal.ts";
import { serveCommand } from "./serve.ts";

const program = new Command("kaoping").description("Kaoping 考评 — server and administration commands");

program.command("serve").description("migrate, load demo data on first start, and serve the API and web app").action(serveCommand);

program
  .command("migrate")
  .description("apply database migrations and seed built-in roles (no demo data)")
  .action(() => withDatabase({ setup: true, demo: false }, async () => console.log("数据库已是最新版本")));

const audit = program.command("audit").description("the tamper-evident audit log");
audit
  .command("verify")
  .description("check the hash chain; exits 1 naming the first bad record")
  .action(() =>
    withDatabase({}, async ({ database }) => {
      const result = await verifyAuditChain(database.db);
      if (result.ok) {
        console.log(`审计链完整：已校验 ${result.checked} 条记录（${result.algorithm}）`);
        return;
      }
      console.error(`审计链校验失败：第 ${result.firstBad?.seq} 条记录 — ${result.firstBad?.problem}（此前 ${result.checked} 条完好）`);
      process.exitCode = 1;
    }),
  );

const unitsCmd = program.command("units").description("units (考核对象)");
unitsCmd
  .command("export")
  .description("export every unit as .xlsx with Chinese headers")
  .option("-o, --out <file>", "output file", "units.xlsx")
  .action((opts: { out: string }) =>
    withDatabase({}, async ({ database }) => {
      const rows = await listUnitsForExport({ db: database.db, principal: cliPrincipal() });
      fs.writeFileSync(opts.out, await exportUnitsWorkbook(rows));
      console.log(`已导出 ${rows.length} 个单位到 ${path.resolve(opts.out)}`);
    }),
  );
unitsCmd
  .command("import <file>")
  .description("import units from .xlsx (all or nothing)")
  .option("-u, --update-existing", "update units whose code exists", false)
  .action((file: string, opts: { updateExisting: boolean }) =>
    withDatabase({ setup: true, demo: false }, async ({ ctx }) => {
      const rows = await parseUnitWorkbook(fs.readFileSync(file));
      const result = await runCommand(ctx, cliPrincipal(), null, (command) =>
        importUnits({ ctx: command, rows, updateExisting: opts.updateExisting, source: path.basename(file) }),
      );
      console.log(`导入完成：新增 ${result.created}，更新 ${result.updated}，共 ${result.total} 行`);
    }),
  );

const usersCmd = program.command("users").description("user accounts");
usersCmd
  .command("create")
  .description("create a user; prints a one-time password unless --password or KAOPING_NEW_PASSWORD is given")
  .requiredOption("--username <username>")
  .requiredOption("--name <displayName>")
  .requiredOption("--unit <code>", "unit code")
  .requiredOption("--role <roles...>", `one or more of ${ROLE_CODES.join(", ")}`)
  .option("--password <password>", "initial password (else generated, must be changed at first login)")
  .action((opts: { username: string; name: string; unit: string; role: string[]; password?: string }) =>
    withDatabase({ setup: true, demo: false }, async ({ ctx, database }) => {
      const [unit] = await database.db.select().from(units).where(eq(units.code, opts.unit));
      if (!unit) throw new AppError("NOT_FOUND", `单位编码 ${opts.unit} 不存在`);
      const given = opts.password ?? process.env.KAOPING_NEW_PASSWORD;
      const password = given ?? generatePassword();
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
      await runCommand(ctx, cliPrincipal(), null, (command) =>
        createUser({ ctx: command, input: parsed.data, mustChangePassword: !given }),
      );
      console.log(`已创建用户 ${opts.username}（${unit.name}）`);
      if (!given) console.log(`一次性密码：${password}（首次登录后须修改）`);
    }),
  );
usersCmd
  .command("reset-password <username>")
  .description("set a new one-time password and unlock the account")
  .action((username: string) =>
    withDatabase({}, async ({ ctx, database }) => {
      const [user] = await database.db.select().from(users).where(eq(users.username, username));
      if (!user) throw new AppError("NOT_FOUND", `用户 ${username} 不存在`);
      const password = generatePassword();
      await runCommand(ctx, cliPrincipal(), null, (command) => resetUserPassword({ ctx: command, id: user.id, password }));
      console.log(`用户 ${username} 的一次性密码：${password}（登录后须修改）`);
    }),
  );

registerFrameworkCommands(program);
registerGuideCommands(program);

program.parseAsync().catch((error: unknown) => {
  console.error(
    error instanceof AppError
      ? `错误：${error.message}${error.details ? `\n${error.details.map((d) => `  - ${d.row ? `第${d.row}行 ${d.column}：` : ""}${d.message}`).join("\n")}` : ""}`
      : error,
  );
  process.exitCode = 1;
});
