/**
 * A round's sample: which numbers are rung, when, by whom. Pure and seeded — the same round draws
 * the same sample (a reviewer can reproduce it), and a new seed draws anew. Numbers come from the
 * guide registry (one per unit, phone and kind); each unit gives at most `numbersPerUnit` of them,
 * each rung `callsPerNumber` times, at times spread over the round's working days and office hours.
 */
import type { OfficeHours } from "../calendar/office-hours.ts";
import { cstStart } from "../calendar/working-days.ts";
import { seededRandom } from "../seeded-random.ts";
import type { PhoneKind } from "./model.ts";

export interface PhoneNumber {
  unitId: string;
  phone: string;
  kind: PhoneKind;
  /** The guide that publishes it (the first found), for a dead number's guide defect. */
  itemId: string;
  itemCode: string;
  guideId: string;
}

export interface SampleRule {
  numbersPerUnit: number;
  callsPerNumber: number;
  kinds: readonly PhoneKind[];
}

export const DEFAULT_SAMPLE_RULE: SampleRule = { numbersPerUnit: 3, callsPerNumber: 2, kinds: ["consultation", "supervision"] };

export interface PlannedCall extends PhoneNumber {
  plannedAt: Date;
  checkerId: string;
}

export function seedOf(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  return h >>> 0;
}

function shuffled<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A minute within the office hours of a working day, as an instant. */
function slotOn(date: string, hours: OfficeHours, next: () => number): Date {
  const minutes = hours.sessions.map((s) => [toMinutes(s.start), toMinutes(s.end)] as const);
  const total = minutes.reduce((sum, [a, b]) => sum + (b - a), 0);
  let pick = Math.floor(next() * total);
  for (const [a, b] of minutes) {
    if (pick < b - a) return new Date(cstStart(date).getTime() + (a + pick) * 60_000);
    pick -= b - a;
  }
  throw new RangeError("办公时间为空");
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function sampleCalls(options: {
  numbers: readonly PhoneNumber[];
  rule: SampleRule;
  /** The round's working days (yyyy-mm-dd), in order: at least one. */
  days: readonly string[];
  hours: OfficeHours;
  checkerIds: readonly string[];
  seed: number;
}): PlannedCall[] {
  const { rule, days, checkerIds } = options;
  if (!days.length) throw new RangeError("抽查期间没有工作日");
  if (!checkerIds.length) throw new RangeError("至少指定一名抽查人员");
  const next = seededRandom(options.seed);
  const byUnit = new Map<string, PhoneNumber[]>();
  for (const n of options.numbers) if (rule.kinds.includes(n.kind)) byUnit.set(n.unitId, [...(byUnit.get(n.unitId) ?? []), n]);
  const calls: PlannedCall[] = [];
  for (const unitId of [...byUnit.keys()].sort()) {
    for (const number of shuffled(byUnit.get(unitId)!, next).slice(0, rule.numbersPerUnit)) {
      // Each call of a number on a different day where the round allows: a busy afternoon is not the number.
      const callDays = shuffled(days, next);
      for (let k = 0; k < rule.callsPerNumber; k++) {
        const plannedAt = slotOn(callDays[k % callDays.length]!, options.hours, next);
        calls.push({ ...number, plannedAt, checkerId: checkerIds[calls.length % checkerIds.length]! });
      }
    }
  }
  return calls.sort((a, b) => a.plannedAt.getTime() - b.plannedAt.getTime() || a.phone.localeCompare(b.phone));
}
