import type { FindingInput } from "@kaoping/core";

/**
 * What happens in the demo's two campaigns (docs/demo-data.md), as data: the
 * builder in demo-campaigns.ts plays it through the commands. Units are named
 * by code (the members of CN-G-WINDOW, 长宁区's window departments); rules are
 * those of the built-in Gongshu template (gongshu-business-environment).
 */

/** How far a unit got with its self-check report. */
export type ReportState = "confirmed" | "submitted" | "returned" | "draft" | "none";

/**
 * The campaigns' units: ten of Changning's window departments (CN-G-WINDOW).
 * Ten, not all twenty: every report is saved indicator by indicator through
 * the command, and start-up time grows with each (docs/demo-data.md).
 */
export const DEMO_CAMPAIGN_UNITS = [
  "310105-D02",
  "310105-D03",
  "310105-D06",
  "310105-D09",
  "310105-D11",
  "310105-D13",
  "310105-D15",
  "310105-D19",
  "310105-D20",
  "310105-D23",
];

/** The liaison's unit (cn_scjg_lly): always confirmed, with findings and, last year, an appeal. */
export const LIAISON_UNIT = "310105-D03";

export type DemoFinding = Omit<FindingInput, "unitId" | "count"> & {
  unitCode: string;
  count?: number;
  /** Left a draft (only in a campaign still in review). */
  draft?: boolean;
  /** A reviewer's scan on the finding. */
  evidence?: string;
};

export interface DemoAppeal {
  /** The index of the appealed finding in the campaign's findings. */
  finding: number;
  reason: string;
  decision: "upheld" | "overturned";
  decisionReason: string;
}

/** Phase dates as days from the day the commands run (which the clock then moves back). */
export type PhaseOffsets = {
  reportingOpens: number;
  reportingCloses: number;
  scoringStarts: number;
  appealOpens: number;
  appealCloses: number;
  publication: number;
};

/** Days back from the moment the commands ran at which each stage happened (before the whole campaign moves `yearsAgo` back). */
export interface StageClock {
  created: number;
  reporting: number;
  review: number;
  appeal: number;
  decided: number;
}

export interface DemoCampaignStory {
  name: (year: number) => string;
  /** Years before the current one. */
  yearsAgo: number;
  /** How far the campaign goes: published (with its appeals decided) or left in review. */
  stage: "published" | "reviewing";
  phases: PhaseOffsets;
  clock: StageClock;
  /** Report states by unit code; a unit not listed is confirmed. */
  reports: Record<string, ReportState>;
  findings: DemoFinding[];
  appeals: DemoAppeal[];
  /**
   * window_annual_score (2.3.1), v2_receipt_rate (2.1.2) and the hotline rates (2.5.2) per unit: a base plus a
   * spread by position; `ranks` (7.1, 7.2) are the district's, absent while the year's surveys are not out.
   */
  measured: { windowScore: number; receiptRate: number; hotlineRate: number; ranks?: Record<string, number> };
}

