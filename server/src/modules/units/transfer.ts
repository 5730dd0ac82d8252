import { randomUUID } from "node:crypto";
import {
  buildTree,
  type ErrorDetail,
  findCycle,
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  UNIT_SHEET,
  UNIT_STATUS_LABELS,
  type UnitImportResult,
  type UnitKind,
  type UnitSheetKey,
  type UnitStatus,
  unitCreateSchema,
} from "@kaoping/core";
import { inArray } from "drizzle-orm";
import { units } from "../../platform/db/schema.ts";
import { importInvalid, loadWorkbook, readSheet, type SheetSpec, writeSheet } from "../../platform/excel/workbook.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { type AuditAs, insertUnits, type NewUnit, updateUnit } from "./commands.ts";
import { canSeeUnit } from "./policy.ts";
import type { UnitRow } from "./presenter.ts";

const YES = "是";
const NO = "否";

/** The unit sheet with the drop-downs users pick from (labels, never codes). */
export const UNIT_SHEET_SPEC: SheetSpec<UnitSheetKey> = {
  name: UNIT_SHEET.name,
  columns: UNIT_SHEET.columns.map((c) => ({
    ...c,
    width: c.key === "name" ? 36 : 16,
    options:
      c.key === "kind"
        ? Object.values(UNIT_KIND_LABELS)
        : c.key === "isReference"
          ? [YES, NO]
          : c.key === "status"
            ? Object.values(UNIT_STATUS_LABELS)
            : undefined,
  })),
};

const TEMPLATE_NOTES = [
  "单位导入填写说明：",
  "1. 带 * 的列必填；表头请勿修改。",
  "2. 单位编码唯一，只能包含字母、数字、点、下划线和连字符；它是导入导出匹配单位的依据。",
  "3. 上级单位编码可填写本表中的单位，也可填写系统中已有的单位；顶级单位留空。",
  `4. 单位类型可选：${Object.values(UNIT_KIND_LABELS).join("、")}。`,
  "5. 参照评估单位填“是”或“否”（参照评估单位参加评估、展示结果，但不参与排名），默认“否”。",
  "6. 状态填“正常”或“停用”，默认“正常”；排序为非负整数，默认 0。",
  "7. 勾选“更新已存在的数据”时，编码已存在的行将更新该单位；否则这些行报错。",
  "8. 任何一行有错时整个文件都不会导入。",
];

/** One unit to import, whatever it came from (Excel, demo data, the CLI). */
export interface UnitImportRow {
  /** Where the row came from, for error messages (Excel row number). */
  row: number;
  code: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  parentCode: string | null;
  isReference: boolean;
  status: UnitStatus;
  sortOrder: number;
}

const header = (key: UnitSheetKey) => UNIT_SHEET.columns.find((c) => c.key === key)!.header;
const labelToKind = new Map<string, UnitKind>(UNIT_KINDS.map((k) => [UNIT_KIND_LABELS[k], k]));
const labelToStatus = new Map<string, UnitStatus>((Object.keys(UNIT_STATUS_LABELS) as UnitStatus[]).map((s) => [UNIT_STATUS_LABELS[s], s]));

/** Parses the uploaded workbook into import rows; every cell problem is named by sheet, row and column. */
export async function parseUnitWorkbook(buffer: Buffer): Promise<UnitImportRow[]> {
  const workbook = await loadWorkbook(buffer);
  const { sheet, rows: sheetRows, errors } = readSheet(workbook, UNIT_SHEET_SPEC);
  const out: UnitImportRow[] = [];
  for (const { row, values: v } of sheetRows) {
    const fail = (key: UnitSheetKey, message: string) => errors.push({ sheet, row, column: header(key), message });
    const kind = labelToKind.get(v.kind) ?? UNIT_KINDS.find((k) => k === v.kind);
    if (!kind) fail("kind", `未知的单位类型「${v.kind}」，可选：${[...labelToKind.keys()].join("、")}`);
    const status = v.status === "" ? "active" : labelToStatus.get(v.status);
    if (!status) fail("status", `状态应为“正常”或“停用”，不是「${v.status}」`);
    if (v.isReference !== "" && v.isReference !== YES && v.isReference !== NO) {
      fail("isReference", `参照评估单位应为“是”或“否”，不是「${v.isReference}」`);
    }
    const sortOrder = v.sortOrder === "" ? 0 : Number(v.sortOrder);
    if (!Number.isInteger(sortOrder) || sortOrder < 0) fail("sortOrder", `排序应为非负整数，不是「${v.sortOrder}」`);
    const checked = unitCreateSchema.pick({ code: true, name: true, shortName: true }).safeParse({
      code: v.code,
      name: v.name,
      shortName: v.shortName || null,
    });
    if (!checked.success) {
      for (const issue of checked.error.issues) fail(issue.path[0] as UnitSheetKey, issue.message);
    }
    out.push({
      row,
      code: v.code,
      name: v.name,
      shortName: v.shortName || null,
      kind: kind ?? "other",
      parentCode: v.parentCode || null,
      isReference: v.isReference === YES,
      status: status ?? "active",
      sortOrder: Number.isInteger(sortOrder) ? sortOrder : 0,
    });
  }
  if (errors.length) throw importInvalid(errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)));
  return out;
}

