/**
 * A generator of realistic 办件 (cases and their events) for the benchmark and the demo data: the
 * same seed gives the same files. Rows are streamed to CSV files with the default source's
 * Chinese headers, so they go through the real ingest path like an acceptance platform's export.
 *
 * The distributions follow what a district's window departments see (docs/demo-data.md): channels
 * mostly 网上 and 窗口, about 30 % 即办件, promised limits about half the legal ones (双减半), a few
 * late cases, 补正 with a pause of a few days in some, zero visits for most online cases. Quality
 * problems can be planted at a rate, each case counted by what was planted in it.
 */
import fs from "node:fs";
import {
  APPLICANT_TYPE,
  CASE_CHANNEL,
  CASE_COLUMNS,
  CASE_EVENT_COLUMNS,
  CASE_EVENT_KIND,
  CASE_RESULT,
  CASE_TYPE,
  type CaseChannel,
  type CaseEventKind,
  type CaseResult,
  type CaseType,
  cstStart,
  isWorkingDay,
  LIMIT_UNIT,
  type LimitUnit,
  makeWorkCalendar,
  nextDate,
  seededRandom,
  usccCheckCharacter,
  type WorkCalendar,
} from "@kaoping/core";

/** The case columns written, in file order (the default source's headers: CASE_COLUMNS). */
const CASE_FIELDS = [
  "caseNo",
  "itemCode",
  "itemVersion",
  "unitCode",
  "regionCode",
  "applicantType",
  "applicantName",
  "applicantIdNo",
  "channel",
  "caseType",
  "appliedAt",
  "acceptedAt",
  "completedAt",
  "result",
  "legalLimit",
  "legalLimitUnit",
  "promisedLimit",
  "promisedLimitUnit",
  "visits",
  "materialsReused",
  "fee",
  "uploadedAt",
] as const satisfies readonly (keyof typeof CASE_COLUMNS)[];
export const CASE_CSV_HEADERS = CASE_FIELDS.map((f) => CASE_COLUMNS[f]);
const EVENT_FIELDS = [
  "caseNo",
  "kind",
  "at",
  "endAt",
  "handler",
  "signKeyId",
] as const satisfies readonly (keyof typeof CASE_EVENT_COLUMNS)[];
export const CASE_EVENT_CSV_HEADERS = EVENT_FIELDS.map((f) => CASE_EVENT_COLUMNS[f]);
/** Where a field sits in a generated case row. */
const COL = Object.fromEntries(CASE_FIELDS.map((f, i) => [f, i])) as Record<(typeof CASE_FIELDS)[number], number>;

/**
 * Problems the generator can plant. The first four are quarantined by the ingest (their events then
 * arrive for a case that is not stored); unknown_item and late_upload are stored and counted as
 * data-quality issues.
 */
export const PLANTED_PROBLEMS = [
  "bad_date",
  "completed_before_accepted",
  "unknown_unit",
  "duplicate_case_no",
  "unknown_item",
  "late_upload",
] as const;
export type PlantedProblem = (typeof PLANTED_PROBLEMS)[number];
/** The planted problems that send the case row to quarantine. */
export const QUARANTINED_PROBLEMS: readonly PlantedProblem[] = [
  "bad_date",
  "completed_before_accepted",
  "unknown_unit",
  "duplicate_case_no",
];

/** A service item cases are filed under; limits and type are derived from the code when not given. */
export interface GeneratorItem {
  code: string;
  version?: string;
  caseType?: CaseType;
  legalLimit?: number;
  promisedLimit?: number;
  limitUnit?: LimitUnit;
}

/** A unit that accepts cases (受理部门) and the items it handles. */
export interface GeneratorUnit {
  code: string;
  regionCode: string;
  items: GeneratorItem[];
}

export interface CaseGeneratorOptions {
  seed: number;
  count: number;
  units: GeneratorUnit[];
  /** Acceptance dates (CST, YYYY-MM-DD), inclusive: cases are spread over the working days between. */
  from: string;
  to: string;
  /** The export instant: later steps have not happened yet (open cases). Default: the end of `to`. */
  exportedAt?: Date;
  /** Share of cases with one planted problem (0–1); default 0. */
  problemRate?: number;
  /** Which problems to plant, chosen evenly; default all. */
  problems?: readonly PlantedProblem[];
  /** Working days; default Monday–Friday. */
  calendar?: WorkCalendar;
  /** Prepended to every case number (several runs into one database). */
  caseNoPrefix?: string;
}

