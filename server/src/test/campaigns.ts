import { BUILTIN_FRAMEWORKS, type CampaignStatus, type Phases } from "@kaoping/core";
import { eq, inArray } from "drizzle-orm";
import { createCampaign, transitionCampaign } from "../modules/campaigns/commands.ts";
import { confirmFinding, createFinding } from "../modules/findings/commands.ts";
import { createFramework, publishFramework } from "../modules/frameworks/commands.ts";
import { publishCampaign } from "../modules/scores/commands.ts";
import { confirmReport, submitReport } from "../modules/submissions/commands.ts";
import { units, users } from "../platform/db/schema.ts";
import { asSystem, type TestServer } from "./harness.ts";

/**
 * A small framework that exercises every way a record reaches the engine:
 * counts priced by source level, a boolean flag, a measured rate, a manual
 * range, and the deadline facts 迟报 / 漏报.
 */
export const CAMPAIGN_TEST_FRAMEWORK = {
  code: "test-campaign",
  name: "测试考核细则",
  year: 2026,
  basePoints: "20",
  facts: [
    { key: "problem", label: "通报问题", type: "count", byLevel: true },
    { key: "exposed", label: "被媒体曝光", type: "boolean" },
    { key: "online_rate", label: "网办率", type: "number", unit: "%" },
    { key: "report_late", label: "迟报", type: "count" },
    { key: "report_missing", label: "漏报", type: "count" },
  ],
  indicators: [
    {
      code: "1",
      name: "基础工作",
      points: "10",
      children: [
        {
          code: "1.1",
          name: "事项管理",
          points: "6",
          rules: [
            {
              id: "r-problem",
              kind: "per_count",
              effect: "deduct",
              fact: "problem",
              amountByLevel: { district: "0.5", city: "1" },
              text: "每发现一个问题，区级通报扣0.5分，市级通报扣1分",
            },
          ],
        },
        {
          code: "1.2",
          name: "网办率",
          points: "4",
          rules: [
            {
              id: "r-rate",
              kind: "per_step",
              effect: "deduct",
              fact: "online_rate",
              direction: "below",
              threshold: 90,
              step: 1,
              amount: "0.2",
              text: "网办率低于90%的，每低1个百分点扣0.2分",
            },
          ],
        },
      ],
    },
    {
      code: "2",
      name: "工作机制",
      points: "10",
      children: [
        {
          code: "2.1",
          name: "按时报送",
          points: "5",
          rules: [
            { id: "r-late", kind: "per_count", effect: "deduct", fact: "report_late", amount: "1", text: "迟报一次扣1分" },
            {
              id: "r-missing",
              kind: "when",
              condition: { fact: "report_missing", op: "ge", value: 1 },
              outcome: "zero",
              text: "漏报的，不得分",
            },
          ],
        },
        {
          code: "2.2",
          name: "舆情",
          points: "5",
          rules: [
            {
              id: "r-exposed",
              kind: "when",
              condition: { fact: "exposed", is: true },
              outcome: "half",
              text: "被媒体曝光的，该项得分减半",
            },
            { id: "r-manual", kind: "manual", effect: "deduct", min: "0.5", max: "3", text: "工作不到位的，视情扣0.5-3分" },
          ],
        },
      ],
    },
  ],
};

/** Phases far from today: reporting open, no one late, the appeal window open. */
export const OPEN_PHASES: Phases = { reportingOpens: "2026-01-01", reportingCloses: "2099-12-30", appealCloses: "2099-12-31" };

export type TestCampaignStage = CampaignStatus | "submitted" | "confirmed";

const ORDER: TestCampaignStage[] = ["draft", "reporting", "submitted", "confirmed", "reviewing", "appeal", "published"];
const reached = (stage: TestCampaignStage, step: TestCampaignStage) => ORDER.indexOf(stage) >= ORDER.indexOf(step);

let frameworkSeq = 0;

/** A published framework version (the test one unless given). */
export async function makePublishedFramework(server: TestServer, definition: object = CAMPAIGN_TEST_FRAMEWORK): Promise<string> {
  const code = `${(definition as { code: string }).code}-${++frameworkSeq}-${Math.random().toString(36).slice(2, 8)}`;
  const row = await asSystem(server, (ctx) => createFramework({ ctx, definition: { ...definition, code } }));
  await asSystem(server, (ctx) => publishFramework({ ctx, id: row.id }));
  return row.id;
}

export interface TestCampaign {
  campaignId: string;
  frameworkId: string;
  /** unit code → id */
  unitIds: Record<string, string>;
  /** The finding made for the appeal stage (on the first unit), if any. */
  findingId?: string;
}

