import { ROLE_CODES } from "@kaoping/core";
import { Command } from "commander";
import type { CheckOptions } from "./guide-check.ts";

/**
 * The `kaoping` command tree. Each action loads its module when it runs, so
 * `kaoping --help` and `kaoping guides check` (no database) do not load the
 * server, the database drivers and ExcelJS first.
 */
const admin = () => import("./admin-actions.ts");
const frameworks = () => import("./framework-actions.ts");

const program = new Command("kaoping").description("Kaoping 考评 — server and administration commands");

program
  .command("serve")
  .description("migrate, load demo data on first start, and serve the API and web app")
  .action(async () => (await import("./serve.ts")).serveCommand());

program
  .command("migrate")
  .description("apply database migrations and seed built-in roles (no demo data)")
  .action(async () => (await admin()).migrate());

const auditCmd = program.command("audit").description("the tamper-evident audit log");
auditCmd
  .command("verify")
  .description("check the hash chain (and the server's checkpoints); exits 1 naming the first bad record")
  .option("--checkpoint <file>", "also compare with checkpoints in this file (from `kaoping audit checkpoint`)")
  .action(async (opts: { checkpoint?: string }) => (await admin()).verifyAudit(opts));
auditCmd
  .command("checkpoint")
  .description("print the chain's head (seq + hash) as JSON, to keep outside the database")
  .option("-o, --out <file>", "write to this file instead of stdout")
  .action(async (opts: { out?: string }) => (await admin()).exportAuditCheckpoint(opts));

const unitsCmd = program.command("units").description("units (考核对象)");
unitsCmd
  .command("export")
  .description("export every unit as .xlsx with Chinese headers")
  .option("-o, --out <file>", "output file", "units.xlsx")
  .action(async (opts: { out: string }) => (await admin()).exportUnitsFile(opts));
unitsCmd
  .command("import <file>")
  .description("import units from .xlsx (all or nothing)")
  .option("-u, --update-existing", "update units whose code exists", false)
  .action(async (file: string, opts: { updateExisting: boolean }) => (await admin()).importUnitsFile(file, opts));

const usersCmd = program.command("users").description("user accounts");
usersCmd
  .command("create")
  .description("create a user; prints a one-time password unless --password or KAOPING_NEW_PASSWORD is given")
  .requiredOption("--username <username>")
  .requiredOption("--name <displayName>")
  .requiredOption("--unit <code>", "unit code")
  .requiredOption("--role <roles...>", `one or more of ${ROLE_CODES.join(", ")}`)
  .option("--password <password>", "initial password (else generated, must be changed at first login)")
  .action(async (opts: { username: string; name: string; unit: string; role: string[]; password?: string }) =>
    (await admin()).createUserAccount(opts),
  );
usersCmd
  .command("reset-password <username>")
  .description("set a new one-time password and unlock the account")
  .action(async (username: string) => (await admin()).resetPassword(username));

const frameworkCmd = program.command("framework").description("indicator frameworks (指标体系)");
frameworkCmd
  .command("list")
  .description("frameworks in the database, and the built-in templates")
  .action(async () => (await frameworks()).listFrameworksCommand());
frameworkCmd
  .command("show <ref>")
  .description("print a framework's tree (id, JSON file or template code); --json for the definition")
  .option("--json", "print the definition as JSON")
  .action(async (ref: string, opts: { json?: boolean }) => (await frameworks()).showFramework(ref, opts));
frameworkCmd
  .command("validate <ref>")
  .description("validate a framework; exits 1 when it has errors")
  .action(async (ref: string) => (await frameworks()).validateFramework(ref));
frameworkCmd
  .command("import <file>")
  .description("create a draft from a framework .xlsx (published table shape) or .json file")
  .option("--new-version", "when the code exists, import as its next version", false)
  .action(async (file: string, opts: { newVersion: boolean }) => (await frameworks()).importFrameworkFile(file, opts));
frameworkCmd
  .command("export <ref>")
  .description("write a framework as .xlsx (published table shape) or .json, by the output's extension")
  .option("-o, --out <file>", "output file (default: <code>.xlsx)")
  .action(async (ref: string, opts: { out?: string }) => (await frameworks()).exportFrameworkFile(ref, opts));

program
  .command("score")
  .description("score units with a framework and a facts file (docs/facts-format.md)")
  .requiredOption("--framework <ref>", "framework id, JSON file or template code")
  .requiredOption("--facts <file>", "facts JSON file")
  .option("--json", "print the full result as JSON")
  .action(async (opts: { framework: string; facts: string; json?: boolean }) => (await frameworks()).scoreWithFacts(opts));

program
  .command("guides")
  .description("service guides (办事指南)")
  .command("check <file>")
  .description(
    "check every guide in a file element by element; exit 1 when a guide has an error or a record could not be read, 2 when nothing could be checked",
  )
  .option(
    "-f, --format <format>",
    "auto (by the file's shape), kaoping (own JSON), provincial (platform export) or excel (the template)",
    "auto",
  )
  .option("--source <code>", "the provincial code tables to use (e.g. gx)")
  .option("--json", "print the results as JSON", false)
  .option("--links", "check link reachability (network)", false)
  .option("--link-timeout <ms>", "with --links: time allowed per request", "5000")
  .option("--link-concurrency <n>", "with --links: requests at once (at most 2 per host)", "8")
  .action(async (file: string, opts: CheckOptions) => (await import("./guide-check.ts")).checkGuidesFile(file, opts));

program
  .command("cases")
  .description("case data (办件)")
  .command("import <file>")
  .description(
    "import a case or event file (CSV UTF-8/GBK, JSON lines, .xlsx) through the ingest path; progress on stderr; exit 1 when refused",
  )
  .option("--source <code>", "the source whose column mapping to use", "default")
  .option("--kind <kind>", "cases or case_events", "cases")
  .action(async (file: string, opts: { source: string; kind: string }) => (await import("./case-import.ts")).importCaseFile(file, opts));

program.parseAsync().catch(async (error: unknown) => {
  const { AppError } = await import("../platform/errors.ts");
  console.error(
    error instanceof AppError
      ? `错误：${error.message}${error.details ? `\n${error.details.map((d) => `  - ${d.row ? `第${d.row}行 ${d.column}：` : ""}${d.message}`).join("\n")}` : ""}`
      : error,
  );
  process.exitCode = 1;
});
