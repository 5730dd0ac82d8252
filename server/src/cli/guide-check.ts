import fs from "node:fs";
import {
  accuracyOf,
  CODE_TABLE_LABELS,
  type CodeGapCount,
  checkGuide,
  codeGaps,
  countCodeGaps,
  type GuideResult,
  type ServiceGuide,
  withLinkFindings,
} from "@kaoping/core";
import { decodeGuideFile } from "../modules/guides/decode.ts";
import { presentFinding } from "../modules/guides/presenter.ts";
import { AppError } from "../platform/errors.ts";
import { type CheckUrlsOptions, checkGuideLinks } from "../platform/net/links.ts";

export const FORMATS = ["auto", "kaoping", "provincial", "excel"] as const;
type Format = (typeof FORMATS)[number];

export interface CheckOptions {
  format: Format;
  source?: string;
  json: boolean;
  links: boolean;
  linkTimeout: string;
  linkConcurrency: string;
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
    findings: result.findings.map(presentFinding),
    codeGaps: codeGaps(guide),
  };
}

/** The codes the source's tables lack: the office's to add, not the guides' defects. */
function printCodeGaps(gaps: readonly CodeGapCount[]): void {
  if (gaps.length === 0) return;
  console.log("\n代码表缺口（代码表中没有这些代码，不计为指南错误，请在“指南规则设置 → 代码对照表”中补充）：");
  for (const gap of gaps) {
    const where = gap.paths.join("、");
    console.log(`  来源“${gap.source}”${CODE_TABLE_LABELS[gap.table]} 代码“${gap.code}”：${gap.guides} 份指南（${where}）`);
  }
}

const SEVERITY_LABEL = { error: "错误", warning: "警告", info: "提示" } as const;

/** A whole number ≥ 1 from an option, or exit 2 naming the option. */
function positiveInt(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new AppError("VALIDATION", `${option} 应为正整数：${value}`);
  return n;
}

/** The link check's settings, read before anything is checked; null without --links (no network then). */
function linkOptions(opts: CheckOptions): CheckUrlsOptions | null {
  if (!opts.links) return null;
  return {
    timeoutMs: positiveInt(opts.linkTimeout, "--link-timeout"),
    concurrency: positiveInt(opts.linkConcurrency, "--link-concurrency"),
  };
}

/** Each guide's result with the findings of its dead links added (their elements then fail). */
async function withLinks(list: ServiceGuide[], results: GuideResult[], options: CheckUrlsOptions | null): Promise<GuideResult[]> {
  if (!options) return results;
  if (process.stderr.isTTY) process.stderr.write("检查链接中…\n");
  const findings = await checkGuideLinks(list, options);
  return results.map((result, index) => withLinkFindings(result, findings[index]!));
}

/** `kaoping guides check`: exit 1 when a guide has an error or a record could not be read, 2 when nothing could be checked. */
export async function checkGuidesFile(file: string, opts: CheckOptions): Promise<void> {
  try {
    await checkFile(file, opts);
  } catch (error) {
    // Nothing could be checked: exit 2, apart from 1 (“checked, and a guide has errors”).
    if (!(error instanceof AppError)) throw error;
    console.error(`错误：${error.message}`);
    process.exitCode = 2;
  }
}

async function checkFile(file: string, opts: CheckOptions): Promise<void> {
  if (!(FORMATS as readonly string[]).includes(opts.format))
    throw new AppError("VALIDATION", `未知格式：${opts.format}（可用 ${FORMATS.join("、")}）`);
  const links = linkOptions(opts);
  if (!fs.existsSync(file)) throw new AppError("NOT_FOUND", `找不到文件：${file}`);
  // The registry's own reader: the CLI accepts exactly what an import accepts.
  const { guides: list, issues } = await decodeGuideFile({
    buffer: fs.readFileSync(file),
    fileName: file,
    format: opts.format,
    source: opts.source ?? "gx",
  });
  for (const issue of issues) console.error(`[导入${issue.severity === "error" ? "错误" : "警告"}] ${issue.message}`);
  if (list.length === 0) throw new AppError("VALIDATION", "文件中没有可检查的办事指南");
  const tick = progress(list.length);
  const checked = list.map((guide, index) => {
    const result = checkGuide(guide);
    tick(index + 1);
    return result;
  });
  const results = await withLinks(list, checked, links);
  const reports = list.map((guide, index) => report(guide, results[index]!));
  const errors = reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === "error").length, 0);
  const importErrors = issues.filter((i) => i.severity === "error").length;
  const gaps = countCodeGaps(list);
  const summary = { guides: list.length, accuracy: Math.round(accuracyOf(results) * 1000) / 10, errors, importErrors };
  if (opts.json) console.log(JSON.stringify({ summary, importIssues: issues, codeGaps: gaps, guides: reports }, null, 2));
  else {
    for (const r of reports) {
      console.log(`\n${r.name}（${r.implementationCode || "无编码"}${r.version ? `，第 ${r.version} 版` : ""}）准确度 ${r.accuracy}%`);
      for (const f of r.findings) {
        console.log(
          `  [${SEVERITY_LABEL[f.severity]}] ${f.checkId} ${f.elementLabel} ${f.path}：${f.message}${f.detail ? `（${f.detail}）` : ""}`,
        );
      }
    }
    printCodeGaps(gaps);
    const skipped = importErrors ? `；${importErrors} 处导入错误，相关记录未检查` : "";
    console.log(`\n共检查 ${summary.guides} 份办事指南，要素准确度 ${summary.accuracy}%，错误 ${errors} 处${skipped}`);
  }
  if (errors > 0 || importErrors > 0) process.exitCode = 1;
}
