import { type GuideDifference, guideFieldLabel, guideLinkText } from "@kaoping/core";

/** A value of a difference as one line: text as is (an uploaded file named, not its id), lists and objects part by part, nothing as an em dash. */
export function diffValueText(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return guideLinkText(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  // Parts of a value (a limit, a location …) by their Chinese names, never as JSON keys.
  if (Array.isArray(value)) return value.map(diffValueText).join("、");
  return Object.entries(value as Record<string, unknown>)
    .filter(([, part]) => part !== null && part !== undefined && part !== "")
    .map(([key, part]) => `${guideFieldLabel(key)}：${diffValueText(part)}`)
    .join("；");
}

export const DIFF_KIND_COLORS: Record<GuideDifference["kind"], string> = { added: "green", removed: "red", changed: "blue" };

/** Two chosen versions as a comparison: the older one first, whatever order they were ticked in. */
export function comparePair<V extends { id: string; createdAt: string; version: number }>(chosen: readonly V[]): { from: V; to: V } | null {
  if (chosen.length !== 2) return null;
  const [a, b] = [...chosen].sort((x, y) => x.createdAt.localeCompare(y.createdAt) || x.version - y.version) as [V, V];
  return { from: a, to: b };
}
