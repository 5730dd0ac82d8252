import {
  CASE_TYPE_LABELS,
  type CodeTables,
  type ErrorDetail,
  GUIDE_ELEMENTS,
  type GuideElementId,
  type GuideSettings,
  ITEM_TYPE_LABELS,
  LEVEL_LABELS,
  LIMIT_UNIT_LABELS,
  MATERIAL_TYPE_LABELS,
  MEDIUM_LABELS,
  NECESSITY_LABELS,
  type Ownership,
  SERVICE_OBJECT_LABELS,
  SPECIAL_PROCEDURE_LABELS,
} from "@kaoping/core";
import { optionsOf } from "./guide-labels.ts";

/** An element's weight when the office has not set one (core's accuracyOf uses the same). */
export const DEFAULT_WEIGHT = 1;

const ELEMENT_IDS = Object.keys(GUIDE_ELEMENTS) as GuideElementId[];

export interface ElementRow {
  id: GuideElementId;
  label: string;
  group: string;
  ownership: Ownership;
  /** Rows the group cell spans: the first row of a group spans them all, the others 0. */
  groupSpan: number;
}

/** The checklist's elements grouped (groups in order of first appearance, elements in core's order within one). */
export function elementRows(): ElementRow[] {
  const groups: string[] = [];
  for (const id of ELEMENT_IDS) if (!groups.includes(GUIDE_ELEMENTS[id].group)) groups.push(GUIDE_ELEMENTS[id].group);
  return groups.flatMap((group) => {
    const ids = ELEMENT_IDS.filter((id) => GUIDE_ELEMENTS[id].group === group);
    return ids.map((id, index) => ({
      id,
      label: GUIDE_ELEMENTS[id].label,
      group,
      ownership: GUIDE_ELEMENTS[id].ownership,
      groupSpan: index === 0 ? ids.length : 0,
    }));
  });
}

/** The settings form: every element's weight and owner kind, filled in (a cleared weight is null until saved). */
export interface SettingsValues {
  weights: Record<GuideElementId, number | null>;
  ownership: Record<GuideElementId, Ownership>;
}

/** The form's values for what the server holds: elements it has not set show core's defaults. */
export function settingsValues(settings: Partial<GuideSettings> = {}): SettingsValues {
  const weights = {} as SettingsValues["weights"];
  const ownership = {} as SettingsValues["ownership"];
  for (const id of ELEMENT_IDS) {
    weights[id] = settings.weights?.[id] ?? DEFAULT_WEIGHT;
    ownership[id] = settings.ownership?.[id] ?? GUIDE_ELEMENTS[id].ownership;
  }
  return { weights, ownership };
}

/** The PUT body: only what differs from the defaults, so an element left alone follows core's default. */
export function settingsBody(values: SettingsValues): GuideSettings {
  const body: GuideSettings = { weights: {}, ownership: {} };
  for (const id of ELEMENT_IDS) {
    const weight = values.weights[id];
    if (weight !== null && weight !== undefined && weight !== DEFAULT_WEIGHT) body.weights[id] = weight;
    const owner = values.ownership[id];
    if (owner && owner !== GUIDE_ELEMENTS[id].ownership) body.ownership[id] = owner;
  }
  return body;
}

export type CodeListKey = keyof CodeTables;

/** How a list's value is edited: one label, several labels, free text (材料来源) or a level 1–4 (网办深度). */
export type CodeValueKind = "select" | "multiple" | "text" | "depth";

export interface CodeList {
  key: CodeListKey;
  kind: CodeValueKind;
  options: { value: string; label: string }[];
}

