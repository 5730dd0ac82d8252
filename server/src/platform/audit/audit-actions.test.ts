import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from "@kaoping/core";
import { describe, expect, it } from "vitest";

const SERVER_SRC = join(import.meta.dirname, "../..");
const LABELS = AUDIT_ACTION_LABELS as Record<string, string>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** The first segments an action can start with ("finding" of "finding.confirm"). */
const DOMAINS = new Set([...Object.keys(LABELS), ...Object.keys(AUDIT_ENTITY_LABELS)].map((key) => key.split(".")[0]!));

/**
 * Actions a source file writes: in a file that audits, every quoted
 * "domain.verb" (an `action: "…"`, either side of a `? :`, or an argument
 * handed to a helper that audits), and every template `domain.${…}` (whose
 * variable part the AuditAction type checks; here its prefix must be known).
 */
function auditedActions(source: string): { literals: string[]; templatePrefixes: string[] } {
  if (!/\baudit(Many)?\(|AuditAction|AuditAs\b/.test(source)) return { literals: [], templatePrefixes: [] };
  const literals = [...source.matchAll(/["'`]([a-z_]+(?:\.[a-z_]+)+)["'`]/g)]
    .map((match) => match[1]!)
    .filter((action) => DOMAINS.has(action.split(".")[0]!));
  const templatePrefixes = [...source.matchAll(/action: `([a-z_.]+\.)\$\{/g)].map((match) => match[1]!);
  return { literals, templatePrefixes };
}

describe("audit action labels", () => {
  it("finds an unlabelled action in a source, literal or template", () => {
    const found = auditedActions(
      'await ctx.audit({ action: isNew ? "finding.create" : "finding.reopen", businessType: "update" });\n' +
        "await ctx.audit({ action: `appeal.${verb}` });",
    );
    expect(found.literals).toEqual(["finding.create", "finding.reopen"]);
    expect(found.literals.filter((action) => !LABELS[action])).toEqual(["finding.reopen"]);
    expect(found.templatePrefixes).toEqual(["appeal."]);
  });

  it("has a Chinese label for every action the server audits", () => {
    const missing: string[] = [];
    let count = 0;
    for (const file of sourceFiles(SERVER_SRC)) {
      const { literals, templatePrefixes } = auditedActions(readFileSync(file, "utf8"));
      count += literals.length;
      const where = relative(SERVER_SRC, file);
      for (const action of literals) if (!LABELS[action]) missing.push(`${where}: ${action}`);
      for (const prefix of templatePrefixes) {
        if (!Object.keys(LABELS).some((action) => action.startsWith(prefix))) missing.push(`${where}: ${prefix}…`);
      }
    }
    expect(missing).toEqual([]);
    // The scan must see the server's actions at all (a broken pattern would pass with none).
    expect(count).toBeGreaterThan(50);
  });

  it("labels every action and entity in Chinese", () => {
    for (const label of [...Object.values(LABELS), ...Object.values(AUDIT_ENTITY_LABELS)]) {
      expect(label).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("names the actions seen without labels in the issue", () => {
    for (const action of ["finding.confirm", "campaign.publish", "framework.publish", "evidence.upload"]) {
      expect(LABELS[action]).toBeTruthy();
    }
  });
});
