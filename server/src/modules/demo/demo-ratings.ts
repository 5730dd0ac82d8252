/**
 * 好差评 and 接通率抽查 in the demo (docs/demo-data.md): the demo's completed cases rated by their
 * applicants (a provincial export, through the real ingest), the bad reviews older than
 * SETTLED_DAYS taken along the loop by the unit and the office at their own dates — most confirmed,
 * rectified and revisited, one in five appealed (one in ten upheld), one in seven never answered
 * (申诉超时) —, one rectified review answered by a bad 追评; and last month's district spot-check
 * round over the window departments' published numbers, rung by the demo's checker.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type CallOutcome, cstDate, nextDate, type ReviewStepInput, seededRandom } from "@kaoping/core";
import { sql } from "drizzle-orm";
import { loadPrincipal, type Principal } from "../../platform/auth/principal.ts";
import type { Database } from "../../platform/db/client.ts";
import { selectRows } from "../../platform/db/rows.ts";
import { runCommand } from "../../platform/http/command.ts";
import type { AppContext } from "../../platform/http/types.ts";
import { ingestFile } from "../../platform/ingest/index.ts";
import { loadWorkCalendar } from "../calendar/load.ts";
import { recordCall } from "../hotline/calls.ts";
import { createRound } from "../hotline/rounds.ts";
import { ratingRow, writeRatingFile } from "../ratings/generator.ts";
import { stepReview } from "../ratings/reviews.ts";
import { officeTime, unitActor } from "./demo-supervision.ts";

const OFFICE_USERNAME = "kpb";
const CHECKER_USERNAME = "dangxiao";
/** Share of completed cases the applicant rated. */
const RATED_SHARE = 0.6;
/** Reviews opened within these days are left as they stand (the unit's current work). */
const SETTLED_DAYS = 20;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DemoRatingsSummary {
  ratings: number;
  reviews: number;
  reviewsStepped: number;
  calls: number;
}

export async function loadDemoRatings(app: AppContext, database: Database, now = new Date()): Promise<DemoRatingsSummary | null> {
  const office = await loadPrincipal(app.db, OFFICE_USERNAME);
  if (!office) return null;
  const ratings = await ingestRatings(database, now);
  const reviews = await selectRows<Settled>(
    app.db,
    sql`select b.id, b.unit_id, u.name as unit_name, b.region_code, b.opened_at from bad_reviews b join units u on u.id = b.unit_id
      where b.opened_at < ${new Date(now.getTime() - SETTLED_DAYS * DAY).toISOString()}::timestamptz order by b.opened_at, b.id`,
  );
  for (const [i, review] of reviews.entries()) await settle(app, office, await unitActor(app, review), review, i);
  await answerOneBadly(database, now);
  return {
    ratings,
    reviews: reviews.length,
    reviewsStepped: reviews.filter((_, i) => i % 7 !== 3).length,
    calls: await spotCheck(app, office, now),
  };
}

/** The completed cases rated (RATED_SHARE of them, seeded), within two days of completion, as a provincial export. */
async function ingestRatings(database: Database, now: Date): Promise<number> {
  const completed = await selectRows<{
    case_no: string;
    region_code: string;
    item_code: string;
    unit_code: string;
    completed_at: Date | string;
  }>(
    database.db,
    sql`select c.case_no, c.region_code, c.item_code, u.code as unit_code, c.completed_at from cases c join units u on u.id = c.unit_id
      where c.source_code = 'default' and c.completed_at is not null order by c.case_no`,
  );
  const random = seededRandom(2020);
  const rows = completed
    .filter(() => random() < RATED_SHARE)
    .map((c, i) =>
      ratingRow(
        `HCP${String(i + 1).padStart(6, "0")}`,
        {
          unitCode: c.unit_code,
          regionCode: c.region_code,
          caseNo: c.case_no,
          itemCode: c.item_code,
          ratedAt: Math.min(now.getTime() - HOUR, new Date(c.completed_at).getTime() + Math.floor(random() * 2 * DAY)),
        },
        random,
      ),
    );
  const job = await withFile(database, rows);
  return job.rowsAccepted;
}

