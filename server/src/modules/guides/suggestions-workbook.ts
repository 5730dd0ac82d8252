/** 修改建议汇总表: the defects as an Excel workbook, one sheet per owning unit (seed 002). */
import { GUIDE_CHANNEL_LABELS, type GuideChannel } from "@kaoping/core";
import { type SheetSpec, writeSheets } from "../../platform/excel/workbook.ts";
import type { DefectView } from "./corrections.ts";

const SUGGESTION_COLUMNS = [
  { key: "no", header: "序号", width: 6 },
  { key: "itemCode", header: "事项编码", width: 34 },
  { key: "itemName", header: "事项名称", width: 28 },
  { key: "channel", header: "渠道" },
  { key: "element", header: "要素" },
  { key: "ownership", header: "要素类别", width: 12 },
  { key: "message", header: "问题", width: 36 },
  { key: "path", header: "位置", width: 24 },
  { key: "detail", header: "详情", width: 36 },
  { key: "fix", header: "修改建议", width: 40 },
  { key: "seed", header: "依据", width: 40 },
  { key: "status", header: "状态", width: 10 },
  { key: "createdAt", header: "发现时间", width: 18 },
].map((c) => ({ ...c, required: false }));
type SuggestionKey = (typeof SUGGESTION_COLUMNS)[number]["key"];

/** Where a defect sits, in words a department reads: an accepted public report has no place in the guide's fields. */
const locationOf = (path: string) => (path.startsWith("public:") ? "群众找茬反映" : path);

/** 2026-05-03 14:05, China Standard Time: the office's clock. */
const cstMinute = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");

function suggestionRow(defect: DefectView, index: number): Record<SuggestionKey, string | number | null> {
  return {
    no: index + 1,
    itemCode: defect.itemCode,
    itemName: defect.itemName,
    channel: GUIDE_CHANNEL_LABELS[defect.channel as GuideChannel] ?? defect.channel,
    element: defect.elementLabel,
    ownership: defect.ownershipLabel,
    message: defect.message,
    path: locationOf(defect.path),
    detail: defect.detail,
    fix: defect.fix,
    seed: defect.seed,
    status: defect.statusLabel,
    createdAt: cstMinute(defect.createdAt),
  };
}

/** Excel's rules for a sheet name: 31 characters, none of * ? : \ / [ ], no quote at either end, unique ignoring case. */
function sheetName(name: string, taken: Set<string>): string {
  const clean =
    name
      .replace(/[*?:\\/[\]]/g, "_")
      .replace(/^'+|'+$/g, "")
      .trim() || "未命名单位";
  const fit = (suffix: string) =>
    Array.from(clean)
      .slice(0, 31 - suffix.length)
      .join("") + suffix;
  let candidate = fit("");
  for (let n = 2; taken.has(candidate.toLowerCase()) || candidate === "History"; n++) candidate = fit(`(${n})`);
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** 修改建议汇总表: one sheet per owner unit, so each department receives its own list of corrections. */
export async function suggestionsWorkbook(defects: readonly DefectView[]): Promise<Buffer> {
  const byOwner = new Map<string, DefectView[]>();
  for (const defect of defects) byOwner.set(defect.ownerUnitId, [...(byOwner.get(defect.ownerUnitId) ?? []), defect]);
  const owners = [...byOwner.values()].sort((a, b) => a[0]!.ownerUnitName.localeCompare(b[0]!.ownerUnitName, "zh-CN"));
  const taken = new Set<string>();
  const sheet = (name: string, list: readonly DefectView[]) => ({
    spec: { name: sheetName(name, taken), columns: SUGGESTION_COLUMNS } satisfies SheetSpec<SuggestionKey>,
    rows: list.map(suggestionRow),
  });
  // An empty selection still gives a workbook with its headers, not a file Excel cannot open.
  const sheets = owners.length ? owners.map((list) => sheet(list[0]!.ownerUnitName, list)) : [sheet("修改建议汇总表", [])];
  return writeSheets(sheets);
}

/** One defect the principal sees; NOT_FOUND otherwise. */
