import {
  COMPLAINT_FINDING,
  COMPLAINT_KIND,
  ORDER_STATUS,
  REVIEW_JUDGED,
  REVIEW_STATUS,
  WARNING_RULE_KIND,
  WARNING_SEVERITY,
} from "@kaoping/core";
import dayjs, { type Dayjs } from "dayjs";
import { rangeQuery } from "../cases/case-labels.ts";

/** i18next's `t`, narrowed to what the note's wording needs (a test passes a plain lookup). */
export type Translate = (key: string, options?: Record<string, string>) => string;

/** How a list reads one filter a link may bring. */
export interface LinkKey {
  /** The query-form field that shows it ("range" holds `from` and `to`); none: only the note shows it. */
  field?: string;
  /** Its words in the note; none: another key's words carry it (`subtree` with the unit, `to` with `from`). */
  word?: (value: string, t: Translate) => string;
}

/**
 * What a list takes from a link, in the note's order. `unitId` is the unit tree's (it selects the
 * linked unit), `from` / `to` the period's: both have fixed words, so a spec only says where they show.
 */
export type LinkSpec = Readonly<Record<string, LinkKey>>;

const labelled = (labelKey: string, labels: Record<string, string>) => (value: string, t: Translate) =>
  t("supervision.linkNote.labelled", { label: t(labelKey), value: labels[value] ?? value });
const flag = (yes: string, no?: string) => (value: string, t: Translate) => t(value === "false" && no ? no : yes);

/** 预警台账: the board's warning counts (severity, 未督办) and a campaign fact's period. */
export const WARNING_LINK_SPEC: LinkSpec = {
  unitId: {},
  subtree: {},
  from: { field: "range" },
  to: { field: "range" },
  kind: { field: "kind", word: labelled("supervision.field.kind", WARNING_RULE_KIND.labels) },
  severity: { field: "severity", word: labelled("supervision.field.severity", WARNING_SEVERITY.labels) },
  unsupervised: { field: "unsupervised", word: flag("supervision.unsupervisedYes", "supervision.unsupervisedNo") },
  // A case's drawer links to its warnings here.
  caseNo: { field: "caseNo", word: (value, t) => t("supervision.linkNote.labelled", { label: t("supervision.field.caseNo"), value }) },
};

/** 投诉曝光登记: a campaign fact's records (?unitId=&from=&to=&finding=substantiated). */
export const COMPLAINT_LINK_SPEC: LinkSpec = {
  unitId: {},
  from: { field: "range" },
  to: { field: "range" },
  kind: { field: "kind", word: labelled("supervision.complaints.kind", COMPLAINT_KIND.labels) },
  finding: { field: "finding", word: labelled("supervision.complaints.finding", COMPLAINT_FINDING.labels) },
};

/** 督办单: the board's order counts; its form has no period, so the link's stays behind the note. */
export const ORDER_LINK_SPEC: LinkSpec = {
  unitId: {},
  subtree: {},
  from: {},
  to: {},
  status: { field: "status", word: labelled("supervision.field.status", ORDER_STATUS.labels) },
  waiting: { word: flag("supervision.linkNote.waiting") },
  overdue: { field: "overdue", word: flag("supervision.overdue", "supervision.linkNote.notOverdue") },
  replyLate: { word: flag("supervision.linkNote.replyLateAny") },
  repliedLate: { word: flag("supervision.replyLate") },
  replyMissing: { word: flag("supervision.linkNote.replyMissing") },
};

/** 差评处置 (a campaign fact's trace: ?unitId=&from=&to=&judged=); 申诉审查 has no status field. */
export function reviewLinkSpec(hasStatusField: boolean): LinkSpec {
  return {
    unitId: {},
    from: { field: "range" },
    to: { field: "range" },
    status: { field: hasStatusField ? "status" : undefined, word: labelled("ratings.field.status", REVIEW_STATUS.labels) },
    judged: { field: "judged", word: labelled("ratings.field.judged", REVIEW_JUDGED) },
  };
}

type Filters = Readonly<Record<string, string>>;

/** The keys whose link value a query-form field shows: a period only whole (a range picker needs both ends). */
function shownKeys(filters: Filters, spec: LinkSpec): string[] {
  return Object.keys(filters).filter((key) => {
    if (!spec[key]?.field) return false;
    return spec[key].field !== "range" || (Boolean(filters.from) && Boolean(filters.to));
  });
}

/** The query form's starting values: each link filter it has a field for, so the reader sees it. */
export function linkFormValues(filters: Filters, spec: LinkSpec): Record<string, string | [Dayjs, Dayjs]> {
  const values: Record<string, string | [Dayjs, Dayjs]> = {};
  for (const key of shownKeys(filters, spec)) {
    const field = spec[key]?.field ?? key;
    values[field] = field === "range" ? [dayjs(filters.from), dayjs(filters.to)] : (filters[key] ?? "");
  }
  return values;
}

/** Query-form values as the link's keys read them (the range as `from` / `to`). */
export function formQuery(values: Record<string, unknown>): Record<string, unknown> {
  const { range, ...rest } = values;
  return range ? { ...rest, ...rangeQuery(range as [Dayjs, Dayjs]) } : rest;
}

/**
 * The link's filters after 查询: those the form does not show stay (so an unchanged search gives the
 * same list); one the form shows stays while the form still holds its value, else the form's wins.
 */
export function keptOnSearch(filters: Filters, spec: LinkSpec, values: Record<string, unknown>): Record<string, string> {
  const query = formQuery(values);
  const shown = shownKeys(filters, spec);
  return Object.fromEntries(Object.entries(filters).filter(([key, value]) => !shown.includes(key) || query[key] === value));
}

/** The link's filters once the reader picks another unit in the tree: the linked unit (and its `subtree`) go. */
export function keptOnUnit(filters: Filters, unitId: string | null): Record<string, string> {
  if (unitId === (filters.unitId ?? null)) return { ...filters };
  const { unitId: _unit, subtree: _subtree, ...rest } = filters;
  return rest;
}

/** The link's period in words, or none without one (never "— 至 —"). */
function periodWords({ from, to }: Filters, t: Translate): string[] {
  if (from && to) return [t("supervision.linkNote.period", { from, to })];
  if (from) return [t("supervision.linkNote.periodFrom", { from })];
  if (to) return [t("supervision.linkNote.periodTo", { to })];
  return [];
}

/**
 * Every filter the link applied, in words: the unit by its name (its own records only when the link
 * says `subtree=false`), the period, then each condition as the list's spec words it.
 */
export function linkWords(filters: Filters, spec: LinkSpec, t: Translate, unitName: (id: string) => string | undefined): string[] {
  const words: string[] = [];
  if (filters.unitId) {
    const unit = unitName(filters.unitId) ?? t("supervision.linkNote.someUnit");
    words.push(filters.subtree === "false" ? t("supervision.linkNote.unitAlone", { unit }) : unit);
  }
  words.push(...periodWords(filters, t));
  for (const [key, { word }] of Object.entries(spec)) {
    if (word && filters[key]) words.push(word(filters[key], t));
  }
  return words;
}
