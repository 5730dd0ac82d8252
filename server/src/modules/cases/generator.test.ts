import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  APPLICANT_TYPE,
  CASE_CHANNEL,
  CASE_EVENT_KIND,
  CASE_RESULT,
  CASE_TYPE,
  DEFAULT_SOURCE_MAPPING,
  LIMIT_UNIT,
  mapRow,
  validateCaseEventRow,
  validateCaseRow,
} from "@kaoping/core";
import { describe, expect, it } from "vitest";
import {
  CASE_CSV_HEADERS,
  CASE_EVENT_CSV_HEADERS,
  type CaseGeneratorOptions,
  generateCases,
  PLANTED_PROBLEMS,
  QUARANTINED_PROBLEMS,
  syntheticItems,
  writeCaseFiles,
} from "./generator.ts";

const units = Array.from({ length: 8 }, (_, u) => ({
  code: `310105-D${String(u + 1).padStart(2, "0")}`,
  regionCode: "310105",
  items: syntheticItems(u, 5),
}));
/** The import's time: after the generated year. */
const now = new Date("2026-01-05T00:00:00Z");
const options: CaseGeneratorOptions = { seed: 7, count: 4000, units, from: "2025-01-01", to: "2025-12-31" };

type Row = Record<(typeof CASE_CSV_HEADERS)[number], string>;
const asRow = (fields: string[]) => Object.fromEntries(CASE_CSV_HEADERS.map((h, i) => [h, fields[i]!])) as Row;
/** The exported instant format, read the way the ingest reads it (CST). */
const instant = (text: string) => {
  const value = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text) ? new Date(`${text.replace(" ", "T")}+08:00`).getTime() : Number.NaN;
  if (Number.isNaN(value)) throw new Error(`时间无法识别：${text}`);
  return value;
};
const labels = (vocabulary: { labels: Record<string, string> }) => Object.values(vocabulary.labels);

