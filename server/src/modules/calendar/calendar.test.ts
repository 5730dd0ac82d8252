import { isWorkingDay } from "@kaoping/core";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, calendarDays, calendarYears } from "../../platform/db/schema.ts";
import { type Client, login, makeUnit, makeUser, multipart, startTestServer, type TestServer, workbook } from "../../test/harness.ts";
import { loadWorkCalendar } from "./load.ts";
import { chineseDaysData, seedCalendar } from "./seed.ts";

const HEADERS = ["日期", "类型", "名称", "地区编码"];

let server: TestServer;
let office: Client;
let liaison: Client;

beforeAll(async () => {
  server = await startTestServer();
  expect((await seedCalendar(server.database.db)).length).toBeGreaterThan(20);
  await makeUnit(server, { code: "R", kind: "city" });
  await makeUser(server, { username: "office", unitCode: "R", roles: ["assessment_admin"] });
  await makeUser(server, { username: "liaison", unitCode: "R", roles: ["unit_liaison"] });
  office = await login(server, "office");
  liaison = await login(server, "liaison");
});
afterAll(() => server?.close());

const upload = (client: Client, file: Buffer) => {
  const body = multipart(file, "2027.xlsx");
  return client.request({ method: "POST", url: "/api/calendar/import", payload: body.payload, headers: body.headers });
};
const actions = async (action: string) =>
  (await server.database.db.select().from(auditLog).where(eq(auditLog.action, action))).map((r) => r.entityId);

describe("the chinese-days seed", () => {
  it("covers 2004–2026, every year of its span", () => {
    const { years } = chineseDaysData();
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBeGreaterThanOrEqual(2026);
    expect(years).toHaveLength(years.at(-1)! - 2004 + 1);
  });

  it("holds the State Council's known days", async () => {
    const calendar = await loadWorkCalendar(server.database.db);
    expect(isWorkingDay(calendar, "2024-02-04")).toBe(true); // Sunday, 春节补班
    expect(isWorkingDay(calendar, "2024-02-18")).toBe(true); // Sunday, 春节补班
    for (let d = 1; d <= 7; d++) expect(isWorkingDay(calendar, `2024-10-0${d}`)).toBe(false);
    expect(isWorkingDay(calendar, "2024-10-08")).toBe(true);
    expect(isWorkingDay(calendar, "2025-01-26")).toBe(true); // Sunday, 春节补班
    expect(isWorkingDay(calendar, "2025-05-01")).toBe(false);
    expect(isWorkingDay(calendar, "2025-05-06")).toBe(true);
    const [national] = await server.database.db
      .select()
      .from(calendarDays)
      .where(and(eq(calendarDays.regionCode, ""), eq(calendarDays.date, "2024-10-01")));
    expect(national).toMatchObject({ kind: "holiday", name: "国庆节", source: "chinese-days" });
  });

  it("is idempotent and never undoes the office's deletions", async () => {
    const count = async () => (await server.database.db.select().from(calendarDays)).length;
    const before = await count();
    expect(await seedCalendar(server.database.db)).toEqual([]);
    expect(await count()).toBe(before);
    await server.database.db.delete(calendarYears).where(eq(calendarYears.year, 2004));
    await server.database.db.delete(calendarDays).where(eq(calendarDays.date, "2004-10-01"));
    expect(await seedCalendar(server.database.db)).toEqual([]); // seeded once: an uncovered 2004 stays the office's word
    expect(await count()).toBe(before - 1);
  });
});

describe("GET /api/calendar", () => {
  it("shows a year to anyone signed in, with its holidays and make-up days", async () => {
    const res = await liaison.request({ method: "GET", url: "/api/calendar?year=2024" });
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({ year: 2024, regionCode: "", covered: true, source: "chinese-days" });
    expect(view.days.find((d: { date: string }) => d.date === "2024-02-18")).toMatchObject({ kind: "workday", regionCode: "" });
    expect(view.days.every((d: { date: string }) => d.date.startsWith("2024-"))).toBe(true);
  });

  it("says a year is not covered", async () => {
    const view = (await liaison.request({ method: "GET", url: "/api/calendar?year=2030" })).json();
    expect(view).toMatchObject({ covered: false, source: null, days: [] });
  });

  it("refuses a year out of range in Chinese", async () => {
    const res = await liaison.request({ method: "GET", url: "/api/calendar?year=1999" });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain("年份");
  });
});

