import { BOARD_COUNTS, boardCountLink } from "@kaoping/core";
import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { zhCN } from "../../i18n/zh-CN.ts";
import {
  COMPLAINT_LINK_SPEC,
  formQuery,
  keptOnSearch,
  keptOnUnit,
  type LinkSpec,
  linkFormValues,
  linkWords,
  ORDER_LINK_SPEC,
  reviewLinkSpec,
  WARNING_LINK_SPEC,
} from "./link-spec.ts";

/** The Chinese catalogue as i18next reads it: a dotted key, {{name}} filled in. */
const t = (key: string, options: Record<string, string> = {}) => {
  const text = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], zhCN);
  if (typeof text !== "string") throw new Error(`no string at ${key}`);
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => options[name] ?? `{{${name}}}`);
};
const names: Record<string, string> = { u1: "城关镇人民政府" };
const words = (filters: Record<string, string>, spec: LinkSpec) => linkWords(filters, spec, t, (id) => names[id]);
const board = { unitId: "u1", subtree: "false", from: "2026-11-01", to: "2026-11-30" };

describe("the note over a list a link opened", () => {
  it("names the unit, the period and the board count's condition in Chinese", () => {
    expect(words({ ...board, severity: "red" }, WARNING_LINK_SPEC)).toEqual([
      "城关镇人民政府（不含下级单位）",
      "2026-11-01 至 2026-11-30",
      "预警等级：红灯",
    ]);
    expect(words({ ...board, unsupervised: "true" }, WARNING_LINK_SPEC)).toContain("未督办");
    expect(words({ ...board, waiting: "true" }, ORDER_LINK_SPEC)).toContain("待反馈");
    expect(words({ ...board, overdue: "true" }, ORDER_LINK_SPEC)).toContain("已逾期");
    expect(words({ ...board, repliedLate: "true" }, ORDER_LINK_SPEC)).toContain("逾期反馈");
    expect(words({ ...board, replyMissing: "true" }, ORDER_LINK_SPEC)).toContain("逾期未反馈");
    expect(words({ ...board, replyLate: "true" }, ORDER_LINK_SPEC)).toContain("逾期反馈或逾期未反馈");
  });

  it("names a complaint fact's condition (属实) in the register's note", () => {
    expect(words({ finding: "substantiated", kind: "media_exposure" }, COMPLAINT_LINK_SPEC)).toEqual(["类别：媒体曝光", "核查结论：属实"]);
  });

  it("names the case a case's drawer linked from", () => {
    expect(words({ caseNo: "CN-0001" }, WARNING_LINK_SPEC)).toEqual(["办件编号：CN-0001"]);
  });

  it("names a score trace's judged condition and a unit without the subtree flag by its name alone", () => {
    expect(words({ unitId: "u1", from: "2026-01-01", to: "2026-06-30", judged: "confirmed" }, reviewLinkSpec(true))).toEqual([
      "城关镇人民政府",
      "2026-01-01 至 2026-06-30",
      "考核口径：确认差评",
    ]);
  });

  it("leaves out a period the link did not bring, and words half of one", () => {
    const all = words({ unitId: "u1", severity: "yellow" }, WARNING_LINK_SPEC);
    expect(all).toEqual(["城关镇人民政府", "预警等级：黄灯"]);
    expect(all.join("")).not.toContain("—");
    expect(words({ from: "2026-11-01" }, WARNING_LINK_SPEC)).toEqual(["2026-11-01 起"]);
  });

  it("still says a unit is filtered when the tree does not know its name", () => {
    expect(words({ unitId: "gone" }, ORDER_LINK_SPEC)).toEqual(["链接所指单位"]);
  });

  it("reads every key a 监察看板 count's link sends", () => {
    for (const count of BOARD_COUNTS) {
      const { list, query } = boardCountLink(count, "u1", board);
      const spec = list === "warnings" ? WARNING_LINK_SPEC : ORDER_LINK_SPEC;
      expect(Object.keys(query).filter((key) => !(key in spec))).toEqual([]);
    }
  });

  it("has words for every key a list takes, except those another key's words carry", () => {
    const carried = ["unitId", "subtree", "from", "to"];
    for (const spec of [WARNING_LINK_SPEC, ORDER_LINK_SPEC, reviewLinkSpec(true)]) {
      for (const [key, { word }] of Object.entries(spec)) expect(Boolean(word) || carried.includes(key)).toBe(true);
    }
  });
});

