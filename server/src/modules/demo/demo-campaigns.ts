import {
  appliesToCategory,
  BUILTIN_FRAMEWORKS,
  type CampaignStatus,
  campaignCreateSchema,
  type Framework,
  indicatorIndex,
  type Phases,
  type Rule,
  ruleIndex,
} from "@kaoping/core";
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Tx } from "../../platform/db/client.ts";
import {
  appeals,
  campaigns,
  evidenceFiles,
  findings,
  measurements,
  notifications,
  publications,
  selfAssessments,
  submissions,
  unitGroupMembers,
  unitGroups,
  units,
} from "../../platform/db/schema.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { createAppeal, decideAppeal } from "../appeals/commands.ts";
import { createCampaign, transitionCampaign } from "../campaigns/commands.ts";
import { type CampaignRow, campaignFramework } from "../campaigns/policy.ts";
import { uploadEvidence, uploadFindingEvidence } from "../evidence/commands.ts";
import { confirmFinding, createFinding } from "../findings/commands.ts";
import { createFrameworkFromTemplate, publishFramework } from "../frameworks/commands.ts";
import { saveMeasurement } from "../measurements/commands.ts";
import { publishCampaign } from "../scores/commands.ts";
import { computeCampaignScores } from "../scores/scoring.ts";
import { confirmReport, returnReport, saveSelfAssessment, submitReport } from "../submissions/commands.ts";
import { demoEvidence } from "./demo-files.ts";
import {
  CURRENT_YEAR,
  DEMO_CAMPAIGN_UNITS,
  type DemoCampaignStory,
  type PhaseOffsets,
  PREVIOUS_YEAR,
  type ReportState,
  type StageClock,
} from "./demo-story.ts";

/** The framework the demo campaigns run on (a district's 营商环境 assessment of its departments). */
export const DEMO_FRAMEWORK = "gongshu-business-environment";
const DAY_MS = 24 * 3600 * 1000;
const CST_MS = 8 * 3600 * 1000;

export interface DemoCampaignSummary {
  id: string;
  name: string;
  year: number;
  status: CampaignStatus;
}

/** The China Standard Time calendar day `offset` days from now, as YYYY-MM-DD. */
export function cstDay(offset: number, now = Date.now()): string {
  return new Date(now + CST_MS + offset * DAY_MS).toISOString().slice(0, 10);
}

/** Every built-in template as a published framework version, through the office's commands. */
export async function publishBuiltinFrameworks(ctx: CommandContext): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const template of BUILTIN_FRAMEWORKS) {
    const code = (template as { code: string }).code;
    const draft = await createFrameworkFromTemplate({ ctx, templateCode: code });
    ids.set(code, (await publishFramework({ ctx, id: draft.id })).id);
  }
  return ids;
}

interface DemoUnit {
  id: string;
  code: string;
  shortName: string | null;
  name: string;
}

/** The campaigns' units (window departments of CN-G-WINDOW), by code. */
async function campaignUnits(tx: Tx): Promise<DemoUnit[]> {
  return tx
    .select({ id: units.id, code: units.code, shortName: units.shortName, name: units.name })
    .from(unitGroupMembers)
    .innerJoin(unitGroups, eq(unitGroups.id, unitGroupMembers.groupId))
    .innerJoin(units, eq(units.id, unitGroupMembers.unitId))
    .where(and(eq(unitGroups.code, "CN-G-WINDOW"), inArray(units.code, DEMO_CAMPAIGN_UNITS)))
    .orderBy(asc(units.code));
}

/**
 * The demo's campaigns on the Gongshu framework over Changning's window
 * departments: last year's, published (appeals decided), and this year's,
 * in review. Played through the same commands as the API (docs/demo-data.md).
 */
export async function loadDemoCampaigns(
  ctx: CommandContext,
  options: { frameworkId: string; reviewerIds: string[] },
): Promise<DemoCampaignSummary[]> {
  const members = await campaignUnits(ctx.tx);
  const played: DemoCampaignSummary[] = [];
  for (const story of [PREVIOUS_YEAR, CURRENT_YEAR]) played.push(await playCampaign(ctx, story, members, options));
  return played;
}

