import fs from "node:fs";
import {
  accuracyOf,
  checkGuide,
  GUIDE_ELEMENTS,
  type GuideResult,
  guideCheck,
  type ImportIssue,
  parseProvincialExport,
  type ServiceGuide,
  serviceGuideSchema,
} from "@kaoping/core";
import type { Command } from "commander";
import { AppError } from "../platform/errors.ts";

type Format = "kaoping" | "provincial";

/** What a file held: its guides, and the import's problems (records left out are errors). */
interface ReadGuides {
  guides: ServiceGuide[];
  issues: ImportIssue[];
}

/** Guides from a file: Kaoping's own JSON (an array, or `{ guides: [...] }`) or a provincial platform export. */
export function readGuides(text: string, format: Format, source?: string): ReadGuides {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError("VALIDATION", `文件不是有效的 JSON：${(error as Error).message}`);
  }
  // A provincial batch goes on past a broken record (the adapter reports it); Kaoping's own JSON is all or nothing.
  if (format === "provincial") return parseProvincialExport(json, { source });
  const list = Array.isArray(json) ? json : (json as { guides?: unknown })?.guides;
  if (!Array.isArray(list)) throw new AppError("VALIDATION", "文件应为办事指南数组，或含 guides 数组的对象");
  const guides = list.map((item, index) => {
    const parsed = serviceGuideSchema.safeParse(item);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    throw new AppError("VALIDATION", `第 ${index + 1} 份办事指南无效：${[index, ...issue.path].join(".")} ${issue.message}`, [
      { path: [String(index), ...issue.path.map(String)], message: issue.message },
    ]);
  });
  return { guides, issues: [] };
}

/** A one-line progress bar on a terminal's stderr; nothing when stderr is a pipe or a file. */
function progress(total: number) {
  const tty = process.stderr.isTTY;
  let shown = -1;
  return (done: number) => {
    const percent = Math.floor((100 * done) / Math.max(total, 1));
    if (!tty || percent === shown) return;
    shown = percent;
    const filled = Math.round(percent / 4);
    process.stderr.write(
      `\r检查中 [${"█".repeat(filled)}${" ".repeat(25 - filled)}] ${percent}% ${done}/${total}${done === total ? "\n" : ""}`,
    );
  };
}

function report(guide: ServiceGuide, result: GuideResult) {
  return {
    name: guide.name,
    implementationCode: guide.implementationCode,
    version: guide.version,
    accuracy: Math.round(accuracyOf([result]) * 1000) / 10,
    findings: result.findings.map((f) => {
      const check = guideCheck(f.checkId)!;
      return { ...f, elementLabel: GUIDE_ELEMENTS[f.element].label, message: check.message.zh, fix: check.fix.zh };
    }),
  };
}

const SEVERITY_LABEL = { error: "错误", warning: "警告", info: "提示" } as const;

export function registerGuideCommands(program: Command): void {
  const guides = program.command("guides").description("service guides (办事指南)");
  guides
    .command("check <file>")
    .description(
      "check every guide in a file element by element; exit 1 when a guide has an error or a record could not be read, 2 when nothing could be checked",
    )
    .option("-f, --format <format>", "kaoping (own JSON) or provincial (platform export)", "kaoping")
    .option("--source <code>", "the provincial code tables to use (e.g. gx)")
    .option("--json", "print the results as JSON", false)
    .action((file: string, opts: { format: string; source?: string; json: boolean }) => {
      try {
        checkFile(file, opts);
      } catch (error) {
        // Nothing could be checked: exit 2, apart from 1 (“checked, and a guide has errors”).
        if (!(error instanceof AppError)) throw error;
        console.error(`错误：${error.message}`);
        process.exitCode = 2;
      }
    });
}

function checkFile(file: string, opts: { format: string; source?: string; json: boolean }): void {
  if (opts.format !== "kaoping" && opts.format !== "provincial")
    throw new AppError("VALIDATION", `未知格式：${opts.format}（可用 kaoping、provincial）`);
  if (!fs.existsSync(file)) throw new AppError("NOT_FOUND", `找不到文件：${file}`);
  const { guides: list, issues } = readGuides(fs.readFileSync(file, "utf8"), opts.format, opts.source);
  for (const issue of issues) console.error(`[导入${issue.severity === "error" ? "错误" : "警告"}] ${issue.message}`);
  if (list.length === 0) throw new AppError("VALIDATION", "文件中没有可检查的办事指南");
  const tick = progress(list.length);
  const results = list.map((guide, index) => {
    const result = checkGuide(guide);
    tick(index + 1);
    return result;
  });
  const reports = list.map((guide, index) => report(guide, results[index]!));
  const errors = reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === "error").length, 0);
  const importErrors = issues.filter((i) => i.severity === "error").length;
  const summary = { guides: list.length, accuracy: Math.round(accuracyOf(results) * 1000) / 10, errors, importErrors };
  if (opts.json) console.log(JSON.stringify({ summary, importIssues: issues, guides: reports }, null, 2));
  else {
    for (const r of reports) {
      console.log(`\n${r.name}（${r.implementationCode || "无编码"}${r.version ? `，第 ${r.version} 版` : ""}）准确度 ${r.accuracy}%`);
      for (const f of r.findings) {
        console.log(
          `  [${SEVERITY_LABEL[f.severity]}] ${f.checkId} ${f.elementLabel} ${f.path}：${f.message}${f.detail ? `（${f.detail}）` : ""}`,
        );
      }
    }
    const skipped = importErrors ? `；${importErrors} 处导入错误，相关记录未检查` : "";
    console.log(`\n共检查 ${summary.guides} 份办事指南，要素准确度 ${summary.accuracy}%，错误 ${errors} 处${skipped}`);
  }
  if (errors > 0 || importErrors > 0) process.exitCode = 1;
}
