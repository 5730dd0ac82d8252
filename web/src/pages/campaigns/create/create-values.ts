import { type CampaignCreate, type ErrorDetail, PHASE_LABELS, type PhaseKey, phasesSchema } from "@kaoping/core";
import type { Dayjs } from "dayjs";

/** One assessed unit as the wizard's table edits it. */
export interface ChosenUnit {
  unitId: string;
  code: string;
  name: string;
  category: string | null;
  isReference: boolean;
}

/** The wizard's form: named like campaignCreateSchema so the server's `details[].path` lands on the fields. */
export interface CreateValues {
  frameworkId: string;
  name: string;
  year: number;
  issuer?: string;
  units: ChosenUnit[];
  phases: Partial<Record<PhaseKey, Dayjs | null>>;
  reviewerIds?: string[];
}

export const PHASE_KEYS = Object.keys(PHASE_LABELS) as PhaseKey[];
export const REQUIRED_PHASES: readonly PhaseKey[] = ["reportingOpens", "reportingCloses"];

/** The fields each step validates before the next one opens. */
export const STEP_FIELDS: (string | string[])[][] = [
  ["frameworkId", "name", "year", "issuer"],
  ["units"],
  [...PHASE_KEYS.map((key) => ["phases", key]), "reviewerIds"],
];

const STEP_OF_FIELD: Record<string, number> = { frameworkId: 0, name: 0, year: 0, issuer: 0, units: 1, phases: 2, reviewerIds: 2 };

/** The step holding the field a server detail names (`["body","phases","reportingCloses"]` → 2); null when none. */
export function stepOfPath(path: readonly (string | number)[] | undefined): number | null {
  if (!path?.length) return null;
  const field = String(path[0] === "body" ? path[1] : path[0]);
  return STEP_OF_FIELD[field] ?? null;
}

/** Adds units not chosen yet, keeping the order and the edits of those already there. */
export function mergeUnits(current: readonly ChosenUnit[], added: readonly ChosenUnit[]): ChosenUnit[] {
  const seen = new Set(current.map((unit) => unit.unitId));
  return [...current, ...added.filter((unit) => !seen.has(unit.unitId) && seen.add(unit.unitId))];
}

/** Dates as the server reads them (yyyy-mm-dd), leaving out the phases not set. */
export function phaseDates(phases: CreateValues["phases"]): Partial<Record<PhaseKey, string>> {
  const dates: Partial<Record<PhaseKey, string>> = {};
  for (const key of PHASE_KEYS) {
    const value = phases[key];
    if (value) dates[key] = value.format("YYYY-MM-DD");
  }
  return dates;
}

/** The POST /api/campaigns body. */
export function toCreateInput(values: CreateValues): CampaignCreate {
  return {
    frameworkId: values.frameworkId,
    name: values.name.trim(),
    year: values.year,
    issuer: values.issuer?.trim() || null,
    phases: phaseDates(values.phases) as CampaignCreate["phases"],
    units: values.units.map((unit) => ({ unitId: unit.unitId, category: unit.category, isReference: unit.isReference })),
    reviewerIds: values.reviewerIds ?? [],
  };
}

/** Phase order problems, checked with core's schema before the server sees them: field errors per phase. */
export function phaseIssues(phases: CreateValues["phases"]): { name: ["phases", PhaseKey]; errors: string[] }[] {
  const dates = phaseDates(phases);
  if (!dates.reportingOpens || !dates.reportingCloses) return [];
  const result = phasesSchema.safeParse(dates);
  if (result.success) return [];
  return result.error.issues
    .filter((issue) => PHASE_KEYS.includes(issue.path[0] as PhaseKey))
    .map((issue) => ({ name: ["phases", issue.path[0] as PhaseKey], errors: [issue.message] }));
}

/** Server details about single units (`["body","units",3,"category"]`), named by the unit they concern. */
export function unitDetailMessages(
  details: readonly ErrorDetail[],
  units: readonly ChosenUnit[],
): { index: number; unit: string; message: string }[] {
  return details.flatMap((detail) => {
    const path = detail.path ?? [];
    const at = path[0] === "body" ? 1 : 0;
    if (path[at] !== "units") return [];
    const index = typeof path[at + 1] === "number" ? (path[at + 1] as number) : -1;
    const unit = units[index];
    return [{ index, unit: unit ? `${unit.name}（${unit.code}）` : "", message: detail.message }];
  });
}
