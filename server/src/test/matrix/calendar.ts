import { nextDate, PERMISSIONS } from "@kaoping/core";
import { calendarDays } from "../../platform/db/schema.ts";
import { multipart, workbook } from "../harness.ts";
import type { Fixture, MatrixRows, Req } from "./types.ts";

const P = PERMISSIONS;

/** A fresh date of its own per request, in a year no other row touches. */
const freshDate = (f: Fixture) => nextDate("2060-01-01", f.seq());

/** A region's day that exists, for the delete to remove. */
async function regionDay(f: Fixture): Promise<string> {
  const date = freshDate(f);
  await f.server.database.db.insert(calendarDays).values({ regionCode: "310105", date, kind: "holiday", name: null, source: "manual" });
  return date;
}

async function importRequest(f: Fixture): Promise<Req> {
  const file = await workbook(["日期", "类型", "名称", "地区编码"], [[freshDate(f), "休息日", "矩阵", "310105"]], "工作日历");
  const body = multipart(file, "calendar.xlsx");
  return { method: "POST", url: "/api/calendar/import", payload: body.payload, headers: body.headers };
}

/** 工作日历: read by anyone signed in, edited by the assessment office. Not unit data. */
export const CALENDAR_ROWS: MatrixRows = {
  "GET /api/calendar": { access: "authenticated", unitScoped: false, request: () => ({ method: "GET", url: "/api/calendar?year=2024" }) },
  "GET /api/calendar/rederive-jobs": {
    access: "authenticated",
    unitScoped: false,
    request: () => ({ method: "GET", url: "/api/calendar/rederive-jobs" }),
  },
  "PUT /api/calendar/days/:date": {
    access: P.calendarManage,
    unitScoped: false,
    request: (f) => ({
      method: "PUT",
      url: `/api/calendar/days/${freshDate(f)}`,
      payload: { kind: "holiday", name: "矩阵", regionCode: "310105" },
    }),
  },
  "DELETE /api/calendar/days/:date": {
    access: P.calendarManage,
    unitScoped: false,
    request: async (f) => ({ method: "DELETE", url: `/api/calendar/days/${await regionDay(f)}?region=310105` }),
  },
  "PUT /api/calendar/years/:year": {
    access: P.calendarManage,
    unitScoped: false,
    request: () => ({ method: "PUT", url: "/api/calendar/years/2060", payload: { covered: true } }),
  },
  "GET /api/calendar/template": {
    access: P.calendarManage,
    unitScoped: false,
    request: () => ({ method: "GET", url: "/api/calendar/template" }),
  },
  "POST /api/calendar/import": { access: P.calendarManage, unitScoped: false, request: importRequest },
  "GET /api/calendar/export": {
    access: "authenticated",
    unitScoped: false,
    request: () => ({ method: "GET", url: "/api/calendar/export?year=2024&region=310105" }),
  },
};