/**
 * Imports units all-or-nothing: validates every row against the file and the
 * database (duplicates, unknown parents, cycles, existing codes, scope), and
 * only when nothing is wrong writes them, parents first, each with its audit record.
 * Runs inside the caller's transaction, so a failure midway rolls back everything.
 */
export async function importUnits(options: {
  ctx: CommandContext;
  rows: UnitImportRow[];
  updateExisting: boolean;
  sheet?: string;
  source?: string;
}): Promise<UnitImportResult> {
  const { ctx, rows, updateExisting } = options;
  const sheet = options.sheet ?? UNIT_SHEET.name;
  const errors: ErrorDetail[] = [];
  const fail = (row: number, key: UnitSheetKey, message: string) => errors.push({ sheet, row, column: header(key), message });

  const byCode = new Map<string, UnitImportRow>();
  for (const r of rows) {
    const first = byCode.get(r.code);
    if (first) fail(r.row, "code", `单位编码「${r.code}」与第 ${first.row} 行重复`);
    else byCode.set(r.code, r);
  }
  const codes = [...new Set([...rows.map((r) => r.code), ...rows.flatMap((r) => (r.parentCode ? [r.parentCode] : []))])];
  const existing = new Map<string, UnitRow>();
  for (let i = 0; i < codes.length; i += 1000) {
    const found = await ctx.tx
      .select()
      .from(units)
      .where(inArray(units.code, codes.slice(i, i + 1000)));
    for (const u of found) existing.set(u.code, u);
  }

  for (const r of byCode.values()) {
    const current = existing.get(r.code);
    if (current && !updateExisting) fail(r.row, "code", `单位编码「${r.code}」已存在（勾选“更新已存在的数据”可更新）`);
    if (current && updateExisting && !canSeeUnit(ctx.principal, current)) fail(r.row, "code", `无权修改单位「${r.code}」`);
    if (r.parentCode === r.code) fail(r.row, "parentCode", "上级单位不能是自己");
    else if (r.parentCode && !byCode.has(r.parentCode)) {
      const parent = existing.get(r.parentCode);
      if (!parent) fail(r.row, "parentCode", `上级单位编码「${r.parentCode}」不存在（本表和系统中都没有）`);
      // A unit that stays where it is (a scoped user's own top unit in its own export) needs no right on its parent.
      else if (!canSeeUnit(ctx.principal, parent) && current?.parentId !== parent.id)
        fail(r.row, "parentCode", `无权在单位「${r.parentCode}」下导入`);
    }
    if (!r.parentCode && !ctx.principal.scope.all) fail(r.row, "parentCode", "只有全部数据权限的用户可以导入顶级单位");
  }
  const cycle = errors.length ? null : await findImportCycle(ctx, byCode, existing);
  if (cycle) {
    for (const code of cycle) {
      const r = byCode.get(code);
      if (r) fail(r.row, "parentCode", `上级单位形成循环：${cycle.join(" → ")} → ${cycle[0]}`);
    }
  }
  if (errors.length) throw importInvalid(errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)));

  const auditAs: AuditAs = { action: "unit.import", businessType: "import" };
  const idByCode = new Map<string, string>([...existing.values()].map((u) => [u.code, u.id]));
  const pathByCode = new Map<string, string>([...existing.values()].map((u) => [u.code, u.path]));
  const creations: NewUnit[] = [];
  const updates: UnitImportRow[] = [];
  for (const r of parentsFirst(byCode)) {
    if (existing.has(r.code)) {
      updates.push(r);
      continue;
    }
    const id = randomUUID();
    const parentId = r.parentCode ? idByCode.get(r.parentCode)! : null;
    const path = `${r.parentCode ? pathByCode.get(r.parentCode) : "/"}${id}/`;
    idByCode.set(r.code, id);
    pathByCode.set(r.code, path);
    creations.push({
      id,
      path,
      parentId,
      code: r.code,
      name: r.name,
      shortName: r.shortName,
      kind: r.kind,
      isReference: r.isReference,
      status: r.status,
      sortOrder: r.sortOrder,
    });
  }
  // New units first (all at once), then updates one by one: a moved unit's subtree paths are rewritten by updateUnit.
  await insertUnits(ctx, creations, auditAs);
  for (const r of updates) {
    const parentId = r.parentCode ? (idByCode.get(r.parentCode) ?? null) : null;
    const input = {
      code: r.code,
      name: r.name,
      shortName: r.shortName,
      kind: r.kind,
      parentId,
      isReference: r.isReference,
      sortOrder: r.sortOrder,
      status: r.status,
    };
    await updateUnit({ ctx, id: existing.get(r.code)!.id, input, auditAs });
  }
  const created = creations.length;
  const updated = updates.length;
  const result = { created, updated, total: rows.length };
  await ctx.audit({
    action: "unit.import.summary",
    businessType: "import",
    entityType: "unit",
    after: { ...result, source: options.source ?? null },
  });
  return result;
}

