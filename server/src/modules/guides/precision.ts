import {
  type CodeGapCount,
  checkGuide,
  countCodeGaps,
  GUIDE_CHECKS,
  type GuideCheck,
  type GuideFinding,
  type ServiceGuide,
} from "@kaoping/core";
import { generateGuide, sampleGuide } from "./generate.ts";

/**
 * The checker's precision, reproducible (`npm run precision:guides`, docs/guides.md):
 * every error it raises on the real provincial sample and on generated guides
 * is either one a reviewer has accepted as a department would (REVIEWED), or
 * one the generator planted — the same guide generated without its planted
 * defects (generateGuide(base, n, 0): the same draws, no defect) lacks it, and
 * a field the planted defect changed is one whose check raised it (PLANTED).
 * Any other error is a suspected false positive, listed for review.
 */

/** Errors of the real sample, reviewed one by one: why the department accepts each. */
export const REVIEWED: readonly { checkId: string; path: string; why: string }[] = [
  {
    checkId: "G-BASIC-27",
    path: "legalBases.1.article",
    why: "《全国人民代表大会常务委员会关于修改<中华人民共和国节约能源法>等六部法律的决定》 is cited without an article (clause_number is blank); the quoted text is 节约能源法 第十五条, which the guide should name.",
  },
];

/** The generator's planted defects (generate.ts DEFECTS), by the field each changes, and the error a department accepts for it. */
export const PLANTED: Readonly<Record<string, readonly string[]>> = {
  // The supervision phone copied into the consultation phone: seed 000 “号码不相同”.
  consultationPhone: ["G-BASIC-22"],
  // The legal limit's unit removed: seed 000 “明确说明是工作日还是自然日”.
  legalLimit: ["G-BASIC-11"],
  // A material renamed 其他相关材料: seed 000 “兜底性用词” (the situations list the same material).
  materials: ["G-CONT-03"],
  situations: ["G-CONT-03"],
  // Promised five days over the legal limit.
  promisedLimit: ["G-CONT-28"],
  // 是否收费 removed: seed 000 “是否明确标注需要收费”.
  charged: ["G-CONT-20"],
  // 受理条件 “符合条件”.
  acceptanceConditions: ["G-CONT-24"],
  // Two of the five stages kept.
  steps: ["G-CONT-09"],
  // The address cut to 政务服务中心: warnings only (street, number, window), no error.
  locations: [],
};

export interface SuspectedFalsePositive {
  guide: string;
  checkId: string;
  path: string;
  detail?: string;
}

export interface PrecisionReport {
  /** Guides checked: the sample and the generated ones. */
  guides: number;
  generated: number;
  errors: number;
  /** Errors reviewed or planted: ones a department accepts. */
  accepted: number;
  suspects: SuspectedFalsePositive[];
  /** accepted / errors, 4 decimals. */
  precision: number;
  /** Errors per check id. */
  errorsByCheck: Record<string, number>;
  /** The codes the sources' tables lack: not counted as errors (codes.ts). */
  codeGaps: CodeGapCount[];
}

const errorsOf = (guide: ServiceGuide, checks: readonly GuideCheck[]) =>
  checkGuide(guide, checks).findings.filter((f) => f.severity === "error");
const isReviewed = (f: GuideFinding) => REVIEWED.some((r) => r.checkId === f.checkId && r.path === f.path);
const sameError = (a: GuideFinding, b: GuideFinding) => a.checkId === b.checkId && a.path === b.path;

/** The top-level fields whose content differs between two guides. */
function changedFields(a: ServiceGuide, b: ServiceGuide): string[] {
  return (Object.keys(a) as (keyof ServiceGuide)[]).filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}

/** Whether an error of a generated guide is accepted: reviewed on the base, or raised by a planted defect's check. */
function accepts(error: GuideFinding, clean: readonly GuideFinding[], changed: readonly string[]): boolean {
  if (clean.some((c) => sameError(c, error))) return isReviewed(error);
  return changed.some((field) => PLANTED[field]?.includes(error.checkId));
}

/** Runs the checker (or the given checks) over the sample and `generated` guides and reviews every error. */
export function measurePrecision(generated: number, checks: readonly GuideCheck[] = GUIDE_CHECKS): PrecisionReport {
  const base = sampleGuide();
  const suspects: SuspectedFalsePositive[] = [];
  const errorsByCheck: Record<string, number> = {};
  let errors = 0;
  const count = (found: GuideFinding[], accepted: (f: GuideFinding) => boolean, guide: string) => {
    for (const f of found) {
      errors += 1;
      errorsByCheck[f.checkId] = (errorsByCheck[f.checkId] ?? 0) + 1;
      if (!accepted(f)) suspects.push({ guide, checkId: f.checkId, path: f.path, ...(f.detail ? { detail: f.detail } : {}) });
    }
  };
  count(errorsOf(base, checks), isReviewed, base.name);
  const guides: ServiceGuide[] = [base];
  for (let n = 0; n < generated; n++) {
    const guide = generateGuide(base, n);
    const clean = generateGuide(base, n, 0);
    const cleanErrors = errorsOf(clean, checks);
    const changed = changedFields(guide, clean);
    count(errorsOf(guide, checks), (f) => accepts(f, cleanErrors, changed), guide.name);
    guides.push(guide);
  }
  const accepted = errors - suspects.length;
  return {
    guides: generated + 1,
    generated,
    errors,
    accepted,
    suspects,
    precision: errors === 0 ? 1 : Math.round((accepted / errors) * 10_000) / 10_000,
    errorsByCheck: Object.fromEntries(Object.entries(errorsByCheck).sort(([a], [b]) => a.localeCompare(b))),
    codeGaps: countCodeGaps(guides),
  };
}
