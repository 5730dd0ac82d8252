/**
 * 电子监察 in the demo (docs/demo-data.md): the demo's year of cases replayed as if the rules had run
 * live. The window departments' approvers are registered with the keys they sign with, one of whom
 * left the post LEFT_POST_DAYS ago and kept signing (签章异常); the warnings are raised and dated
 * when their condition arose; last month's warnings are supervised along each path of the workflow
 * (replied on time and 核销; 立项调查 → 纠正 → 核销; 催办 once, then replied late); an order of
 * UNANSWERED_DAYS ago on one of last month's warnings waits unanswered, so the background 催办 urges
 * it at the first start; and last month's bulletin is published (counting that order 逾期未反馈). Every step goes through the commands, audited, at its own date.
 */
import { cstDate, cstStart, nextDate } from "@kaoping/core";
import { sql } from "drizzle-orm";
import { loadPrincipal, type Principal, systemPrincipal } from "../../platform/auth/principal.ts";
import { selectRows } from "../../platform/db/rows.ts";
import { caseEvents, cases, supervisionOrders, units, userRoles, users, warnings } from "../../platform/db/schema.ts";
import { runCommand } from "../../platform/http/command.ts";
import type { AppContext } from "../../platform/http/types.ts";
import { monthRange, previousMonth } from "../supervision/bulletin.ts";
import { publishBulletin } from "../supervision/bulletins.ts";
import { evaluateWarnings } from "../supervision/evaluate.ts";
import { actOnOrder, answerOrder, issueOrder } from "../supervision/orders.ts";
import { createSigningKey } from "../supervision/signing-keys.ts";
import { urgeOverdueOrders } from "../supervision/urge.ts";

const OFFICE_USERNAME = "kpb";
/** The unit whose demo accounts (liaison 张伟, leader 陈静) see its orders: supervised first. */
const PREFERRED_UNIT = "310105-D03";
const LEFT_POST_DAYS = 60;
const UNANSWERED_DAYS = 10;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DemoSupervisionSummary {
  keys: number;
  warnings: number;
  orders: number;
  bulletinMonth: string;
}

type Path = "closed" | "corrected" | "urged_late";
const PATHS: Path[] = ["closed", "corrected", "urged_late"];

interface Candidate {
  id: string;
  unit_id: string;
  unit_name: string;
  at: Date | string;
}

export async function loadDemoSupervision(app: AppContext, now = new Date()): Promise<DemoSupervisionSummary | null> {
  const office = await loadPrincipal(app.db, OFFICE_USERNAME);
  if (!office) return null;
  const keys = await registerDemoKeys(app, office, now);
  await evaluateWarnings(app.db, now);
  await app.db.execute(sql`update ${warnings} set raised_at = at where at < raised_at`);
  const month = previousMonth(cstDate(now).slice(0, 7));
  const { from, to } = monthRange(month);
  const lastMonth = await candidates(
    app,
    sql`w.at >= ${cstStart(from).toISOString()}::timestamptz
    and w.at < ${cstStart(nextDate(to)).toISOString()}::timestamptz`,
    sql`w.at`,
  );
  let orders = 0;
  for (const [i, path] of PATHS.entries()) {
    const warning = lastMonth[i];
    if (!warning) break;
    await superviseAlong(app, office, warning, path, now);
    orders++;
  }
  // One of last month's too, due within the month: the bulletin published below counts it 逾期未反馈.
  const latest = Math.min(now.getTime() - UNANSWERED_DAYS * DAY, cstStart(nextDate(to)).getTime() - 7 * DAY);
  const [waiting] = await candidates(
    app,
    sql`w.at >= ${cstStart(from).toISOString()}::timestamptz and w.at < ${new Date(latest).toISOString()}::timestamptz`,
    sql`w.at desc`,
  );
  if (waiting) {
    const issuedAt = new Date(new Date(waiting.at).getTime() + DAY);
    await runCommand(app, office, null, (ctx) =>
      issueOrder({ ctx, warningId: waiting.id, input: { instruction: INSTRUCTION, replyDays: 3 }, now: issuedAt }),
    );
    orders++;
  }
  await runCommand(app, office, null, (ctx) => publishBulletin({ ctx, month }));
  const [counted] = await selectRows<{ n: number }>(app.db, sql`select count(*)::int as n from ${warnings}`);
  return { keys, warnings: counted?.n ?? 0, orders, bulletinMonth: month };
}

const INSTRUCTION = "请核实办件超期原因，于期限内书面反馈并提出整改措施";

