import {
  GUIDE_CHANNEL_LABELS,
  GUIDE_DEFECT_STATUS_LABELS,
  GUIDE_ELEMENTS,
  GUIDE_FAULT_REPORT_STATUS_LABELS,
  GUIDE_IMPORT_FORMAT_LABELS,
  GUIDE_SEVERITY_FILTERS,
  type GuideElementId,
  ITEM_TYPE_LABELS,
  isClosedByHand,
} from "@kaoping/core";

/**
 * Guide labels come from @kaoping/core, in Chinese, as the server and the
 * exports name them: a screen shows 行政许可, never administrative_license.
 */

/** The label of a code, the code itself when the map does not know it (an unmapped provincial code), or an em dash. */
export function labelOf(labels: Readonly<Record<string, string>>, code: string | null | undefined): string {
  if (!code) return "—";
  return labels[code] ?? code;
}

/** `{value, label}` options of a label map, in its order. */
export function optionsOf<K extends string>(labels: Readonly<Record<K, string>>): { value: K; label: string }[] {
  return (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
}

export const itemTypeOptions = optionsOf(ITEM_TYPE_LABELS);
export const channelOptions = optionsOf(GUIDE_CHANNEL_LABELS);
export const importFormatOptions = optionsOf(GUIDE_IMPORT_FORMAT_LABELS);
export const severityFilterOptions = optionsOf(GUIDE_SEVERITY_FILTERS);
export const defectStatusOptions = optionsOf(GUIDE_DEFECT_STATUS_LABELS);
export const faultReportStatusOptions = optionsOf(GUIDE_FAULT_REPORT_STATUS_LABELS);

/** The checklist's elements as select options, labelled “基本信息 · 设定依据”, searchable by either. */
export const elementOptions: { value: GuideElementId; label: string }[] = (
  Object.entries(GUIDE_ELEMENTS) as [GuideElementId, { label: string; group: string }][]
).map(([value, element]) => ({ value, label: `${element.group} · ${element.label}` }));

const ELEMENT_LABELS: Record<string, string> = Object.fromEntries(
  Object.entries(GUIDE_ELEMENTS).map(([id, element]) => [id, element.label]),
);

export const elementLabel = (element: string | null | undefined) => labelOf(ELEMENT_LABELS, element);

export const elementGroup = (element: string): string => GUIDE_ELEMENTS[element as GuideElementId]?.group ?? "—";

/** The guide page of an item. */
export const guidePath = (id: string) => `/guides/items/${id}`;

/** Public-report and dead-link defects are closed by hand (core isClosedByHand); the others close when a corrected guide is imported. */
export const isClosedByHandDefect = (defect: { checkId: string }) => isClosedByHand(defect.checkId);

/** Accuracy as the office reports it: one decimal and a percent sign. */
export function accuracyText(accuracy: number | null | undefined): string {
  return accuracy === null || accuracy === undefined ? "—" : `${accuracy.toFixed(1)}%`;
}

/** Green from 95 %, gold from 85 %, red below. */
export function accuracyColor(accuracy: number): string {
  if (accuracy >= 95) return "success";
  if (accuracy >= 85) return "warning";
  return "error";
}
