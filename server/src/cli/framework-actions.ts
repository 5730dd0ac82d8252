import fs from "node:fs";
import path from "node:path";
import {
  assessedUnitSchema,
  BUILTIN_FRAMEWORKS,
  compileFramework,
  type Framework,
  frameworkSchema,
  type ScoreInput,
  type ScoreResult,
  scoreFramework,
  unitFactsSchema,
  type ValidationReport,
} from "@kaoping/core";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { parseDefinition, validateAgainstDatabase } from "../modules/frameworks/definition.ts";
import { listFrameworks } from "../modules/frameworks/queries.ts";
import { exportFrameworkWorkbook, importFramework, parseFrameworkWorkbook } from "../modules/frameworks/transfer.ts";
import type { Db } from "../platform/db/client.ts";
import { frameworks } from "../platform/db/schema.ts";
import { AppError } from "../platform/errors.ts";
import { runCommand } from "../platform/http/command.ts";
import { withDatabase } from "./database.ts";
import { cliPrincipal } from "./principal.ts";
import { scoreLines } from "./score-output.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A framework from the database (id), a JSON file, or a built-in template (code). */
export async function resolveFramework(db: Db, ref: string): Promise<Framework> {
  if (UUID.test(ref)) {
    const [row] = await db.select().from(frameworks).where(eq(frameworks.id, ref));
    if (!row) throw new AppError("NOT_FOUND", `指标体系 ${ref} 不存在`);
    return parseDefinition(row.definition);
  }
  if (fs.existsSync(ref)) return parseDefinition(JSON.parse(fs.readFileSync(ref, "utf8")));
  const template = BUILTIN_FRAMEWORKS.map((f) => frameworkSchema.parse(f)).find((f) => f.code === ref);
  if (!template) throw new AppError("NOT_FOUND", `找不到指标体系：${ref}（可用 id、JSON 文件或内置模板编码）`);
  return template;
}

/** The facts file (docs/facts-format.md): the engine's ScoreInput as JSON. */
const factsFileSchema = z.object({
  units: z.array(assessedUnitSchema).min(1),
  facts: z.record(z.string(), unitFactsSchema).default({}),
  groupNames: z.record(z.string(), z.string()).optional(),
});

export function readFactsFile(file: string): ScoreInput {
  const parsed = factsFileSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) {
    throw new AppError(
      "VALIDATION",
      `事实文件无效：${file}`,
      parsed.error.issues.map((i) => ({ path: i.path as string[], message: `${i.path.join(".")}: ${i.message}` })),
    );
  }
  return parsed.data as ScoreInput;
}

export function printReport(report: ValidationReport): void {
  for (const e of report.errors) console.log(`错误  ${e.at}  ${e.message}`);
  for (const w of report.warnings) console.log(`警告  ${w.at}  ${w.message}`);
  console.log(`${report.errors.length} 个错误，${report.warnings.length} 个警告`);
}

/** Totals, ranks and stars, then every unit's trace: what a reviewer checks by hand. */
export function printScores(result: ScoreResult): void {
  for (const line of scoreLines(result)) console.log(line);
}

export const listFrameworksCommand = () =>
  withDatabase({}, async ({ database }) => {
    const page = await listFrameworks(database.db, { page: 1, pageSize: 500 });
    for (const f of page.rows) console.log(`${f.id}\t${f.code}\tv${f.version}\t${f.year}\t${f.status}\t${f.name}`);
    console.log(`\n内置模板：`);
    for (const raw of BUILTIN_FRAMEWORKS) {
      const f = frameworkSchema.parse(raw);
      console.log(`  ${f.code}\t${f.year}\t${f.name}`);
    }
  });

export const showFramework = (ref: string, opts: { json?: boolean }) =>
  withDatabase({}, async ({ database }) => {
    const f = await resolveFramework(database.db, ref);
    if (opts.json) return void console.log(JSON.stringify(f, null, 2));
    console.log(`${f.name}（${f.year}）${f.issuer ?? ""}`);
    const walk = (list: Framework["indicators"], depth: number) => {
      for (const i of list) {
        console.log(
          `${"  ".repeat(depth)}${i.code} ${i.name}${i.points ? `（${i.points}分）` : ""}${i.rules?.length ? ` [${i.rules.length} 条规则]` : ""}`,
        );
        walk(i.children ?? [], depth + 1);
      }
    };
    walk(f.indicators, 0);
  });

export const validateFramework = (ref: string) =>
  withDatabase({}, async ({ database }) => {
    const report = await validateAgainstDatabase(database.db, await resolveFramework(database.db, ref));
    printReport(report);
    if (report.errors.length) process.exitCode = 1;
  });

export const importFrameworkFile = (file: string, opts: { newVersion: boolean }) =>
  withDatabase({ setup: true }, async ({ ctx }) => {
    const { framework: definition, warnings } = file.endsWith(".xlsx")
      ? await parseFrameworkWorkbook(fs.readFileSync(file))
      : { framework: parseDefinition(JSON.parse(fs.readFileSync(file, "utf8"))), warnings: [] as string[] };
    const row = await runCommand(ctx, cliPrincipal(), null, (command) =>
      importFramework({ ctx: command, definition, asNewVersion: opts.newVersion, source: path.basename(file), warnings }),
    );
    for (const w of warnings) console.log(`警告  ${w}`);
    console.log(`已导入 ${row.name} v${row.version}（${row.id}），状态：草稿`);
  });

export const exportFrameworkFile = (ref: string, opts: { out?: string }) =>
  withDatabase({}, async ({ database }) => {
    const f = await resolveFramework(database.db, ref);
    const out = opts.out ?? `${f.code}.xlsx`;
    fs.writeFileSync(out, out.endsWith(".json") ? `${JSON.stringify(f, null, 2)}\n` : await exportFrameworkWorkbook(f));
    console.log(`已导出到 ${path.resolve(out)}`);
  });

export const scoreWithFacts = (opts: { framework: string; facts: string; json?: boolean }) =>
  withDatabase({}, async ({ database }) => {
    const framework = await resolveFramework(database.db, opts.framework);
    const result = scoreFramework(compileFramework(framework), readFactsFile(opts.facts));
    if (opts.json) console.log(JSON.stringify(result, null, 2));
    else printScores(result);
  });
