import fs from "node:fs";
import { CAMPAIGN_STATUS_LABELS } from "@kaoping/core";
import { startAuditCheckpoints } from "../platform/audit/checkpoint.ts";
import { type Config, loadConfig } from "../platform/config.ts";
import { openDatabase } from "../platform/db/client.ts";
import { createServer } from "../server.ts";
import { type SetupReport, setupDatabase } from "../setup.ts";

/** What the start banner says: where to go, how to log in, what the demo holds, what is missing. */
export function bannerLines(report: SetupReport, url: string, config: Pick<Config, "chromiumPath">): string[] {
  const lines = [`Kaoping 考评 已启动：${url}`, `API 文档：${url}/api/docs`];
  if (report.admin) {
    lines.push(
      report.admin.password
        ? `管理员账号：${report.admin.username}  一次性密码：${report.admin.password}（仅显示这一次，首次登录后须修改）`
        : `管理员账号：${report.admin.username}（密码取自 KAOPING_ADMIN_PASSWORD）`,
    );
  }
  if (report.demo) {
    const { demo } = report;
    lines.push(
      `已载入演示数据：${demo.units} 个单位，${demo.groups} 个分组，${demo.frameworks} 套已发布的指标体系，${demo.guideVersions} 个办事指南版本`,
      ...demo.campaigns.map((c) => `演示考核：${c.name}（${CAMPAIGN_STATUS_LABELS[c.status]}）`),
      ...(demo.cases
        ? [
            `演示办件：${demo.cases.accepted} 件入库（${demo.cases.events} 个办理环节），${demo.cases.quarantined} 行进入隔离区（预置的数据质量问题）`,
          ]
        : []),
      ...(demo.supervision
        ? [
            `演示电子监察：${demo.supervision.warnings} 条预警，${demo.supervision.orders} 张督办单，${demo.supervision.keys} 个签章密钥，已发布 ${demo.supervision.bulletinMonth} 运行情况通报`,
          ]
        : []),
      ...(demo.ratings
        ? [
            `演示好差评：${demo.ratings.ratings} 条评价，${demo.ratings.reviews} 件较早的差评已按流程处置；接通率抽查 ${demo.ratings.calls} 通电话已登记`,
          ]
        : []),
      `演示账号：${demo.usernames.join("、")}  共用密码：${demo.password}（仅显示这一次）`,
      "建议先以 kpb（考评办）登录查看驾驶舱，以 cn_scjg_lly（区市场监管局联络员）查看本单位填报与申诉",
    );
  }
  if (!report.admin && !report.demo) lines.push("忘记密码：npx kaoping users reset-password <用户名>");
  if (!fs.existsSync(config.chromiumPath)) {
    lines.push(`注意：未找到 Chromium（${config.chromiumPath}），PDF 报告与通报无法生成；请安装 Chromium 或以 KAOPING_CHROMIUM 指定其路径`);
  }
  return lines;
}

function printLogin(report: SetupReport, url: string, config: Config): void {
  console.log(
    `\n${bannerLines(report, url, config)
      .map((l) => `  ${l}`)
      .join("\n")}\n`,
  );
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
  printLogin(report, `http://localhost:${config.port}`, config);
}