const phasesAt = (offsets: PhaseOffsets, shift: number): Phases =>
  Object.fromEntries(Object.entries(offsets).map(([key, days]) => [key, cstDay(days - shift)])) as Phases;

async function playCampaign(
  ctx: CommandContext,
  story: DemoCampaignStory,
  members: DemoUnit[],
  options: { frameworkId: string; reviewerIds: string[] },
): Promise<DemoCampaignSummary> {
  const year = Number(cstDay(0).slice(0, 4)) - story.yearsAgo;
  const input = campaignCreateSchema.parse({
    frameworkId: options.frameworkId,
    name: story.name(year),
    year,
    issuer: "长宁区人民政府办公室",
    phases: phasesAt(story.phases, 0),
    units: members.map((u) => ({ unitId: u.id })),
    reviewerIds: options.reviewerIds,
  });
  const campaign = await createCampaign({ ctx, input });
  const move = (to: CampaignStatus) => transitionCampaign({ ctx, id: campaign.id, to });
  await move("reporting");
  const framework = campaign.definition as Framework;
  const stateOf = (u: DemoUnit): ReportState => story.reports[u.code] ?? "confirmed";
  for (const [i, unit] of members.entries()) await reportUnit(ctx, campaign.id, framework, unit, stateOf(unit), i);
  await move("reviewing");
  for (const unit of members.filter((u) => stateOf(u) === "returned")) {
    await returnReport({
      ctx,
      campaignId: campaign.id,
      unitId: unit.id,
      reason: "佐证材料不全：2.3 窗口服务缺少年度考核结果文件，请补充后重新提交",
    });
  }
  await measure(ctx, campaign.id, story, members);
  const findingIds = await recordFindings(ctx, campaign.id, story, members);
  if (story.stage === "published") {
    await scoreManualRules(ctx, campaign, members);
    await move("appeal");
    for (const appeal of story.appeals) {
      const row = await createAppeal({ ctx, campaignId: campaign.id, findingId: findingIds[appeal.finding]!, reason: appeal.reason });
      await decideAppeal({ ctx, campaignId: campaign.id, appealId: row.id, decision: appeal.decision, reason: appeal.decisionReason });
    }
    await publishCampaign({ ctx, id: campaign.id });
  }
  await backdate(ctx.tx, campaign.id, story);
  const [row] = await ctx.tx.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, campaign.id));
  return { id: campaign.id, name: campaign.name, year, status: row!.status as CampaignStatus };
}

const NARRATIVES = [
  (unit: string, indicator: string) => `${unit}已按“${indicator}”的要求落实，相关制度与台账见佐证材料。`,
  (unit: string, indicator: string) => `${indicator}：本年度${unit}按计划推进，月度报送无遗漏。`,
  (unit: string, indicator: string) => `${unit}对照“${indicator}”逐项自查，发现的问题已整改完毕。`,
];

/** A unit's self-check report as far as its state goes: saved, evidenced, submitted, confirmed. */
async function reportUnit(ctx: CommandContext, campaignId: string, framework: Framework, unit: DemoUnit, state: ReportState, n: number) {
  if (state === "none") return;
  const leaves = [...indicatorIndex(framework).values()].filter((e) => e.isLeaf && appliesToCategory(framework, e.indicator.code, null));
  const filled = state === "draft" ? leaves.slice(0, Math.ceil(leaves.length / 3)) : leaves;
  const shortName = unit.shortName ?? unit.name;
  for (const [i, entry] of filled.entries()) {
    const partial = (n + i) % 11 === 0;
    await saveSelfAssessment({
      ctx,
      campaignId,
      unitId: unit.id,
      indicatorCode: entry.indicator.code,
      input: {
        completion: partial ? "partial" : "done",
        narrative: NARRATIVES[(n + i) % NARRATIVES.length]!(shortName, entry.indicator.name),
        version: 0,
      },
    });
  }
  for (const entry of filled.slice(0, 2)) {
    const files = await demoEvidence(ctx.config, `${shortName}-${entry.indicator.code}-工作台账.pdf`, [
      "Kaoping demo evidence",
      `Unit: ${unit.code}`,
      `Indicator: ${entry.indicator.code}`,
    ]);
    await uploadEvidence({ ctx, campaignId, unitId: unit.id, ownerType: "self_assessment", ownerKey: entry.indicator.code, files });
  }
  if (state === "draft") return;
  await submitReport({ ctx, campaignId, unitId: unit.id });
  if (state !== "submitted") await confirmReport({ ctx, campaignId, unitId: unit.id });
}