/** A cycle among the file's parents together with the database's (a moved unit may close a loop). */
async function findImportCycle(ctx: CommandContext, byCode: Map<string, UnitImportRow>, existing: Map<string, UnitRow>) {
  const parentOf = new Map<string, string | null>();
  if ([...byCode.values()].some((r) => existing.has(r.code))) {
    const all = await ctx.tx.select({ id: units.id, code: units.code, parentId: units.parentId }).from(units);
    const codeById = new Map(all.map((u) => [u.id, u.code]));
    for (const u of all) parentOf.set(u.code, u.parentId ? (codeById.get(u.parentId) ?? null) : null);
  }
  for (const r of byCode.values()) parentOf.set(r.code, r.parentCode);
  return findCycle(parentOf);
}

/** Rows ordered so a parent in the file is written before its children. */
function parentsFirst(byCode: Map<string, UnitImportRow>): UnitImportRow[] {
  const ordered: UnitImportRow[] = [];
  const placed = new Set<string>();
  const place = (r: UnitImportRow) => {
    if (placed.has(r.code)) return;
    placed.add(r.code);
    const parent = r.parentCode ? byCode.get(r.parentCode) : undefined;
    if (parent) place(parent);
    ordered.push(r);
  };
  for (const r of byCode.values()) place(r);
  return ordered;
}

/** The export: Chinese headers and labels, parents before children, ready to import again. */
export async function exportUnitsWorkbook(rows: (UnitRow & { parentCode: string | null })[]): Promise<Buffer> {
  const ordered: typeof rows = [];
  const walk = (nodes: ReturnType<typeof buildTree<(typeof rows)[number]>>) => {
    for (const { children, ...row } of nodes) {
      ordered.push(row as (typeof rows)[number]);
      walk(children as typeof nodes);
    }
  };
  walk(buildTree(rows));
  return writeSheet(
    UNIT_SHEET_SPEC,
    ordered.map((u) => ({
      code: u.code,
      name: u.name,
      shortName: u.shortName,
      kind: UNIT_KIND_LABELS[u.kind as UnitKind] ?? u.kind,
      parentCode: u.parentCode,
      isReference: u.isReference ? YES : NO,
      status: UNIT_STATUS_LABELS[u.status as UnitStatus] ?? u.status,
      sortOrder: u.sortOrder,
    })),
  );
}

/** An empty template with the drop-downs and a sheet of instructions. */
export function unitTemplateWorkbook(): Promise<Buffer> {
  return writeSheet(UNIT_SHEET_SPEC, [], TEMPLATE_NOTES);
}
