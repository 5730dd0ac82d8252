import type { Indicator } from "@kaoping/core";

/** The indicator form's fields: the indicator flattened, lists never undefined. */
export interface IndicatorFormValues {
  code: string;
  name: string;
  points?: string;
  part?: "base" | "bonus";
  basis?: "full" | "zero";
  rangeMin?: string;
  rangeMax?: string;
  assessmentPoint?: string;
  scoringText?: string;
  lead: string[];
  co: string[];
  responsibleText?: string;
  milestone?: string;
  dueDate?: string;
  lastResult?: string;
  isNew: boolean;
  notes?: string;
  appliesTo: string[];
  declaredChildren?: number | null;
}

export function toFormValues(indicator: Indicator): IndicatorFormValues {
  return {
    code: indicator.code,
    name: indicator.name,
    points: indicator.points,
    part: indicator.part,
    basis: indicator.basis,
    rangeMin: indicator.range?.min,
    rangeMax: indicator.range?.max,
    assessmentPoint: indicator.assessmentPoint,
    scoringText: indicator.scoringText,
    lead: indicator.responsible?.lead ?? [],
    co: indicator.responsible?.co ?? [],
    responsibleText: indicator.responsible?.text,
    milestone: indicator.milestone,
    dueDate: indicator.dueDate,
    lastResult: indicator.lastResult,
    isNew: indicator.isNew ?? false,
    notes: indicator.notes,
    appliesTo: indicator.appliesTo ?? [],
    declaredChildren: indicator.declaredChildren ?? null,
  };
}

/** A text field's value, or nothing when it is blank (absent, not ""). */
function text(value: string | undefined | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Drops the keys whose value is undefined, so the definition holds only what was filled in. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The indicator with the form's values; its rules and children are kept. Blank
 * fields are left out; “新指标” is stored only when set.
 */
export function applyFormValues(indicator: Indicator, values: IndicatorFormValues): Indicator {
  const rangeMin = text(values.rangeMin);
  const rangeMax = text(values.rangeMax);
  const lead = values.lead ?? [];
  const co = values.co ?? [];
  const responsibleText = text(values.responsibleText);
  return compact<Indicator>({
    code: values.code?.trim() ?? "",
    name: values.name?.trim() ?? "",
    points: text(values.points),
    part: values.part,
    basis: values.basis,
    range: rangeMin || rangeMax ? compact({ min: rangeMin, max: rangeMax }) : undefined,
    assessmentPoint: text(values.assessmentPoint),
    scoringText: text(values.scoringText),
    rules: indicator.rules,
    responsible: lead.length || co.length || responsibleText ? compact({ lead, co, text: responsibleText }) : undefined,
    milestone: text(values.milestone),
    dueDate: text(values.dueDate),
    lastResult: text(values.lastResult),
    isNew: values.isNew ? true : undefined,
    notes: text(values.notes),
    appliesTo: values.appliesTo?.length ? values.appliesTo : undefined,
    declaredChildren: values.declaredChildren ?? undefined,
    children: indicator.children,
  });
}
