/**
 * 电子监察 in the demo (docs/demo-data.md): the demo's year of cases replayed as if the rules had run
 * live. The window departments' approvers are registered with the keys they sign with, one of whom
 * left the post LEFT_POST_DAYS ago and kept signing (签章异常); the warnings are raised and dated
 * when their condition arose; last month's warnings are supervised along each path of the workflow
 * (replied on time and 核销; 立项调查 → 纠正 → 核销; 催办 once, then replied late); an order of
 * UNANSWERED_DAYS ago on one of last month's warnings waits unanswered, so the background 催办 urges
 * it at the first start; and last month's bulletin is published (counting that order 逾期未反馈). Every step goes through the commands, audited, at its own date.
 */
import { addWorkingDays, cstDate, cstStart, nextDate, type WarningRuleKind, type WorkCalendar } from "@kaoping/core";
import { sql } from "drizzle-orm";
import { loadPrincipal, type Principal, systemPrincipal } from "../../platform/auth/principal.ts";
import { selectRows } from "../../platform/db/rows.ts";
import { caseEvents, cases, supervisionOrders, units, userRoles, users, warnings } from "../../platform/db/schema.ts";
import { runCommand } from "../../platform/http/command.ts";
import type { AppContext } from "../../platform/http/types.ts";
import { loadWorkCalendar } from "../calendar/load.ts";
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
  rule_kind: WarningRuleKind;
  unit_id: string;
  unit_name: string;
  region_code: string;
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
    const issuedAt = issueTime(waiting.at, await loadWorkCalendar(app.db, waiting.region_code));
    await runCommand(app, office, null, (ctx) =>
      issueOrder({ ctx, warningId: waiting.id, input: { instruction: INSTRUCTIONS[waiting.rule_kind], replyDays: 3 }, now: issuedAt }),
    );
    orders++;
  }
  await runCommand(app, office, null, (ctx) => publishBulletin({ ctx, month }));
  const [counted] = await selectRows<{ n: number }>(app.db, sql`select count(*)::int as n from ${warnings}`);
  return { keys, warnings: counted?.n ?? 0, orders, bulletinMonth: month };
}

/** The 督办 instruction, as the office would word it for what the warning's rule found. */
export const INSTRUCTIONS: Record<WarningRuleKind, string> = {
  due_soon: "该办件即将超期，请加快办理、按时办结，于期限内书面反馈办理进度",
  overdue: "请核实办件超期原因，于期限内书面反馈并提出整改措施",
  late_acceptance: "请核实该办件超时受理的原因，于期限内书面反馈并提出整改措施",
  repeated_correction: "请核实该办件多次要求补正的原因，落实一次性告知，于期限内书面反馈",
  process_anomaly: "请核实该办件是否线下审批后补录（体外循环），于期限内书面说明并提供办理记录",
  fee_anomaly: "请核实该办件收费是否符合办事指南公布的收费标准，多收的费用予以退还，于期限内书面反馈",
  publicity_anomaly: "请核实并更正该事项办事指南的公示错误，于期限内书面反馈",
  signature_anomaly: "请核实决定环节所用电子签章密钥的登记情况，及时注销或更换，于期限内书面反馈",
  step_overdue: "请核实该办件环节超时的原因，督促加快办理，于期限内书面反馈",
};

/** `hour` o'clock (China time) on the `n`-th working day after `date`: the office and the units work office hours. */
export const officeTime = (calendar: WorkCalendar, date: string, n: number, hour: number) =>
  new Date(cstStart(addWorkingDays(calendar, date, n)).getTime() + hour * HOUR);

/** The office's hour of issue: 9:30 (China time) on the first working day after the warning arose — not its 23:59:59, nor a Sunday. */
const ISSUE_HOUR = 9.5;
export function issueTime(warningAt: Date | string, calendar: WorkCalendar): Date {
  return officeTime(calendar, cstDate(new Date(warningAt)), 1, ISSUE_HOUR);
}

/** Unsupervised warnings matching `where`: the preferred unit's first, red before yellow. */
function candidates(app: AppContext, where: ReturnType<typeof sql>, order: ReturnType<typeof sql>): Promise<Candidate[]> {
  return selectRows<Candidate>(
    app.db,
    sql`select w.id, w.rule_kind, w.unit_id, u.name as unit_name, w.region_code, w.at
      from ${warnings} w join ${units} u on u.id = w.unit_id left join ${supervisionOrders} o on o.warning_id = w.id
      where o.id is null and w.severity in ('red', 'yellow') and ${where}
      order by (u.code = ${PREFERRED_UNIT}) desc, (w.severity = 'red') desc, ${order}, w.case_no
      limit ${PATHS.length}`,
  );
}

/** One order through the workflow, each step at its own date after the warning. */
async function superviseAlong(app: AppContext, office: Principal, warning: Candidate, path: Path, now: Date) {
  const calendar = await loadWorkCalendar(app.db, warning.region_code);
  const issuedAt = issueTime(warning.at, calendar);
  const unit = await unitActor(app, warning);
  const before = (ms: number) => new Date(Math.min(ms, now.getTime() - HOUR));
  // Each step at 10:00 on its working day after the issue (or an hour ago, if that is later than now).
  const at = (days: number) => before(officeTime(calendar, cstDate(issuedAt), days, 10).getTime());
  const order = await runCommand(app, office, null, (ctx) =>
    issueOrder({ ctx, warningId: warning.id, input: { instruction: INSTRUCTIONS[warning.rule_kind], replyDays: 3 }, now: issuedAt }),
  );
  const step = (who: Principal, fn: Parameters<typeof runCommand>[3]) => runCommand(app, who, null, fn);
  if (path === "urged_late") {
    await urgeOverdueOrders(app, before(order.firstDueAt.getTime() + HOUR));
    await step(unit, (ctx) =>
      answerOrder({
        ctx,
        orderId: order.id,
        text: "经核实系审查环节人手不足所致，已调整岗位安排并落实整改",
        // 10:00 on the working day after the deadline (its end, 24:00): late.
        now: officeTime(calendar, cstDate(new Date(order.firstDueAt.getTime() - 1)), 1, 10),
      }),
    );
    return;
  }
  await step(unit, (ctx) =>
    answerOrder({ ctx, orderId: order.id, text: "已核实预警所涉问题，系经办环节操作不规范所致，已更正", now: at(1) }),
  );
  if (path === "corrected") {
    await step(office, (ctx) =>
      actOnOrder({ ctx, orderId: order.id, action: "investigate", text: "对该事项审批流程立项调查", correctionDays: 10, now: at(2) }),
    );
    await step(unit, (ctx) => answerOrder({ ctx, orderId: order.id, text: "已完成流程整改，相关经办人员已重新培训", now: at(6) }));
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