describe("the query form of a list a link opened", () => {
  it("shows the link's period, severity and 督办情况 in its fields", () => {
    const values = linkFormValues({ ...board, severity: "red", unsupervised: "true" }, WARNING_LINK_SPEC);
    expect(Object.keys(values).sort()).toEqual(["range", "severity", "unsupervised"]);
    expect((values.range as dayjs.Dayjs[]).map((d) => d.format("YYYY-MM-DD"))).toEqual(["2026-11-01", "2026-11-30"]);
    expect(values.severity).toBe("red");
  });

  it("shows neither the unit (the tree's) nor what it has no field for", () => {
    expect(linkFormValues({ ...board, waiting: "true" }, ORDER_LINK_SPEC)).toEqual({});
    expect(linkFormValues({ ...board, overdue: "true" }, ORDER_LINK_SPEC)).toEqual({ overdue: "true" });
    expect(linkFormValues({ status: "appealing", judged: "overdue" }, reviewLinkSpec(false))).toEqual({ judged: "overdue" });
    expect(linkFormValues({ from: "2026-11-01" }, WARNING_LINK_SPEC)).toEqual({});
  });
});

describe("查询 on a list a link opened", () => {
  const linked = { ...board, severity: "red" };
  const shown = linkFormValues(linked, WARNING_LINK_SPEC);

  it("keeps every filter when the form is unchanged, so the list stays the same", () => {
    expect(keptOnSearch(linked, WARNING_LINK_SPEC, shown)).toEqual(linked);
    expect(keptOnSearch({ ...board, waiting: "true" }, ORDER_LINK_SPEC, {})).toEqual({ ...board, waiting: "true" });
  });

  it("lets the form's value win where it shows the filter, and keeps the rest", () => {
    expect(keptOnSearch(linked, WARNING_LINK_SPEC, { ...shown, severity: "yellow" })).toEqual(board);
    const { range: _range, ...noPeriod } = shown;
    expect(keptOnSearch(linked, WARNING_LINK_SPEC, noPeriod)).toEqual({ unitId: "u1", subtree: "false", severity: "red" });
    const moved = { ...shown, range: [dayjs("2026-10-01"), dayjs("2026-10-31")] };
    expect(keptOnSearch(linked, WARNING_LINK_SPEC, moved)).toEqual({ unitId: "u1", subtree: "false", severity: "red" });
  });

  it("keeps a period the form has no field for (督办单)", () => {
    expect(keptOnSearch({ ...board, replyMissing: "true" }, ORDER_LINK_SPEC, { status: "issued" })).toEqual({
      ...board,
      replyMissing: "true",
    });
  });

  it("reads the form's range as from / to", () => {
    expect(formQuery({ range: [dayjs("2026-11-01"), dayjs("2026-11-30")], kind: "overdue" })).toEqual({
      kind: "overdue",
      from: "2026-11-01",
      to: "2026-11-30",
    });
  });
});

describe("picking a unit in the tree of a list a link opened", () => {
  it("drops the linked unit and its subtree flag for another unit, keeps them for the same", () => {
    expect(keptOnUnit({ ...board, severity: "red" }, "u2")).toEqual({ from: "2026-11-01", to: "2026-11-30", severity: "red" });
    expect(keptOnUnit({ ...board, severity: "red" }, null)).toEqual({ from: "2026-11-01", to: "2026-11-30", severity: "red" });
    expect(keptOnUnit(board, "u1")).toEqual(board);
  });
});