async function withFile(database: Database, rows: string[][]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kaoping-demo-ratings-"));
  try {
    const filePath = path.join(dir, "ratings.csv");
    await writeRatingFile(rows, filePath);
    return await ingestFile({ database, kind: "ratings", sourceCode: "default", filePath });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Settled {
  id: string;
  unit_id: string;
  unit_name: string;
  region_code: string;
  opened_at: Date | string;
}

/**
 * One review along the loop, by the index it has among the settled ones: each step in office hours on
 * a working day of the region's calendar after the day the review opened (a rating arrives any hour;
 * the unit verifies it the next working day, within the default deadline of one).
 */
async function settle(app: AppContext, office: Principal, unit: Principal, review: Settled, i: number) {
  if (i % 7 === 3) return; // never answered: 申诉超时, still 待核实
  const calendar = await loadWorkCalendar(app.db, review.region_code);
  const opened = cstDate(new Date(review.opened_at));
  let version = 0;
  const step = async (by: Principal, [days, hour]: [number, number], input: Omit<ReviewStepInput, "version">) => {
    const now = officeTime(calendar, opened, days, hour);
    const done = await runCommand(app, by, null, (ctx) =>
      stepReview({ ctx, reviewId: review.id, input: { ...input, version } as ReviewStepInput, now }),
    );
    version = done.version;
  };
  if (i % 5 === 0) {
    await step(unit, [1, 10], { action: "appeal", appealKind: "mistaken", note: "经核实，申请人对非本部门事项作出评价，属误评" });
    if (i % 10 === 0) return step(office, [2, 15], { action: "uphold", note: "经复核，该评价所涉事项不属本部门办理，申诉成立" });
    await step(office, [2, 15], { action: "reject", note: "经复核，该评价所涉问题属实，申诉不成立，请整改" });
  } else {
    await step(unit, [1, 11], { action: "confirm", note: "已电话回访申请人，情况属实" });
  }
  await step(unit, [4, 16], { action: "rectify", note: "增设取号窗口，高峰时段增派人员，已向申请人说明" });
  await step(office, [5, 10], { action: "revisit", note: "已回访申请人，告知整改情况" });
}

/** The oldest review awaiting its 追评 answered by a bad one, a day after the revisit. */
async function answerOneBadly(database: Database, now: Date): Promise<void> {
  const [awaiting] = await selectRows<{
    case_no: string;
    region_code: string;
    unit_code: string;
    item_code: string | null;
    revisited_at: Date | string;
  }>(
    database.db,
    sql`select r.case_no, r.region_code, u.code as unit_code, r.item_code, b.revisited_at from bad_reviews b
      join ratings r on r.id = b.rating_id join units u on u.id = b.unit_id
      where b.status = 'awaiting_follow_up' and r.case_no is not null order by b.opened_at limit 1`,
  );
  if (!awaiting) return;
  const row = ratingRow(
    "HCP-ZP-000001",
    {
      unitCode: awaiting.unit_code,
      regionCode: awaiting.region_code,
      caseNo: awaiting.case_no,
      itemCode: awaiting.item_code,
      ratedAt: Math.min(now.getTime() - HOUR, new Date(awaiting.revisited_at).getTime() + DAY),
    },
    seededRandom(7),
    { followUp: { level: "不满意", content: "整改后办理还是要排很久的队" } },
  );
  await withFile(database, [row]);
}

/** Last month's first week: a district round over the window departments, rung by the demo's checker. */
async function spotCheck(app: AppContext, office: Principal, now: Date): Promise<number> {
  const checker = await loadPrincipal(app.db, CHECKER_USERNAME);
  const [window] = await selectRows<{ id: string }>(app.db, sql`select id from unit_groups where code = 'CN-G-WINDOW'`);
  const checkerId = checker?.id;
  if (!checker || !checkerId || !window) return 0;
  const members = await selectRows<{ unit_id: string }>(app.db, sql`select unit_id from unit_group_members where group_id = ${window.id}`);
  const month = cstDate(now).slice(0, 7);
  const from = `${nextDate(`${month}-01`, -1).slice(0, 7)}-01`;
  const round = await runCommand(app, office, null, (ctx) =>
    createRound({
      ctx,
      input: {
        name: `${from.slice(0, 4)}年${Number(from.slice(5, 7))}月区级咨询电话接通率抽查`,
        level: "district",
        from,
        to: nextDate(from, 6),
        unitIds: members.map((m) => m.unit_id),
        checkerIds: [checkerId],
        numbersPerUnit: 2,
        callsPerNumber: 2,
        kinds: ["consultation", "supervision"],
      },
    }),
  );
  const calls = await selectRows<{ id: string; planned_at: Date | string }>(
    app.db,
    sql`select id, planned_at from hotline_calls where round_id = ${round.id} order by planned_at, id`,
  );
  const random = seededRandom(2021);
  for (const call of calls) {
    const outcome = OUTCOMES.find(([, share]) => random() < share)?.[0] ?? "answered_correct";
    const connected = outcome.startsWith("answered") || outcome === "wrong_department" || outcome === "hung_up";
    await runCommand(app, checker, null, (ctx) =>
      recordCall({
        ctx,
        callId: call.id,
        input: {
          outcome,
          secondsToAnswer: connected ? 3 + Math.floor(random() * 20) : null,
          note: null,
          calledAt: new Date(call.planned_at).toISOString(),
          version: 0,
        },
      }),
    );
  }
  return calls.length;
}

/** Each outcome with the chance it is drawn before the next is tried (≈ 86 % connected overall). */
const OUTCOMES: [CallOutcome, number][] = [
  ["no_answer", 0.08],
  ["busy", 0.04],
  ["dead_number", 0.02],
  ["answered_wrong", 0.06],
  ["wrong_department", 0.03],
  ["hung_up", 0.02],
];
