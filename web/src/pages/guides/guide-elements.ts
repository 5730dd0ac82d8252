import {
  CASE_TYPE_LABELS,
  GUIDE_ELEMENTS,
  type GuideElement,
  type GuideElementId,
  type GuideLimit,
  guideLinkText,
  ITEM_TYPE_LABELS,
  LIMIT_UNIT_LABELS,
  MATERIAL_TYPE_LABELS,
  MEDIUM_LABELS,
  NECESSITY_LABELS,
  SERVICE_OBJECT_LABELS,
  type ServiceGuide,
  SPECIAL_PROCEDURE_LABELS,
} from "@kaoping/core";
import type { FindingView } from "./guides-api.ts";

/** The checklist's groups in the order the 要素检查 tab shows them. */
export const ELEMENT_GROUPS: readonly GuideElement["group"][] = [
  "基本信息",
  "申请材料",
  "办理流程",
  "表格及样表下载",
  "收费信息",
  "受理条件与情形",
  "全文",
];

export interface ElementCheck {
  id: GuideElementId;
  label: string;
  /** No error or warning on it (info findings are advice and do not fail it). */
  passes: boolean;
  findings: FindingView[];
}

/**
 * The version's elements, grouped as the checklist groups them, each with its
 * own findings; groups in checklist order, elements in GUIDE_ELEMENTS' order.
 */
export function groupElementChecks(version: {
  elements: readonly { id: GuideElementId; passes: boolean }[];
  findings: readonly FindingView[];
}): { group: GuideElement["group"]; elements: ElementCheck[] }[] {
  const passes = new Map(version.elements.map((element) => [element.id, element.passes]));
  const checks = (Object.entries(GUIDE_ELEMENTS) as [GuideElementId, GuideElement][]).map(([id, element]) => ({
    id,
    label: element.label,
    group: element.group,
    passes: passes.get(id) ?? true,
    findings: version.findings.filter((finding) => finding.element === id),
  }));
  return ELEMENT_GROUPS.map((group) => ({
    group,
    elements: checks.filter((check) => check.group === group).map(({ group: _group, ...check }) => check),
  })).filter((entry) => entry.elements.length > 0);
}

/** What an element says in the guide: lines of text, or a small table (materials, steps, locations …). */
export type ElementValue =
  | { kind: "text"; lines: string[] }
  | { kind: "table"; columns: ValueColumn[]; rows: Record<ValueColumn, string>[] }
  | { kind: "whole" };

/** Column keys of the value tables; the screen names them (guide.field.*). */
export type ValueColumn =
  | "name"
  | "necessity"
  | "type"
  | "source"
  | "issuer"
  | "originals"
  | "copies"
  | "media"
  | "blankFormUrl"
  | "sampleFormUrl"
  | "actor"
  | "limit"
  | "criteria"
  | "address"
  | "window"
  | "hours"
  | "phone"
  | "article"
  | "text"
  | "kind"
  | "note"
  | "provider"
  | "basis"
  | "standard"
  | "condition"
  | "materials"
  | "steps";

const label = (labels: Readonly<Record<string, string>>, code: string | null) => (code ? (labels[code] ?? code) : "");
const yesNo = (value: boolean | null) => (value === null ? "未说明" : value ? "是" : "否");
const num = (value: number | null) => (value === null ? "" : String(value));
/** Non-empty lines, each once (two locations with the same hours show them once). */
const lines = (...values: (string | null | undefined)[]): ElementValue => ({
  kind: "text",
  lines: [...new Set(values.filter((v): v is string => !!v?.trim()))],
});

/** “20 个工作日（note）”; a limit without its unit says so. */
export function limitText(limit: GuideLimit): string {
  const days =
    limit.days === null ? "" : limit.unit ? `${limit.days} 个${LIMIT_UNIT_LABELS[limit.unit]}` : `${limit.days} 日（未注明工作日或自然日）`;
  const note = limit.note.trim();
  return [days, note && note !== days ? note : ""].filter(Boolean).join("；");
}

function table<T>(items: readonly T[], columns: ValueColumn[], cell: (item: T) => Partial<Record<ValueColumn, string>>): ElementValue {
  return {
    kind: "table",
    columns,
    rows: items.map((item) => {
      const cells = cell(item);
      return Object.fromEntries(columns.map((column) => [column, cells[column] ?? ""])) as Record<ValueColumn, string>;
    }),
  };
}

type Material = ServiceGuide["materials"][number];
const materials = (g: ServiceGuide, columns: ValueColumn[], cell: (m: Material) => Partial<Record<ValueColumn, string>>) =>
  table(g.materials, ["name", ...columns], (m) => ({ name: m.name, ...cell(m) }));

