import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";

dayjs.extend(utc);

/** China Standard Time: UTC+8 all year (no daylight saving). */
const CST_OFFSET_MINUTES = 8 * 60;

/**
 * An instant as `2025-03-01 14:05:09` in China Standard Time whatever the browser's zone (a
 * reviewer abroad, a machine left on UTC): the records are Chinese offices' and their deadlines
 * count China's days, so every user must read the same time. An em dash for no value.
 */
export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).utcOffset(CST_OFFSET_MINUTES).format("YYYY-MM-DD HH:mm:ss") : "—";
}

/** `12.5 MB`, `830 KB`, `512 B`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
