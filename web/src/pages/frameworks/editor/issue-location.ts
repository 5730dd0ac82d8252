import type { Framework, ValidationIssue } from "@kaoping/core";
import { findPathByCode, flattenWithPaths, type IndicatorPath, pathKey } from "./indicator-tree-ops.ts";

/** Where a validation issue sends the user: an indicator, the facts tab or the framework's own fields. */
export type IssueTarget = { kind: "indicator"; path: IndicatorPath; ruleId?: string } | { kind: "facts" } | { kind: "info" };

const FACT_CODES = new Set(["undeclared_fact", "unused_fact"]);

/**
 * Reads an issue's `at`: a schema path ("indicators.0.children.2.points"), an
 * indicator code, "code/ruleId", a fact key, or "framework".
 */
export function issueTarget(definition: Framework, issue: ValidationIssue): IssueTarget {
  if (FACT_CODES.has(issue.code)) return { kind: "facts" };
  if (issue.code === "schema") return schemaTarget(issue.at);
  if (issue.at === "framework") return { kind: "info" };
  const [code = "", ruleId] = splitRuleAt(definition, issue.at);
  const path = findPathByCode(definition.indicators, code);
  if (!path) return { kind: "info" };
  return ruleId ? { kind: "indicator", path, ruleId } : { kind: "indicator", path };
}

/** "1.2/r3" → ["1.2", "r3"]; a code that itself holds "/" is tried whole first. */
function splitRuleAt(definition: Framework, at: string): [string, string?] {
  if (findPathByCode(definition.indicators, at)) return [at];
  const slash = at.lastIndexOf("/");
  return slash > 0 ? [at.slice(0, slash), at.slice(slash + 1)] : [at];
}

function schemaTarget(at: string): IssueTarget {
  const parts = at.split(".");
  if (parts[0] === "facts") return { kind: "facts" };
  if (parts[0] !== "indicators") return { kind: "info" };
  const path: IndicatorPath = [];
  for (let i = 1; i < parts.length; i += 2) {
    const index = Number(parts[i]);
    if (!Number.isInteger(index)) break;
    path.push(index);
    if (parts[i + 1] !== "children") break;
  }
  return path.length ? { kind: "indicator", path } : { kind: "info" };
}

/** The worst issue level per tree key (index path), for the dots in the tree. */
export function issueLevels(definition: Framework, report: { errors: ValidationIssue[]; warnings: ValidationIssue[] }) {
  const levels = new Map<string, "error" | "warning">();
  const mark = (issue: ValidationIssue, level: "error" | "warning") => {
    const target = issueTarget(definition, issue);
    if (target.kind !== "indicator") return;
    const key = pathKey(target.path);
    if (level === "error" || !levels.has(key)) levels.set(key, level);
  };
  for (const issue of report.warnings) mark(issue, "warning");
  for (const issue of report.errors) mark(issue, "error");
  return levels;
}

/**
 * Where an issue is, for people: a schema path inside an indicator reads "1.2 › points" instead of
 * "indicators.0.children.1.points"; empty when the message already names its indicator ("6.2 2.0工作台：…").
 */
export function issuePlace(definition: Framework, issue: ValidationIssue): string {
  if (issue.code !== "schema") return issue.message.startsWith(`${issue.at.split("/")[0]} `) ? "" : issue.at;
  const target = schemaTarget(issue.at);
  if (target.kind !== "indicator") return issue.at;
  const node = flattenWithPaths(definition.indicators).find((entry) => pathKey(entry.path) === pathKey(target.path))?.node;
  const consumed = target.path.length * 2 - 1;
  const rest = issue.at
    .split(".")
    .slice(consumed + 1)
    .join(".");
  return node ? [node.code, rest].filter(Boolean).join(" › ") : issue.at;
}
