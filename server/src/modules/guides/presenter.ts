import {
  accuracyOf,
  DEAD_PHONE_CHECK,
  type ElementWeights,
  GUIDE_CHECKS,
  GUIDE_ELEMENTS,
  type GuideCheck,
  type GuideFinding,
  type GuideResult,
  guideCheck,
  LINK_REACHABILITY_CHECK,
  PUBLIC_REPORT_CHECK,
  withLinkFindings,
} from "@kaoping/core";

/** A check's metadata as the API shows it: what it enforces and how to fix a failure. */
export function presentCheck(check: Pick<GuideCheck, "id" | "element" | "severity" | "seed" | "message" | "fix">) {
  const element = GUIDE_ELEMENTS[check.element];
  return {
    id: check.id,
    element: check.element,
    elementLabel: element.label,
    group: element.group,
    severity: check.severity,
    seed: check.seed,
    message: check.message,
    fix: check.fix,
  };
}

/** Checks that run outside the pure checker: link reachability (network) and accepted public reports. */
const OTHER_CHECKS = [LINK_REACHABILITY_CHECK, PUBLIC_REPORT_CHECK, DEAD_PHONE_CHECK];

export const CHECK_CATALOGUE = [...GUIDE_CHECKS, ...OTHER_CHECKS].map(presentCheck);

const checkOf = (id: string) => guideCheck(id) ?? OTHER_CHECKS.find((check) => check.id === id);

/** A finding with its check's words, so a screen or an export explains it without a second lookup. */
export function presentFinding(finding: GuideFinding) {
  const check = checkOf(finding.checkId);
  return {
    ...finding,
    elementLabel: GUIDE_ELEMENTS[finding.element]?.label ?? finding.element,
    message: check?.message.zh ?? finding.checkId,
    fix: check?.fix.zh ?? "",
    seed: check?.seed ?? "",
  };
}

/** Percent with one decimal, as the office reports it (91.4). */
export const percent = (share: number) => Math.round(share * 1000) / 10;

/** The counts and accuracy of one checked version, link results included when they were taken. */
export function summariseResult(result: GuideResult, linkFindings: readonly GuideFinding[] | null, weights: ElementWeights) {
  const merged = withLinks(result, linkFindings);
  const count = (severity: string) => merged.findings.filter((f) => f.severity === severity).length;
  return { errors: count("error"), warnings: count("warning"), infos: count("info"), accuracy: percent(accuracyOf([merged], weights)) };
}

/** The import's result with the last link check's findings (none when links were never checked). */
export const withLinks = (result: GuideResult, linkFindings: readonly GuideFinding[] | null): GuideResult =>
  withLinkFindings(result, linkFindings ?? []);