/**
 * The measured facts the framework reads: per unit 窗口年度考核成绩, 2.0事项收件率 and the sampled
 * hotline rates, spread by position; the district's ranks (7.1, 7.2), the same for every unit, once published.
 */
async function measure(ctx: CommandContext, campaignId: string, story: DemoCampaignStory, members: DemoUnit[]) {
  const { windowScore, receiptRate, hotlineRate, ranks } = story.measured;
  for (const [i, unit] of members.entries()) {
    const values: Record<string, number> = {
      window_annual_score: windowScore + ((i * 7) % 12),
      v2_receipt_rate: Math.min(100, receiptRate + ((i * 5) % 11)),
      "hotline.rate_district": Math.min(100, hotlineRate + ((i * 3) % 7)),
      "hotline.rate_city": Math.min(100, hotlineRate + ((i * 2) % 5)),
      "hotline.rate_province": hotlineRate,
      ...ranks,
    };
    for (const [fact, value] of Object.entries(values)) {
      await saveMeasurement({ ctx, campaignId, input: { unitId: unit.id, fact, value } });
    }
  }
}

/**
 * A published result leaves nothing 待评分: the reviewers give every manual rule its score,
 * each as a confirmed finding whose description is the reason (how a reviewer records one).
 */
async function scoreManualRules(ctx: CommandContext, campaign: CampaignRow, members: DemoUnit[]) {
  const framework = campaignFramework(campaign);
  const terms = ruleIndex(framework);
  const idOf = new Map(members.map((u) => [u.code, u.id]));
  const { result } = await computeCampaignScores(ctx.tx, campaign);
  for (const [i, unit] of result.units.entries()) {
    for (const indicator of unit.indicators) {
      for (const step of indicator.trace.filter((s) => s.outcome === "pending")) {
        const term = terms.get(step.ruleId);
        if (!term || !isManual(term.rule)) continue;
        const points = demoManualScore(term.effect, term.rule, i);
        const input = { unitId: idOf.get(unit.unitCode)!, indicatorCode: indicator.code, ruleId: term.rule.id, points, count: 1 };
        const description = `评审组对照“${term.rule.text}”逐项核查，评定 ${points} 分`;
        const row = await createFinding({ ctx, campaignId: campaign.id, input: { ...input, description } });
        await confirmFinding({ ctx, campaignId: campaign.id, findingId: row.id });
      }
    }
  }
}

const isManual = (rule: Rule): rule is Extract<Rule, { kind: "manual" }> => rule.kind === "manual";

/** Most units lose nothing (or earn full marks) on a manual rule; a few are marked down, by position. */
function demoManualScore(effect: "deduct" | "bonus" | "score", rule: { min: string; max: string }, position: number): string {
  const share = [0, 0, 0.5, 0, 1][position % 5]!;
  const [min, max] = [Number(rule.min), Number(rule.max)];
  const towardMax = effect === "score" ? 1 - share / 2 : share;
  return String(Math.round((min + (max - min) * towardMax) * 100) / 100);
}