/** The lists of a source's code tables, in the order the page shows them. */
export const CODE_LISTS: CodeList[] = [
  { key: "itemType", kind: "select", options: optionsOf(ITEM_TYPE_LABELS) },
  { key: "level", kind: "select", options: optionsOf(LEVEL_LABELS) },
  { key: "caseType", kind: "select", options: optionsOf(CASE_TYPE_LABELS) },
  { key: "limitUnit", kind: "select", options: optionsOf(LIMIT_UNIT_LABELS) },
  { key: "necessity", kind: "select", options: optionsOf(NECESSITY_LABELS) },
  { key: "materialType", kind: "select", options: optionsOf(MATERIAL_TYPE_LABELS) },
  { key: "medium", kind: "multiple", options: optionsOf(MEDIUM_LABELS) },
  { key: "source", kind: "text", options: [] },
  { key: "serviceObject", kind: "multiple", options: optionsOf(SERVICE_OBJECT_LABELS) },
  { key: "specialKind", kind: "select", options: optionsOf(SPECIAL_PROCEDURE_LABELS) },
  { key: "onlineDepth", kind: "depth", options: [] },
  { key: "authoritySource", kind: "text", options: [] },
];

const CODE_LIST_KEYS = new Set<string>(CODE_LISTS.map((list) => list.key));

export type CodeValue = string | string[] | number | null;

/** One editable row: a code of the source and what it stands for. */
export interface CodeRow {
  code: string;
  value: CodeValue;
}

export type CodeRows = Record<CodeListKey, CodeRow[]>;

/** An empty row of a list, as “添加一行” adds it. */
export function emptyRow(kind: CodeValueKind): CodeRow {
  return { code: "", value: kind === "multiple" ? [] : null };
}

/** The tables as rows, code order kept as the server sent it. */
export function tablesToRows(tables: Partial<CodeTables>): CodeRows {
  const rows = {} as CodeRows;
  for (const list of CODE_LISTS) {
    rows[list.key] = Object.entries(tables[list.key] ?? {}).map(([code, value]) => ({
      code,
      value: Array.isArray(value) ? [...value] : (value as CodeValue),
    }));
  }
  return rows;
}

/** The PUT body: codes trimmed, text values trimmed, rows without a code left out. */
export function rowsToTables(rows: Partial<CodeRows>): CodeTables {
  const tables = {} as Record<CodeListKey, Record<string, unknown>>;
  for (const list of CODE_LISTS) {
    const table: Record<string, unknown> = {};
    for (const row of rows[list.key] ?? []) {
      const code = row.code?.trim();
      if (!code) continue;
      table[code] = typeof row.value === "string" ? row.value.trim() : row.value;
    }
    tables[list.key] = table;
  }
  return tables as unknown as CodeTables;
}

/** True when another row of the same list has this code (trimmed). */
export function isDuplicateCode(rows: readonly CodeRow[] | undefined, index: number): boolean {
  const code = rows?.[index]?.code?.trim();
  if (!code) return false;
  return (rows ?? []).some((row, i) => i !== index && row?.code?.trim() === code);
}

/**
 * A 400's details as lines to read: the request part dropped and the list named,
 * `["body", "caseType", "1"]` → “办件类型 · 1：…”.
 */
export function detailLines(details: readonly ErrorDetail[] | undefined, listLabel: (key: CodeListKey) => string): string[] {
  return (details ?? []).map((detail) => {
    const path = (detail.path ?? []).map(String);
    const rest = path[0] === "body" ? path.slice(1) : path;
    const [list, ...tail] = rest;
    const where = list && CODE_LIST_KEYS.has(list) ? [listLabel(list as CodeListKey), ...tail] : rest;
    return where.length ? `${where.join(" · ")}：${detail.message}` : detail.message;
  });
}

/**
 * The rows with a code gap's code added to its list (value still to choose),
 * unless the list already has a row with that code: the office fills in what
 * the code stands for and saves.
 */
export function withGapRow(rows: Partial<CodeRows>, gap: { table: CodeListKey; code: string }): Partial<CodeRows> {
  const list = CODE_LISTS.find((l) => l.key === gap.table);
  const current = rows[gap.table] ?? [];
  if (!list || current.some((row) => row?.code?.trim() === gap.code)) return rows;
  return { ...rows, [gap.table]: [...current, { ...emptyRow(list.kind), code: gap.code }] };
}
