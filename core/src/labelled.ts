/**
 * A code list with its Chinese labels: `values` (a non-empty tuple, as z.enum takes it) and
 * `labels` (code → 中文). One shape for every vocabulary the screens, exports and checks share.
 */
export const labelled = <const T extends Record<string, string>>(labels: T) => ({
  values: Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]],
  labels,
});