export const PREVIOUS_YEAR: DemoCampaignStory = {
  name: (year) => `${year}年度长宁区营商环境考核`,
  yearsAgo: 1,
  stage: "published",
  // The appeal window holds the day the commands run (appeals are checked against it); the clock then moves all back a year.
  phases: { reportingOpens: -40, reportingCloses: -20, scoringStarts: -19, appealOpens: -10, appealCloses: 0, publication: 0 },
  clock: { created: 42, reporting: 25, review: 15, appeal: 6, decided: 3 },
  reports: {},
  findings: [
    {
      unitCode: LIAISON_UNIT,
      indicatorCode: "3.1",
      ruleId: "gs-3.1-a",
      count: 1,
      description: "服务大厅未设置母婴室",
      evidence: "现场检查照片.pdf",
    },
    {
      unitCode: LIAISON_UNIT,
      indicatorCode: "2.5.1",
      ruleId: "gs-2.5.1-b",
      count: 1,
      description: "“好差评”回访确认差评1件（食品经营许可办理时限）",
    },
    {
      unitCode: "310105-D06",
      indicatorCode: "1.1.2",
      ruleId: "gs-1.1.2-a",
      sourceLevel: "city",
      count: 2,
      description: "办事指南被市级抽查通报2次（材料要求与实际不一致）",
      noticeNo: "沪府办通〔2025〕12号",
    },
    {
      unitCode: "310105-D15",
      indicatorCode: "4.1",
      ruleId: "gs-4.1-a",
      count: 2,
      description: "建设工程规划许可等2个应进事项未进驻大厅",
    },
    {
      unitCode: "310105-D02",
      indicatorCode: "5.1",
      ruleId: "gs-5.1-a",
      count: 1,
      description: "应下放街道的1个事项未落实",
    },
    { unitCode: "310105-D19", indicatorCode: "3.1", ruleId: "gs-3.1-b", count: 3, description: "政务公开内容缺3项（收费标准未更新）" },
    { unitCode: "310105-D11", indicatorCode: "2.2", ruleId: "gs-2.2-a", points: "1", description: "电子招投标推进不力，视情扣1分" },
  ],
  appeals: [
    {
      finding: 0,
      reason: "母婴室已于检查前一周在二楼设置，检查时标识未挂出，附照片与验收单",
      decision: "overturned",
      decisionReason: "经现场复核，母婴室已设置，问题不成立",
    },
    {
      finding: 3,
      reason: "两个事项正在办理进驻手续，不应扣分",
      decision: "upheld",
      decisionReason: "检查时事项确未进驻，按细则扣分，维持原认定",
    },
  ],
  measured: {
    windowScore: 86,
    receiptRate: 88,
    hotlineRate: 93,
    ranks: { business_env_district_rank: 4, two_rates_province_rank: 21, two_rates_city_rank: 2 },
  },
};

export const CURRENT_YEAR: DemoCampaignStory = {
  name: (year) => `${year}年度长宁区营商环境考核`,
  yearsAgo: 0,
  stage: "reviewing",
  phases: { reportingOpens: -30, reportingCloses: -5, scoringStarts: -4, appealOpens: 5, appealCloses: 12, publication: 20 },
  clock: { created: 32, reporting: 8, review: 0, appeal: 0, decided: 0 },
  reports: {
    "310105-D20": "submitted",
    "310105-D23": "returned",
    "310105-D13": "draft",
    "310105-D09": "none",
  },
  findings: [
    {
      unitCode: LIAISON_UNIT,
      indicatorCode: "1.1.2",
      ruleId: "gs-1.1.2-a",
      sourceLevel: "city",
      count: 1,
      description: "“食品经营许可”办事指南被市级抽查通报：法定依据未写明条款",
      noticeNo: "沪府办通〔2026〕7号",
      evidence: "市级抽查通报.pdf",
    },
    { unitCode: "310105-D06", indicatorCode: "3.1", ruleId: "gs-3.1-a", count: 2, description: "自助服务区、无障碍通道未按规定设置" },
    { unitCode: "310105-D15", indicatorCode: "4.1", ruleId: "gs-4.1-a", count: 1, description: "户外广告设施设置审批未进驻大厅" },
    {
      unitCode: "310105-D11",
      indicatorCode: "2.5.1",
      ruleId: "gs-2.5.1-b",
      count: 2,
      description: "“好差评”回访确认差评2件",
    },
    {
      unitCode: "310105-D19",
      indicatorCode: "5.1",
      ruleId: "gs-5.1-a",
      count: 1,
      description: "住房租赁备案下放街道未落实",
      draft: true,
    },
    {
      unitCode: LIAISON_UNIT,
      indicatorCode: "3.1",
      ruleId: "gs-3.1-b",
      count: 2,
      description: "公示的收费依据与办事指南不一致（待核实）",
      draft: true,
    },
  ],
  appeals: [],
  measured: { windowScore: 88, receiptRate: 90, hotlineRate: 95 },
};