export interface GeneratedCase {
  /** The case row, in CASE_CSV_HEADERS order. */
  row: string[];
  /** Its events, in CASE_EVENT_CSV_HEADERS order. */
  events: string[][];
  problem: PlantedProblem | null;
}

export type Weighted<T> = readonly (readonly [T, number])[];
/** A value drawn with the table's weights (they need not sum to 1). */
export const pickWeighted = <T>(rnd: () => number, table: Weighted<T>): T => {
  let u = rnd() * table.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, weight] of table) {
    u -= weight;
    if (u < 0) return value;
  }
  return table[table.length - 1]![0];
};

const CHANNELS: Weighted<CaseChannel> = [
  ["online", 45],
  ["window", 38],
  ["mobile", 12],
  ["kiosk", 4],
  ["other", 1],
];
/** 跑动次数 by channel: most online cases need no visit, a window case one or two. */
const VISITS: Record<CaseChannel, Weighted<number>> = {
  online: [
    [0, 85],
    [1, 13],
    [2, 2],
  ],
  mobile: [
    [0, 90],
    [1, 10],
  ],
  window: [
    [1, 70],
    [2, 25],
    [3, 5],
  ],
  kiosk: [
    [0, 60],
    [1, 40],
  ],
  other: [
    [1, 80],
    [2, 20],
  ],
};
const RESULTS: Weighted<CaseResult> = [
  ["approved", 92],
  ["denied", 3],
  ["not_accepted", 2],
  ["returned", 2],
  ["withdrawn", 1],
];
const APPLICANTS: Weighted<keyof typeof APPLICANT_TYPE.labels> = [
  ["natural_person", 65],
  ["legal_person", 33],
  ["other_organization", 2],
];
const FEES: Weighted<string> = [
  ["0.00", 90],
  ["10.00", 4],
  ["50.00", 3],
  ["100.00", 2],
  ["200.00", 1],
];
const LEGAL_LIMITS = [5, 10, 15, 20, 20, 30, 60];
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红";
const TRADES = ["商贸", "餐饮", "科技", "建设", "物业", "文化", "医药", "教育", "咨询", "物流"];

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** An instant as the platforms export it: "YYYY-MM-DD HH:mm:ss" in China Standard Time. */
export function formatCst(instant: number): string {
  const d = new Date(instant + 8 * HOUR);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** 18-digit resident ID with its ISO 7064 MOD 11-2 check character (GB 11643). */
function residentId(region: string, birth: string, serial: number): string {
  const body = `${region}${birth}${pad(serial, 3)}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * weights[i]!, 0);
  return body + "10X98765432"[sum % 11]!;
}

/** Item limits and type as the guides would give them, derived from the code when not given. */
function itemProfile(item: GeneratorItem, index: number) {
  let hash = 0;
  for (const c of item.code) hash = (Math.imul(hash, 31) + c.charCodeAt(0)) >>> 0;
  const caseType: CaseType = item.caseType ?? (index % 10 < 3 ? "instant" : hash % 20 === 0 ? "referred" : "promised");
  const legal = item.legalLimit ?? LEGAL_LIMITS[hash % LEGAL_LIMITS.length]!;
  // 双减半: promised about half the legal limit; one item in ten not compressed.
  const promised =
    item.promisedLimit ??
    (caseType === "instant" ? 0 : hash % 10 === 0 ? legal : Math.max(1, Math.round(legal * (0.35 + ((hash >>> 8) % 26) / 100))));
  const unit: LimitUnit = item.limitUnit ?? (hash % 20 === 1 ? "calendar_day" : "working_day");
  return { code: item.code, version: item.version ?? "1", caseType, legal, promised, unit };
}

/** Days of the period (and 180 after it) with each working day's ordinal, for fast date arithmetic. */
function dayTable(from: string, to: string, calendar: WorkCalendar) {
  const dates: string[] = [];
  const ordinal: number[] = [];
  const workdays: number[] = [];
  const end = nextDate(to, 180);
  let count = 0;
  for (let date = nextDate(from, -30); date <= end; date = nextDate(date)) {
    const working = isWorkingDay(calendar, date);
    if (working) count++;
    ordinal.push(count);
    if (working && date >= from && date <= to) workdays.push(dates.length);
    dates.push(date);
  }
  const index = (date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${dates[0]}T00:00:00Z`)) / DAY);
  /** The day index of the Nth working day after day `i` (N = 0: `i` itself). */
  const addWorking = (i: number, n: number) => {
    if (n <= 0) return i;
    let j = i + 1;
    while (j < dates.length - 1 && ordinal[j]! - ordinal[i]! < n) j++;
    return j;
  };
  return { dates, workdays, index, addWorking, start: cstStart(dates[0]!).getTime() };
}

