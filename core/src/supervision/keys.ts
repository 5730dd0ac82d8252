/**
 * 审批人员电子密钥 registrations: what a new registration may be. Seed 004 三.3 deducts for
 * “审批人员调换未及时上报更换电子秘钥仍进行审批的”: what counts is what the unit reported, and when.
 * So a registration
 *
 * - may not overlap another registration of the same key id in the unit (one key, one validity at a
 *   time: a second, wider row would make every decision signed with the key look valid again);
 * - made by the unit itself (its liaison) may not start before the day it is made: a key reported
 *   late does not cover the decisions signed before it was reported — those stay 签章异常. Only the
 *   office (who holds `supervision:order:manage`) may record a registration's history, e.g. one the
 *   unit reported on paper in time; that is audited as back-dated;
 * - may not start more than KEY_REGISTRATION.maxDaysAhead days after today (a typo of the year).
 *
 * docs/supervision.md (“The warning rules”, W08) says the same.
 */
import { nextDate } from "../calendar/working-days.ts";

export const KEY_REGISTRATION = { maxDaysAhead: 365 } as const;

/** A registration already in the unit's registry, as far as overlap goes. */
export interface RegisteredKey {
  keyId: string;
  approver: string;
  /** yyyy-mm-dd, China dates. */
  validFrom: string;
  validTo: string | null;
  /** The China date it was revoked on (null: not revoked): it signs nothing after that day. */
  revokedOn: string | null;
}

export interface KeyRegistrationProblem {
  /** conflict: with a registration in the registry (409); invalid: the input itself (400). */
  kind: "conflict" | "invalid";
  field: "validFrom" | "validTo";
  message: string;
}

/** The last day a registration may sign on (null: open-ended); before validFrom, it never signs. */
function lastDay(key: Pick<RegisteredKey, "validTo" | "revokedOn">): string | null {
  if (key.validTo && key.revokedOn) return key.validTo < key.revokedOn ? key.validTo : key.revokedOn;
  return key.validTo ?? key.revokedOn;
}

const validity = (from: string, to: string | null) => `${from} 至 ${to ?? "长期"}`;

/**
 * Why the registration `input` cannot be made on `today` (China date) beside the unit's `existing`
 * registrations, or null. `mayBackdate`: the office, which may record history.
 */
export function keyRegistrationProblem(
  input: { keyId: string; validFrom: string; validTo: string | null },
  existing: readonly RegisteredKey[],
  { today, mayBackdate }: { today: string; mayBackdate: boolean },
): KeyRegistrationProblem | null {
  const latest = nextDate(today, KEY_REGISTRATION.maxDaysAhead);
  if (input.validFrom > latest)
    return {
      kind: "invalid",
      field: "validFrom",
      message: `有效期起 ${input.validFrom} 晚于今天起一年（${latest}），请核对年份`,
    };
  if (!mayBackdate && input.validFrom < today)
    return {
      kind: "invalid",
      field: "validFrom",
      message: `有效期起不能早于今天（${today}）：单位登记的密钥自登记之日起有效，此前用它作出的决定仍按签章异常处理；确需补登历史的，请由考评办登记`,
    };
  for (const key of existing) {
    if (key.keyId !== input.keyId) continue;
    const end = lastDay(key);
    if (end !== null && end < key.validFrom) continue; // revoked before it began: it never signed
    const overlaps = (end === null || input.validFrom <= end) && (input.validTo === null || key.validFrom <= input.validTo);
    if (!overlaps) continue;
    const registered = validity(key.validFrom, key.validTo);
    const revoked = key.revokedOn ? `，已于 ${key.revokedOn} 注销` : "";
    return {
      kind: "conflict",
      field: "validFrom",
      message:
        `密钥 ${input.keyId} 已登记（审批人员 ${key.approver}，有效期 ${registered}${revoked}），` +
        `新登记的有效期 ${validity(input.validFrom, input.validTo)} 与之重叠` +
        (end === null ? "：请先注销原登记" : `：有效期起应晚于 ${end}`),
    };
  }
  return null;
}