describe("editing days", () => {
  it("refuses a liaison", async () => {
    const res = await liaison.request({ method: "PUT", url: "/api/calendar/days/2025-06-03", payload: { kind: "holiday" } });
    expect(res.statusCode).toBe(403);
  });

  it("adds a region's extra day off that only that region sees, audited", async () => {
    const put = await office.request({
      method: "PUT",
      url: "/api/calendar/days/2025-06-03",
      payload: { kind: "holiday", name: "地方节日", regionCode: "310105" },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ date: "2025-06-03", kind: "holiday", source: "manual", regionCode: "310105" });
    expect(isWorkingDay(await loadWorkCalendar(server.database.db, "310105"), "2025-06-03")).toBe(false);
    expect(isWorkingDay(await loadWorkCalendar(server.database.db), "2025-06-03")).toBe(true);
    const regional = (await office.request({ method: "GET", url: "/api/calendar?year=2025&region=310105" })).json();
    expect(regional.days.find((d: { date: string }) => d.date === "2025-06-03")).toMatchObject({ regionCode: "310105" });
    expect(regional.days.find((d: { date: string }) => d.date === "2025-05-01")).toMatchObject({ regionCode: "" });
    expect(await actions("calendar.day.set")).toContain("310105:2025-06-03");
  });

  it("removes a day: the date falls back to Monday–Friday", async () => {
    const del = await office.request({ method: "DELETE", url: "/api/calendar/days/2025-06-03?region=310105" });
    expect(del.statusCode).toBe(200);
    expect(isWorkingDay(await loadWorkCalendar(server.database.db, "310105"), "2025-06-03")).toBe(true);
    expect(await actions("calendar.day.delete")).toContain("310105:2025-06-03");
    const again = await office.request({ method: "DELETE", url: "/api/calendar/days/2025-06-03?region=310105" });
    expect(again.statusCode).toBe(404);
  });

  it("refuses a date that does not exist", async () => {
    const res = await office.request({ method: "PUT", url: "/api/calendar/days/2025-02-30", payload: { kind: "holiday" } });
    expect(res.statusCode).toBe(400);
  });

  it("marks a year covered or not, audited once per change", async () => {
    const put = (covered: boolean) => office.request({ method: "PUT", url: "/api/calendar/years/2031", payload: { covered } });
    expect((await put(true)).json()).toMatchObject({ year: 2031, covered: true, changed: true });
    expect((await put(true)).json()).toMatchObject({ changed: false });
    expect((await loadWorkCalendar(server.database.db)).years.has(2031)).toBe(true);
    expect((await put(false)).json()).toMatchObject({ covered: false, changed: true });
    expect((await loadWorkCalendar(server.database.db)).years.has(2031)).toBe(false);
    expect((await actions("calendar.year.update")).filter((id) => id === "2031")).toHaveLength(2);
  });
});

describe("Excel import and export", () => {
  it("offers a template with the Chinese headers", async () => {
    const res = await office.request({ method: "GET", url: "/api/calendar/template" });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet("工作日历")!.getRow(1).values).toEqual([undefined, "日期*", "类型*", "名称", "地区编码"]);
    expect(wb.getWorksheet("填写说明")).toBeTruthy();
  });

  it("refuses the whole file naming sheet, row and column, and writes nothing", async () => {
    const file = await workbook(
      HEADERS,
      [
        ["2027-10-01", "休息日", "国庆节", ""],
        ["2027-13-01", "休息日", "", ""],
        ["2027-10-09", "上班", "", ""],
        ["2027-10-01", "工作日", "", ""],
        ["2027-10-02", "休息日", "", "31-01"],
      ],
      "工作日历",
    );
    const res = await upload(office, file);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe("IMPORT_INVALID");
    expect(body.details).toEqual([
      expect.objectContaining({ sheet: "工作日历", row: 3, column: "日期" }),
      expect.objectContaining({ row: 4, column: "类型" }),
      expect.objectContaining({ row: 5, column: "日期", message: expect.stringContaining("第 2 行重复") }),
      expect.objectContaining({ row: 6, column: "地区编码" }),
    ]);
    expect((await office.request({ method: "GET", url: "/api/calendar?year=2027" })).json()).toMatchObject({ covered: false, days: [] });
  });

  it("imports next year's notice, marks the year covered, and counts with it", async () => {
    const file = await workbook(
      HEADERS,
      [
        ["2027-10-01", "休息日", "国庆节", ""],
        ["2027/10/4", "休息日", "国庆节", ""],
        ["2027-09-26", "工作日", "国庆节补班", ""],
        ["2027-10-08", "休息日", "区庆", "310105"],
      ],
      "工作日历",
    );
    const res = await upload(office, file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ saved: 4, coveredYears: [2027] });
    const calendar = await loadWorkCalendar(server.database.db, "310105");
    expect(calendar.years.has(2027)).toBe(true);
    expect(isWorkingDay(calendar, "2027-09-26")).toBe(true); // Sunday
    expect(isWorkingDay(calendar, "2027-10-04")).toBe(false); // Monday
    expect(isWorkingDay(calendar, "2027-10-08")).toBe(false); // the region's day
    expect((await actions("calendar.import")).sort()).toEqual(["2027-09-26", "2027-10-01", "2027-10-04", "310105:2027-10-08"]);
    // The same file again changes nothing.
    expect((await upload(office, file)).json()).toEqual({ saved: 0, coveredYears: [2027] });
    expect(await actions("calendar.import")).toHaveLength(4);
  });

  it("refuses an import from a liaison", async () => {
    const res = await upload(liaison, await workbook(HEADERS, [["2027-10-02", "休息日", "", ""]], "工作日历"));
    expect(res.statusCode).toBe(403);
  });

  it("exports a year with Chinese headers and labels, ready to import again", async () => {
    const res = await liaison.request({ method: "GET", url: "/api/calendar/export?year=2027" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toContain(encodeURIComponent("工作日历-2027.xlsx"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet("工作日历")!;
    expect(sheet.getRow(1).values).toEqual([undefined, "日期*", "类型*", "名称", "地区编码"]);
    expect(sheet.getRow(2).values).toEqual([undefined, "2027-09-26", "工作日", "国庆节补班", ""]);
    expect(sheet.getRow(5).values).toEqual([undefined, "2027-10-08", "休息日", "区庆", "310105"]);
    expect(sheet.getCell("A6").value).toBeNull(); // the 类型 drop-down reaches row 500; no more days
    expect(await actions("calendar.export")).toHaveLength(1);
  });
});