function defaultCalendar(from: string, to: string): WorkCalendar {
  const years: number[] = [];
  for (let y = Number(from.slice(0, 4)) - 1; y <= Number(to.slice(0, 4)) + 1; y++) years.push(y);
  return makeWorkCalendar([], years);
}

/**
 * The cases, one at a time (memory stays flat whatever `count`). Acceptance dates advance through
 * the period in file order, as platforms export them.
 */
export function* generateCases(options: CaseGeneratorOptions): Generator<GeneratedCase> {
  const { seed, count, units, from, to } = options;
  if (!units.length || units.some((u) => !u.items.length)) throw new Error("每个受理部门至少需要一个事项");
  const rnd = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const table = dayTable(from, to, options.calendar ?? defaultCalendar(from, to));
  const exportedAt = options.exportedAt?.getTime() ?? cstStart(nextDate(to)).getTime();
  const problems = options.problems ?? PLANTED_PROBLEMS;
  const rate = options.problemRate ?? 0;
  const prefix = options.caseNoPrefix ?? "";
  const profiles = units.map((u, ui) => ({
    unit: u,
    items: u.items.map((item, i) => itemProfile(item, ui * 7 + i)),
    handlers: Array.from({ length: 6 }, (_, h) => `${SURNAMES[(ui * 3 + h) % SURNAMES.length]}${GIVEN[(ui * 5 + h * 7) % GIVEN.length]}`),
  }));
  const knownItems = new Set(units.flatMap((u) => u.items.map((i) => i.code)));
  // Busier and quieter departments: weight 1 / (rank + 2).
  const unitWeights: Weighted<number> = profiles.map((_, i) => [i, 1 / (i + 2)] as const);
  let previousCaseNo: string | null = null;

  for (let n = 0; n < count; n++) {
    const p = profiles[pickWeighted(rnd, unitWeights)]!;
    const item = p.items[int(0, p.items.length - 1)]!;
    const dayIndex = table.workdays[Math.min(table.workdays.length - 1, Math.floor((n / count) * table.workdays.length))]!;
    const day = table.dates[dayIndex]!;
    const dayStart = (i: number) => table.start + i * DAY;
    const officeTime = (i: number) => dayStart(i) + 9 * HOUR + int(0, 8 * 60 - 1) * MINUTE + int(0, 59) * 1000;
    const channel = pickWeighted(rnd, CHANNELS);
    const accepted = officeTime(dayIndex);
    const applied = channel === "window" ? accepted - int(2, 40) * MINUTE : accepted - int(10, 3 * 24 * 60) * MINUTE;
    const result = pickWeighted(rnd, RESULTS);
    const handler = () => p.handlers[int(0, p.handlers.length - 1)]!;
    const events: [CaseEventKind, number, number | null, string, string][] = [];
    const acceptEnd = accepted + int(3, 20) * MINUTE;
    events.push(["accept", accepted, acceptEnd, handler(), ""]);
    const lastEnd = () => events[events.length - 1]![2] ?? acceptEnd;

    // The clock: working (or natural) days used, a 补正 pause in some promised cases, a few late.
    let completed: number;
    if (item.caseType === "instant" || result === "not_accepted") {
      if (result !== "not_accepted") events.push(["review", acceptEnd, acceptEnd + int(5, 30) * MINUTE, handler(), ""]);
      completed = lastEnd() + int(30, 60) * MINUTE;
    } else {
      const limit = Math.max(1, item.promised);
      const late = rnd() < 0.03;
      const used = late ? limit + int(1, 5) : Math.max(1, Math.round(limit * (0.15 + 0.85 * rnd() ** 1.5)));
      const step = (i: number, days: number) => (item.unit === "calendar_day" ? i + days : table.addWorking(i, days));
      let i = dayIndex;
      if (used > 1 && rnd() < 0.15) {
        const before = int(1, used - 1);
        i = step(i, before);
        const pauseStart = Math.max(officeTime(i), acceptEnd + HOUR);
        events.push(["review", acceptEnd, pauseStart - int(1, 30) * MINUTE, handler(), ""]);
        i += int(2, 7);
        events.push(["correction", pauseStart, officeTime(i), handler(), ""]);
        i = step(i, used - before);
      } else {
        i = step(i, used);
        events.push(["review", acceptEnd, Math.max(acceptEnd + 30 * MINUTE, officeTime(i - 1)), handler(), ""]);
      }
      completed = Math.max(officeTime(i), lastEnd() + 30 * MINUTE);
    }
    if (result !== "not_accepted" && result !== "withdrawn") {
      const decider = int(0, p.handlers.length - 1);
      const decided = completed - int(5, 25) * MINUTE;
      events.push(["decide", decided, decided + int(1, 4) * MINUTE, p.handlers[decider]!, `SK-${p.unit.code}-${decider + 1}`]);
    }
    events.push(["complete", completed, completed, handler(), ""]);
    if (result === "approved" || result === "denied") {
      const delivered = channel === "online" || channel === "mobile" ? completed + int(1, 30) * MINUTE : completed + int(1, 48) * HOUR;
      events.push(["deliver", delivered, delivered, handler(), ""]);
    }

    // Steps after the export have not happened: the case is open.
    const done = events.filter((e) => e[1] <= exportedAt);
    const isOpen = completed > exportedAt;
    const uploaded = isOpen ? accepted + int(1, 120) * MINUTE : completed + int(5, 600) * MINUTE;
    const applicantType = pickWeighted(rnd, APPLICANTS);
    const [name, idNo] =
      applicantType === "natural_person"
        ? [
            `${SURNAMES[int(0, SURNAMES.length - 1)]}${GIVEN[int(0, GIVEN.length - 1)]}${rnd() < 0.6 ? GIVEN[int(0, GIVEN.length - 1)] : ""}`,
            residentId(p.unit.regionCode.slice(0, 6).padEnd(6, "0"), `${int(1950, 2004)}${pad(int(1, 12))}${pad(int(1, 28))}`, int(1, 999)),
          ]
        : (() => {
            const first17 = `91${p.unit.regionCode.slice(0, 6).padEnd(6, "0")}MA${String(int(1_000_000, 9_999_999))}`;
            return [
              `上海${GIVEN[int(0, GIVEN.length - 1)]}${TRADES[int(0, TRADES.length - 1)]}有限公司`,
              `${first17}${usccCheckCharacter(first17) ?? "0"}`,
            ];
          })();
    const caseNo = `${prefix}${p.unit.regionCode.slice(0, 6)}${day.replaceAll("-", "")}${pad(n, 8)}`;
    const row = [
      caseNo,
      item.code,
      item.version,
      p.unit.code,
      p.unit.regionCode,
      APPLICANT_TYPE.labels[applicantType],
      name,
      idNo,
      CASE_CHANNEL.labels[channel],
      CASE_TYPE.labels[item.caseType],
      formatCst(applied),
      formatCst(accepted),
      isOpen ? "" : formatCst(completed),
      isOpen ? "" : CASE_RESULT.labels[result],
      String(item.legal),
      LIMIT_UNIT.labels[item.unit],
      String(item.promised),
      LIMIT_UNIT.labels[item.unit],
      String(pickWeighted(rnd, VISITS[channel])),
      rnd() < (channel === "window" ? 0.3 : 0.5) ? "是" : "否",
      pickWeighted(rnd, FEES),
      formatCst(Math.min(uploaded, exportedAt)),
    ];
    const eventRows = done.map(([kind, at, endAt, who, key]) => [
      caseNo,
      CASE_EVENT_KIND.labels[kind],
      formatCst(at),
      endAt === null || endAt > exportedAt ? "" : formatCst(endAt),
      who,
      key,
    ]);

    let problem: PlantedProblem | null = rate > 0 && rnd() < rate ? problems[int(0, problems.length - 1)]! : null;
    // A problem that cannot be planted in this case becomes one that can.
    if (problem === "duplicate_case_no" && !previousCaseNo) problem = "unknown_unit";
    if (problem === "completed_before_accepted" && isOpen) problem = "bad_date";
    if (problem === "late_upload" && completed + 3 * DAY > exportedAt) problem = "unknown_item";
    switch (problem) {
      case "bad_date":
        row[COL.acceptedAt] = rnd() < 0.5 ? `${day.slice(0, 4)}-13-${pad(int(32, 45))} 10:00:00` : "待定";
        break;
      case "completed_before_accepted":
        row[COL.completedAt] = formatCst(accepted - int(1, 3) * DAY);
        break;
      case "unknown_unit":
        row[COL.unitCode] = `${p.unit.regionCode.slice(0, 6)}-X${pad(int(0, 99))}`;
        break;
      case "duplicate_case_no":
        row[COL.caseNo] = previousCaseNo!;
        eventRows.length = 0;
        break;
      case "unknown_item": {
        let code = `${item.code.slice(0, -6)}99${pad(int(0, 9999), 4)}`;
        while (knownItems.has(code)) code = `${code.slice(0, -1)}${int(0, 9)}`;
        row[COL.itemCode] = code;
        break;
      }
      case "late_upload":
        row[COL.uploadedAt] = formatCst(Math.min(completed + int(3, 15) * DAY, exportedAt));
        break;
    }
    // A duplicate repeats a case the ingest keeps: repeating a quarantined one would be accepted (its first copy).
    if (!problem || !QUARANTINED_PROBLEMS.includes(problem)) previousCaseNo = caseNo;
    yield { row, events: eventRows, problem };
  }
}

/** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
export const csvLine = (fields: readonly string[]) => `${fields.map(csvField).join(",")}\n`;

export interface GeneratedFiles {
  cases: number;
  events: number;
  /** Cases per planted problem. */
  planted: Record<PlantedProblem, number>;
  /** Case rows the ingest should accept (count − the quarantined plantings). */
  expectedAccepted: number;
}

/** Writes to a stream in chunks, waiting only when it asks to (flat memory for any size). */
export function chunkedWriter(stream: fs.WriteStream) {
  let buffer = "";
  return {
    /** Buffers a line; the returned promise (when the buffer was handed over) resolves once the stream drains. */
    write(line: string): Promise<void> | undefined {
      buffer += line;
      if (buffer.length < 256 * 1024) return undefined;
      const chunk = buffer;
      buffer = "";
      if (stream.write(chunk)) return undefined;
      return new Promise<void>((resolve) => stream.once("drain", () => resolve()));
    },
    end() {
      return new Promise<void>((resolve, reject) => stream.end(buffer, (error?: Error | null) => (error ? reject(error) : resolve())));
    },
  };
}

/** Generates the cases into two UTF-8 CSV files (cases, events) with the default source's headers. */
export async function writeCaseFiles(options: CaseGeneratorOptions & { casesPath: string; eventsPath: string }): Promise<GeneratedFiles> {
  const cases = chunkedWriter(fs.createWriteStream(options.casesPath));
  const events = chunkedWriter(fs.createWriteStream(options.eventsPath));
  cases.write(csvLine(CASE_CSV_HEADERS));
  events.write(csvLine(CASE_EVENT_CSV_HEADERS));
  const planted = Object.fromEntries(PLANTED_PROBLEMS.map((p) => [p, 0])) as Record<PlantedProblem, number>;
  let eventCount = 0;
  let caseCount = 0;
  for (const generated of generateCases(options)) {
    caseCount++;
    if (generated.problem) planted[generated.problem]++;
    const drained = cases.write(csvLine(generated.row));
    if (drained) await drained;
    for (const event of generated.events) {
      eventCount++;
      const drained = events.write(csvLine(event));
      if (drained) await drained;
    }
  }
  await Promise.all([cases.end(), events.end()]);
  const quarantined = QUARANTINED_PROBLEMS.reduce((sum, p) => sum + planted[p], 0);
  return { cases: caseCount, events: eventCount, planted, expectedAccepted: caseCount - quarantined };
}

/** `count` items for a unit with codes in the shape of 实施编码 (bench data without a guide registry). */
export function syntheticItems(unitIndex: number, count: number): GeneratorItem[] {
  return Array.from({ length: count }, (_, i) => ({
    code: `11310105MB${pad(unitIndex, 7)}4${String(900_000_000_000 + unitIndex * 100 + i)}`,
  }));
}
