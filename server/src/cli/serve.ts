import { startAuditCheckpoints } from "../platform/audit/checkpoint.ts";
import { loadConfig } from "../platform/config.ts";
import { openDatabase } from "../platform/db/client.ts";
import { createServer } from "../server.ts";
import { type SetupReport, setupDatabase } from "../setup.ts";

function printLogin(report: SetupReport, url: string): void {
  const lines = [`Kaoping 考评 已启动：${url}`, `API 文档：${url}/api/docs`];
  if (report.admin) {
    lines.push(
      report.admin.password
        ? `管理员账号：${report.admin.username}  一次性密码：${report.admin.password}（仅显示这一次，首次登录后须修改）`
        : `管理员账号：${report.admin.username}（密码取自 KAOPING_ADMIN_PASSWORD）`,
    );
  }
  if (report.demo) {
    lines.push(
      `已载入演示数据：${report.demo.units} 个单位，${report.demo.groups} 个分组`,
      `演示账号：${report.demo.usernames.join("、")}  共用密码：${report.demo.password}（仅显示这一次）`,
    );
  }
  if (!report.admin && !report.demo) lines.push("忘记密码：npx kaoping users reset-password <用户名>");
  console.log(`\n${lines.map((l) => `  ${l}`).join("\n")}\n`);
}

/** `kaoping serve`: migrate, set up, listen, print how to log in. */
export async function serveCommand(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  const report = await setupDatabase(database, config);
  const { app } = await createServer({ database, config, logger: { level: process.env.LOG_LEVEL ?? "warn" }, serveWeb: true });
  const checkpoints = startAuditCheckpoints({
    db: database.db,
    file: config.auditCheckpointFile,
    minutes: config.auditCheckpointMinutes,
    log: app.log,
  });
  const close = async () => {
    await app.close();
    await checkpoints.stop();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", close);
  process.on("SIGTERM", close);
  await app.listen({ port: config.port, host: config.host });
  printLogin(report, `http://localhost:${config.port}`);
}