/** The reviewers' findings, confirmed unless the story leaves them drafts; returns their ids in story order. */
async function recordFindings(ctx: CommandContext, campaignId: string, story: DemoCampaignStory, members: DemoUnit[]): Promise<string[]> {
  const idOf = new Map(members.map((u) => [u.code, u.id]));
  const ids: string[] = [];
  for (const { unitCode, draft, evidence, count, ...rest } of story.findings) {
    const row = await createFinding({ ctx, campaignId, input: { ...rest, count: count ?? 1, unitId: idOf.get(unitCode)! } });
    if (evidence) {
      const files = await demoEvidence(ctx.config, evidence, ["Kaoping demo evidence", `Finding on ${unitCode}`, rest.indicatorCode]);
      await uploadFindingEvidence({ ctx, campaignId, findingId: row.id, files });
    }
    if (!draft) await confirmFinding({ ctx, campaignId, findingId: row.id });
    ids.push(row.id);
  }
  return ids;
}

/**
 * The story's clock: the commands all ran now, so each stage's moments are
 * moved back to when the story says they happened (reports before the
 * deadline, findings in review, appeals in their window), and the whole
 * campaign `yearsAgo` years back. Only timestamps and phase dates move; the
 * audit log keeps the real moments (it cannot be changed, and it should not).
 */
async function backdate(tx: Tx, campaignId: string, story: DemoCampaignStory): Promise<void> {
  const years = story.yearsAgo * 365;
  const clock = (stage: keyof StageClock) => years + story.clock[stage];
  const back = (column: AnyPgColumn, days: number): SQL => sql`${column} - make_interval(days => ${days})`;
  const ofCampaign = (column: AnyPgColumn) => eq(column, campaignId);
  await tx
    .update(campaigns)
    .set({
      phases: phasesAt(story.phases, years),
      createdAt: back(campaigns.createdAt, clock("created")),
      openedAt: back(campaigns.openedAt, clock("created")),
      updatedAt: back(campaigns.updatedAt, years),
    })
    .where(eq(campaigns.id, campaignId));
  const reporting = clock("reporting");
  await tx
    .update(submissions)
    .set({
      submittedAt: back(submissions.submittedAt, reporting),
      confirmedAt: back(submissions.confirmedAt, reporting),
      firstConfirmedAt: back(submissions.firstConfirmedAt, reporting),
      updatedAt: back(submissions.updatedAt, reporting),
    })
    .where(ofCampaign(submissions.campaignId));
  await tx
    .update(selfAssessments)
    .set({ createdAt: back(selfAssessments.createdAt, reporting), updatedAt: back(selfAssessments.updatedAt, reporting) })
    .where(ofCampaign(selfAssessments.campaignId));
  const review = clock("review");
  await tx
    .update(evidenceFiles)
    .set({
      uploadedAt: sql`case when ${evidenceFiles.ownerType} = 'finding' then ${back(evidenceFiles.uploadedAt, review)} else ${back(evidenceFiles.uploadedAt, reporting)} end`,
    })
    .where(ofCampaign(evidenceFiles.campaignId));
  await tx
    .update(findings)
    .set({
      createdAt: back(findings.createdAt, review),
      confirmedAt: back(findings.confirmedAt, review),
      updatedAt: back(findings.updatedAt, review),
    })
    .where(ofCampaign(findings.campaignId));
  await tx
    .update(measurements)
    .set({ updatedAt: back(measurements.updatedAt, review) })
    .where(ofCampaign(measurements.campaignId));
  await tx
    .update(appeals)
    .set({
      createdAt: back(appeals.createdAt, clock("appeal")),
      decidedAt: back(appeals.decidedAt, clock("decided")),
      updatedAt: back(appeals.updatedAt, clock("decided")),
    })
    .where(ofCampaign(appeals.campaignId));
  await tx
    .update(publications)
    .set({ publishedAt: back(publications.publishedAt, years) })
    .where(ofCampaign(publications.campaignId));
  await tx
    .update(notifications)
    .set({ createdAt: back(notifications.createdAt, years) })
    .where(ofCampaign(notifications.campaignId));
}
