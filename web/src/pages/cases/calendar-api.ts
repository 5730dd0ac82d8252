import type { CalendarImportResult, CalendarYearView, CaseRederiveJobView } from "@kaoping/core";
import { api, download, upload } from "../../api/client.ts";

export const calendarApi = {
  year: (year: number, region: string) => api.get<CalendarYearView>("/api/calendar", { year, region: region || undefined }),
  setDay: (date: string, body: { kind: "holiday" | "workday"; name?: string | null; regionCode: string }) =>
    api.put<CalendarYearView["days"][number]>(`/api/calendar/days/${date}`, body),
  removeDay: (date: string, region: string) =>
    api.delete<{ ok: true }>(`/api/calendar/days/${date}${region ? `?region=${encodeURIComponent(region)}` : ""}`),
  setCovered: (year: number, covered: boolean) => api.put<{ year: number; covered: boolean }>(`/api/calendar/years/${year}`, { covered }),
  exportXlsx: (year: number, region: string) =>
    download("/api/calendar/export", { year, region: region || undefined }, `工作日历-${year}.xlsx`),
  downloadTemplate: () => download("/api/calendar/template", undefined, "工作日历导入模板.xlsx"),
  importXlsx: (file: File) => upload<CalendarImportResult>("/api/calendar/import", file),
  rederiveJobs: () => api.get<{ rows: CaseRederiveJobView[] }>("/api/calendar/rederive-jobs"),
};