/** Unsupervised warnings matching `where`: the preferred unit's first, red before yellow. */
function candidates(app: AppContext, where: ReturnType<typeof sql>, order: ReturnType<typeof sql>): Promise<Candidate[]> {
  return selectRows<Candidate>(
    app.db,
    sql`select w.id, w.unit_id, u.name as unit_name, w.at
      from ${warnings} w join ${units} u on u.id = w.unit_id left join ${supervisionOrders} o on o.warning_id = w.id
      where o.id is null and w.severity in ('red', 'yellow') and ${where}
      order by (u.code = ${PREFERRED_UNIT}) desc, (w.severity = 'red') desc, ${order}, w.case_no
      limit ${PATHS.length}`,
  );
}

/** One order through the workflow, each step at its own date after the warning. */
async function superviseAlong(app: AppContext, office: Principal, warning: Candidate, path: Path, now: Date) {
  const issuedAt = new Date(new Date(warning.at).getTime() + DAY);
  const unit = await unitActor(app, warning);
  const before = (ms: number) => new Date(Math.min(ms, now.getTime() - HOUR));
  const at = (days: number) => before(issuedAt.getTime() + days * DAY);
  const order = await runCommand(app, office, null, (ctx) =>
    issueOrder({ ctx, warningId: warning.id, input: { instruction: INSTRUCTION, replyDays: 3 }, now: issuedAt }),
  );
  const step = (who: Principal, fn: Parameters<typeof runCommand>[3]) => runCommand(app, who, null, fn);
  if (path === "urged_late") {
    await urgeOverdueOrders(app, before(order.firstDueAt.getTime() + HOUR));
    await step(unit, (ctx) =>
      answerOrder({
        ctx,
        orderId: order.id,
        text: "经核实系审查环节人手不足导致超期，已调整岗位安排",
        now: new Date(order.firstDueAt.getTime() + DAY),
      }),
    );
    return;
  }
  await step(unit, (ctx) =>
    answerOrder({ ctx, orderId: order.id, text: "已核实超期原因：申请材料补正后未及时恢复计时，已更正", now: at(1) }),
  );
  if (path === "corrected") {
    await step(office, (ctx) =>
      actOnOrder({ ctx, orderId: order.id, action: "investigate", text: "对该事项审批流程立项调查", correctionDays: 10, now: at(2) }),
    );
    await step(unit, (ctx) => answerOrder({ ctx, orderId: order.id, text: "已完成流程整改，补正后自动恢复计时", now: at(6) }));
  }
  await step(office, (ctx) => actOnOrder({ ctx, orderId: order.id, action: "close", text: "反馈属实，予以核销", now: at(7) }));
}

/** Who answers for the unit: its demo liaison where it has one, else the system in the unit's name. */
export async function unitActor(app: AppContext, warning: Pick<Candidate, "unit_id" | "unit_name">): Promise<Principal> {
  const [liaison] = await selectRows<{ username: string }>(
    app.db,
    sql`select u.username from ${users} u join ${userRoles} ur on ur.user_id = u.id
      where u.unit_id = ${warning.unit_id} and ur.role_code = 'unit_liaison' order by u.username limit 1`,
  );
  const principal = liaison ? await loadPrincipal(app.db, liaison.username) : null;
  return principal ?? { ...systemPrincipal(`${warning.unit_name}（演示）`), unitId: warning.unit_id };
}

/**
 * Each approver's key as the cases sign with it, valid from before the demo's year; the first
 * unit's first approver left the post LEFT_POST_DAYS ago, and the key kept signing after.
 */
async function registerDemoKeys(app: AppContext, office: Principal, now: Date): Promise<number> {
  const used = await selectRows<{ unit_id: string; key_id: string; approver: string }>(
    app.db,
    sql`select c.unit_id, e.sign_key_id as key_id, min(e.handler) as approver
      from ${caseEvents} e join ${cases} c
        on c.region_code = e.region_code and c.source_code = e.source_code and c.case_no = e.case_no
      join ${units} u on u.id = c.unit_id
      where e.kind = 'decide' and e.sign_key_id is not null
      group by c.unit_id, u.code, e.sign_key_id order by u.code, e.sign_key_id`,
  );
  const today = cstDate(now);
  const validFrom = nextDate(today, -400);
  await runCommand(app, office, null, async (ctx) => {
    for (const [i, key] of used.entries()) {
      const validTo = i === 0 ? nextDate(today, -LEFT_POST_DAYS) : null;
      await createSigningKey({
        ctx,
        input: { unitId: key.unit_id, keyId: key.key_id, approver: key.approver ?? "审批人员", validFrom, validTo },
      });
    }
  });
  return used.length;
}