describe("case generator", () => {
  it("is deterministic: the same seed gives the same cases, another seed others", () => {
    const a = [...generateCases({ ...options, count: 500, problemRate: 0.1 })];
    const b = [...generateCases({ ...options, count: 500, problemRate: 0.1 })];
    const c = [...generateCases({ ...options, count: 500, problemRate: 0.1, seed: 8 })];
    expect(b).toEqual(a);
    expect(c.map((g) => g.row)).not.toEqual(a.map((g) => g.row));
  });

  it("makes rows that read as valid cases and events, with realistic distributions", () => {
    const generated = [...generateCases(options)];
    const failures = new Set<string>();
    const check = (ok: boolean, what: string) => {
      if (!ok) failures.add(what);
    };
    const known = new Set(units.flatMap((u) => u.items.map((i) => i.code)));
    const caseNos = new Set<string>();
    let events = 0;
    const channels = new Map<string, number>();
    let instantCases = 0;
    let legalSum = 0;
    let promisedSum = 0;
    let online = 0;
    let onlineZeroVisit = 0;
    let corrected = 0;
    let open = 0;
    for (const { row: fields, events: rows, problem } of generated) {
      check(problem === null, "problem null");
      check(fields.length === CASE_CSV_HEADERS.length, "fields length");
      const row = asRow(fields);
      const validated = validateCaseRow(mapRow(row, DEFAULT_SOURCE_MAPPING, "cases"), { mapping: DEFAULT_SOURCE_MAPPING, now });
      check(validated.ok, `case row valid: ${JSON.stringify(validated.ok ? null : validated.problems)}`);
      check(!caseNos.has(row.办件编号), "unique case number");
      caseNos.add(row.办件编号);
      check(known.has(row.事项编码), "known.has(row.事项编码)");
      check(
        units.some((u) => u.code === row.受理部门编码),
        "units.some((u) => u.code === row.受理部门编码)",
      );
      check(labels(APPLICANT_TYPE).includes(row.申请人类型), `row.申请人类型 ${row.申请人类型}`);
      check(labels(CASE_CHANNEL).includes(row.办理渠道), `row.办理渠道 ${row.办理渠道}`);
      check(labels(CASE_TYPE).includes(row.办件类型), `row.办件类型 ${row.办件类型}`);
      check(labels(LIMIT_UNIT).includes(row.法定时限单位), `row.法定时限单位 ${row.法定时限单位}`);
      check(["是", "否"].includes(row.是否减证), `row.是否减证 ${row.是否减证}`);
      check(/^\d+\.\d{2}$/.test(row.收费金额), "fee format");
      const accepted = instant(row.受理时间);
      check(instant(row.申请时间) <= accepted, "instant(row.申请时间) <= accepted");
      check(instant(row.归集时间) >= accepted, "instant(row.归集时间) >= accepted");
      if (row.办结时间) {
        check(instant(row.办结时间) >= accepted, "instant(row.办结时间) >= accepted");
        check(labels(CASE_RESULT).includes(row.办理结果), `row.办理结果 ${row.办理结果}`);
      } else open++;
      const legal = Number(row.法定时限);
      const promised = Number(row.承诺时限);
      check(promised >= 0, "promised >= 0");
      check(promised <= legal, "promised <= legal");
      legalSum += legal;
      promisedSum += promised;
      channels.set(row.办理渠道, (channels.get(row.办理渠道) ?? 0) + 1);
      if (row.办件类型 === "即办件") instantCases++;
      if (row.办理渠道 === "网上") {
        online++;
        if (row.跑动次数 === "0") onlineZeroVisit++;
      }
      let previous = accepted;
      for (const event of rows) {
        events++;
        check(event.length === CASE_EVENT_CSV_HEADERS.length, "event length");
        const fieldsOf = Object.fromEntries(CASE_EVENT_CSV_HEADERS.map((h, i) => [h, event[i]!]));
        const ev = validateCaseEventRow(mapRow(fieldsOf, DEFAULT_SOURCE_MAPPING, "case_events"), { mapping: DEFAULT_SOURCE_MAPPING, now });
        check(ev.ok, `event row valid: ${JSON.stringify(ev.ok ? null : ev.problems)}`);
        check(event[0] === row.办件编号, "event[0] is row.办件编号");
        check(labels(CASE_EVENT_KIND).includes(event[1]!), `event[1] ${event[1]}`);
        const start = instant(event[2]!);
        check(start >= previous, "start >= previous");
        if (event[3]) check(instant(event[3]) >= start, "instant(event[3]) >= start");
        previous = start;
        if (event[1] === "补正") corrected++;
        if (event[1] === "决定") check(/^SK-/.test(event[5]!), "event[5] matches /^SK-/");
      }
      check(rows[0]![1] === "受理", "first event 受理");
    }
    expect([...failures]).toEqual([]);
    const n = generated.length;
    expect(events / n).toBeGreaterThan(4);
    expect(events / n).toBeLessThan(6);
    expect(instantCases / n).toBeGreaterThan(0.2);
    expect(instantCases / n).toBeLessThan(0.4);
    expect(((channels.get("网上") ?? 0) + (channels.get("窗口") ?? 0)) / n).toBeGreaterThan(0.7);
    expect(promisedSum / legalSum).toBeGreaterThan(0.3);
    expect(promisedSum / legalSum).toBeLessThan(0.65);
    expect(onlineZeroVisit / online).toBeGreaterThan(0.7);
    expect(corrected / n).toBeGreaterThan(0.03);
    // Cases accepted in the last days of the year are still open at the export.
    expect(open).toBeGreaterThan(0);
    expect(open / n).toBeLessThan(0.05);
  });

  it("plants problems at the rate asked, each of the kind it says", () => {
    const count = 10_000;
    const generated = [...generateCases({ ...options, count, problemRate: 0.1 })];
    const planted = generated.filter((g) => g.problem);
    // Binomial: σ = 30 cases; 4σ either side.
    expect(Math.abs(planted.length - count * 0.1)).toBeLessThan(120);
    const byKind = new Map(PLANTED_PROBLEMS.map((p) => [p, planted.filter((g) => g.problem === p).length]));
    for (const kind of PLANTED_PROBLEMS) expect(byKind.get(kind)).toBeGreaterThan(100);
    const known = new Set(units.flatMap((u) => u.items.map((i) => i.code)));
    const seen = new Map<string, (typeof generated)[number]["problem"]>();
    for (const { row: fields, problem } of generated) {
      const row = asRow(fields);
      const isDuplicate = seen.has(row.办件编号);
      // A duplicate repeats a case the ingest keeps, so that expectedAccepted holds at any size.
      if (isDuplicate) expect(QUARANTINED_PROBLEMS).not.toContain(seen.get(row.办件编号));
      else seen.set(row.办件编号, problem);
      expect(isDuplicate).toBe(problem === "duplicate_case_no");
      const validated = validateCaseRow(mapRow(row, DEFAULT_SOURCE_MAPPING, "cases"), { mapping: DEFAULT_SOURCE_MAPPING, now });
      const reasons = validated.ok ? [] : validated.problems.map((p) => p.reason);
      const rowLevel = problem === "bad_date" || problem === "completed_before_accepted" ? [problem] : [];
      expect(reasons).toEqual(rowLevel);
      if (problem === "bad_date") expect(Number.isNaN(new Date(`${row.受理时间.replace(" ", "T")}+08:00`).getTime())).toBe(true);
      if (problem === "completed_before_accepted") expect(instant(row.办结时间)).toBeLessThan(instant(row.受理时间));
      if (problem === "unknown_unit") expect(units.some((u) => u.code === row.受理部门编码)).toBe(false);
      expect(known.has(row.事项编码)).toBe(problem !== "unknown_item");
      if (problem === "late_upload") expect(instant(row.归集时间) - instant(row.办结时间)).toBeGreaterThan(3 * 86_400_000 - 1);
    }
  });

  it("streams the files with the default source's headers and counts what it planted", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kaoping-gen-"));
    const casesPath = path.join(dir, "cases.csv");
    const eventsPath = path.join(dir, "events.csv");
    const result = await writeCaseFiles({ ...options, count: 3000, problemRate: 0.1, casesPath, eventsPath });
    const caseLines = fs.readFileSync(casesPath, "utf8").trimEnd().split("\n");
    const eventLines = fs.readFileSync(eventsPath, "utf8").trimEnd().split("\n");
    expect(caseLines[0]).toBe(CASE_CSV_HEADERS.join(","));
    expect(eventLines[0]).toBe(CASE_EVENT_CSV_HEADERS.join(","));
    expect(caseLines).toHaveLength(3001);
    expect(eventLines).toHaveLength(result.events + 1);
    const planted = Object.values(result.planted).reduce((a, b) => a + b, 0);
    expect(planted).toBeGreaterThan(200);
    expect(result.expectedAccepted).toBe(
      3000 -
        result.planted.bad_date -
        result.planted.completed_before_accepted -
        result.planted.unknown_unit -
        result.planted.duplicate_case_no,
    );
    fs.rmSync(dir, { recursive: true });
  });
});