/**
 * A campaign over `unitCodes`, driven to `stage` through the real commands:
 * "submitted" / "confirmed" submit / confirm the first unit's report;
 * "appeal" and later hold one confirmed finding (市级 problem) on the first unit.
 */
export async function makeTestCampaign(
  server: TestServer,
  options: {
    unitCodes: string[];
    stage?: TestCampaignStage;
    reviewers?: string[];
    phases?: Phases;
    frameworkId?: string;
    categories?: Record<string, string>;
    /** The campaign's year (its facts' period); 2026 unless given. */
    year?: number;
  },
): Promise<TestCampaign> {
  const stage = options.stage ?? "reporting";
  const db = server.database.db;
  const frameworkId = options.frameworkId ?? (await makePublishedFramework(server));
  const unitRows = await db.select({ id: units.id, code: units.code }).from(units).where(inArray(units.code, options.unitCodes));
  const unitIds = Object.fromEntries(unitRows.map((u) => [u.code, u.id]));
  const reviewerRows = options.reviewers?.length
    ? await db.select({ id: users.id }).from(users).where(inArray(users.username, options.reviewers))
    : [];
  const campaign = await asSystem(server, (ctx) =>
    createCampaign({
      ctx,
      input: {
        frameworkId,
        name: `测试考核 ${++frameworkSeq}`,
        year: options.year ?? 2026,
        issuer: "考评办",
        phases: options.phases ?? OPEN_PHASES,
        units: options.unitCodes.map((code) => ({ unitId: unitIds[code]!, category: options.categories?.[code] ?? null })),
        reviewerIds: reviewerRows.map((r) => r.id),
      },
    }),
  );
  const result: TestCampaign = { campaignId: campaign.id, frameworkId, unitIds };
  const first = unitIds[options.unitCodes[0]!]!;
  // Fixtures acknowledge an appeal phase opened outside its dates (a test may set past or future ones).
  const move = (to: CampaignStatus) =>
    asSystem(server, (ctx) => transitionCampaign({ ctx, id: campaign.id, to, confirmOutsideWindow: true }));
  if (reached(stage, "reporting")) await move("reporting");
  if (reached(stage, "submitted"))
    await asSystem(server, (ctx) => submitReport({ ctx, campaignId: campaign.id, unitId: first, confirmEmpty: true }));
  if (reached(stage, "confirmed")) await asSystem(server, (ctx) => confirmReport({ ctx, campaignId: campaign.id, unitId: first }));
  if (reached(stage, "reviewing")) await move("reviewing");
  if (reached(stage, "appeal")) {
    result.findingId = await insertConfirmedFinding(server, campaign.id, first);
    await move("appeal");
  }
  if (reached(stage, "published")) await asSystem(server, (ctx) => publishCampaign({ ctx, id: campaign.id, confirmPending: true }));
  return result;
}

/** A confirmed 市级 finding on r-problem, through the finding commands (as the office: allowed while reviewing and later). */
export async function insertConfirmedFinding(server: TestServer, campaignId: string, unitId: string): Promise<string> {
  const input = {
    unitId,
    indicatorCode: "1.1",
    ruleId: "r-problem",
    sourceLevel: "city" as const,
    count: 1,
    description: "办事指南要素缺失（市级通报）",
    noticeNo: "沪审改通〔2026〕1号",
  };
  const draft = await asSystem(server, (ctx) => createFinding({ ctx, campaignId, input }));
  await asSystem(server, (ctx) => confirmFinding({ ctx, campaignId, findingId: draft.id }));
  return draft.id;
}

export async function unitIdOf(server: TestServer, code: string): Promise<string> {
  const [row] = await server.database.db.select({ id: units.id }).from(units).where(eq(units.code, code));
  return row!.id;
}

/**
 * A campaign in review on one of the built-in frameworks (by code), for the fact sources' tests:
 * district A beside its department A1, and B; the reviewers assigned; the year its period covers.
 */
export async function makeBuiltinFrameworkCampaign(
  server: TestServer,
  options: { frameworkCode: string; reviewers: string[]; year: number; unitCodes?: string[] },
): Promise<string> {
  const definition = BUILTIN_FRAMEWORKS.find((f) => (f as { code: string }).code === options.frameworkCode);
  if (!definition) throw new Error(`no built-in framework ${options.frameworkCode}`);
  const frameworkId = await makePublishedFramework(server, definition);
  const campaign = await makeTestCampaign(server, {
    unitCodes: options.unitCodes ?? ["A", "A1", "B"],
    frameworkId,
    stage: "reviewing",
    reviewers: options.reviewers,
    year: options.year,
  });
  return campaign.campaignId;
}