const VALUES: Record<GuideElementId, (g: ServiceGuide) => ElementValue> = {
  itemType: (g) => lines(label(ITEM_TYPE_LABELS, g.itemType), g.unmappedCodes.itemType ? `未识别的代码：${g.unmappedCodes.itemType}` : ""),
  authoritySource: (g) => lines(g.authoritySource),
  quantityLimit: (g) => lines(yesNo(g.quantityLimited), g.quantityLimitNote),
  caseType: (g) => lines(label(CASE_TYPE_LABELS, g.caseType)),
  itemCode: (g) => lines(g.implementationCode && `实施编码：${g.implementationCode}`, g.basicCode && `基本编码：${g.basicCode}`),
  serviceObjects: (g) => lines(g.serviceObjects.map((o) => label(SERVICE_OBJECT_LABELS, o)).join("、")),
  legalLimit: (g) => lines(limitText(g.legalLimit)),
  promisedLimit: (g) => lines(limitText(g.promisedLimit)),
  location: (g) => table(g.locations, ["address", "window"], (l) => l),
  hours: (g) => lines(...g.locations.map((l) => l.hours)),
  consultationPhone: (g) => lines(g.consultationPhone),
  supervisionPhone: (g) => lines(g.supervisionPhone),
  phoneAccuracy: (g) =>
    lines(
      g.consultationPhone && `咨询电话：${g.consultationPhone}`,
      g.supervisionPhone && `监督电话：${g.supervisionPhone}`,
      ...g.locations.map((l) => l.phone && `办理地点电话：${l.phone}`),
    ),
  legalBasis: (g) => table(g.legalBases, ["name", "article", "text"], (b) => b),
  specialProcedures: (g) =>
    table(g.specialProcedures, ["name", "kind", "limit", "note"], (p) => ({
      name: p.name,
      kind: label(SPECIAL_PROCEDURE_LABELS, p.kind),
      limit: limitText(p.limit),
      note: p.note,
    })),
  materialName: (g) =>
    materials(g, ["necessity", "type"], (m) => ({
      necessity: label(NECESSITY_LABELS, m.necessity),
      type: label(MATERIAL_TYPE_LABELS, m.type),
    })),
  materialSource: (g) => materials(g, ["source", "issuer"], (m) => ({ source: m.source, issuer: m.issuer })),
  materialQuantity: (g) => materials(g, ["originals", "copies"], (m) => ({ originals: num(m.originals), copies: num(m.copies) })),
  materialMedium: (g) => materials(g, ["media"], (m) => ({ media: m.media.map((x) => label(MEDIUM_LABELS, x)).join("、") })),
  processSteps: (g) => lines(g.steps.map((s) => s.name).join(" → ")),
  processDetail: (g) => table(g.steps, ["name", "actor", "limit", "criteria"], (s) => ({ ...s, limit: limitText(s.limit) })),
  flowchart: (g) => lines(guideLinkText(g.flowchartUrl)),
  visits: (g) => lines(g.visits === null ? "" : `${g.visits} 次`, g.visitReason),
  onlineDepth: (g) => lines(g.onlineDepth === null ? "" : `${g.onlineDepth} 级`),
  blankForm: (g) => materials(g, ["blankFormUrl"], (m) => ({ blankFormUrl: guideLinkText(m.blankFormUrl) })),
  sampleForm: (g) => materials(g, ["sampleFormUrl"], (m) => ({ sampleFormUrl: guideLinkText(m.sampleFormUrl) })),
  formLinks: (g) =>
    materials(g, ["blankFormUrl", "sampleFormUrl"], (m) => ({
      blankFormUrl: guideLinkText(m.blankFormUrl),
      sampleFormUrl: guideLinkText(m.sampleFormUrl),
    })),
  feeFlag: (g) => lines(yesNo(g.charged)),
  feeStandard: (g) => table(g.fees, ["name", "standard"], (f) => f),
  feeBasis: (g) => table(g.fees, ["name", "basis"], (f) => f),
  acceptanceConditions: (g) => lines(g.acceptanceConditions),
  situations: (g) =>
    table(g.situations, ["name", "condition", "materials", "steps"], (s) => ({
      name: s.name,
      condition: s.condition,
      materials: s.materials.map((m) => m.name).join("、"),
      steps: s.steps.map((x) => x.name).join(" → "),
    })),
  intermediaries: (g) => table(g.intermediaries, ["name", "provider", "limit", "basis"], (i) => ({ ...i, limit: limitText(i.limit) })),
  links: (g) => lines(g.onlineUrl && `网上办理：${g.onlineUrl}`, g.mobileUrl && `移动端办理：${g.mobileUrl}`),
  text: () => ({ kind: "whole" }),
};

/** The element's value(s) in this guide, as the 要素检查 tab shows them next to its check results. */
export function elementValue(guide: ServiceGuide, element: GuideElementId): ElementValue {
  return VALUES[element](guide);
}

/** A value with nothing in it (the screen says 未填写). */
export function isEmptyValue(value: ElementValue): boolean {
  return (value.kind === "text" && value.lines.length === 0) || (value.kind === "table" && value.rows.length === 0);
}
