import {
  calendarDayDeleteQuerySchema,
  calendarDayParamsSchema,
  calendarDayPutSchema,
  calendarExportQuerySchema,
  calendarQuerySchema,
  calendarYearParamsSchema,
  calendarYearPutSchema,
  PERMISSIONS,
} from "@kaoping/core";
import { query, transaction } from "../../platform/http/command.ts";
import { sendXlsx } from "../../platform/http/schemas.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { readOneUpload } from "../../platform/http/upload.ts";
import { listCaseRederiveJobs } from "../cases/rederive.ts";
import { deleteCalendarDay, setCalendarDay, setCalendarYear } from "./commands.ts";
import { presentRederiveJob } from "./presenter.ts";
import { getCalendarYear, listCalendarDays } from "./queries.ts";
import { calendarTemplateWorkbook, exportCalendarWorkbook, importCalendar, parseCalendarWorkbook } from "./transfer.ts";

const tags = ["calendar"];
const manage = { access: PERMISSIONS.calendarManage };

/** 工作日历: anyone signed in reads it; the assessment office (case:calendar:manage) edits, imports it. */
export function registerCalendarRoutes(app: App, ctx: AppContext): void {
  app.get("/api/calendar", { schema: { tags, querystring: calendarQuerySchema }, config: { access: "authenticated" } }, (req) =>
    getCalendarYear(query(ctx, req), req.query),
  );

  // The clocks a calendar change moves, while a background job derives them again (modules/cases/rederive.ts).
  app.get("/api/calendar/rederive-jobs", { schema: { tags }, config: { access: "authenticated" } }, async (req) => ({
    rows: (await listCaseRederiveJobs(query(ctx, req).db)).map(presentRederiveJob),
  }));

  app.put(
    "/api/calendar/days/:date",
    { schema: { tags, params: calendarDayParamsSchema, body: calendarDayPutSchema }, config: manage },
    (req) => transaction(ctx, req, (command) => setCalendarDay({ ctx: command, date: req.params.date, input: req.body })),
  );

  app.delete(
    "/api/calendar/days/:date",
    { schema: { tags, params: calendarDayParamsSchema, querystring: calendarDayDeleteQuerySchema }, config: manage },
    async (req) => {
      await transaction(ctx, req, (command) => deleteCalendarDay({ ctx: command, date: req.params.date, regionCode: req.query.region }));
      return { ok: true };
    },
  );

  app.put(
    "/api/calendar/years/:year",
    { schema: { tags, params: calendarYearParamsSchema, body: calendarYearPutSchema }, config: manage },
    (req) => transaction(ctx, req, (command) => setCalendarYear({ ctx: command, year: req.params.year, covered: req.body.covered })),
  );

  app.get("/api/calendar/template", { schema: { tags }, config: manage }, async (_req, reply) =>
    sendXlsx(reply, "工作日历导入模板.xlsx", await calendarTemplateWorkbook()),
  );

  app.post("/api/calendar/import", { schema: { tags }, config: manage }, async (req) => {
    const { buffer, fileName } = await readOneUpload(req);
    const rows = await parseCalendarWorkbook(buffer);
    return transaction(ctx, req, (command) => importCalendar({ ctx: command, rows, source: fileName }));
  });

  app.get(
    "/api/calendar/export",
    { schema: { tags, querystring: calendarExportQuerySchema }, config: { access: "authenticated" } },
    async (req, reply) => {
      const rows = await listCalendarDays(query(ctx, req), req.query);
      const body = await exportCalendarWorkbook(rows);
      await transaction(ctx, req, (command) =>
        command.audit({
          action: "calendar.export",
          businessType: "export",
          entityType: "calendar_day",
          after: { count: rows.length, filters: req.query },
        }),
      );
      const name = req.query.year ? `工作日历-${req.query.year}.xlsx` : "工作日历.xlsx";
      return sendXlsx(reply, name, body);
    },
  );
}
