import dayjs from "dayjs";

/** `2025-03-01 14:05:09`, or an em dash for no value. */
export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format("YYYY-MM-DD HH:mm:ss") : "—";
}
