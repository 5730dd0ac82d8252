import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import {
  encodeRatingCode,
  FOLLOW_UP_OPEN,
  isBadLevel,
  type PublicRatingAction,
  type PublicRatingCaseView,
  type PublicRatingResultView,
  type publicRatingCaseSchema,
  type publicRatingInputSchema,
  type ReviewStatus,
  ratingLinkPath,
} from "@kaoping/core";
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { type Principal, systemPrincipal } from "../../platform/auth/principal.ts";
import type { Db, Tx } from "../../platform/db/client.ts";
import { compiled } from "../../platform/db/compiled.ts";
import { isoOf } from "../../platform/db/rows.ts";
import { badReviews, cases, ratings, serviceItems, units } from "../../platform/db/schema.ts";
import { AppError, conflict } from "../../platform/errors.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { installationSecret } from "../../platform/secrets/installation-secret.ts";
import type { CaseKey } from "../cases/derived.ts";
import { applyFollowUps, countRating, lockRatingCase, openReviews } from "./store.ts";

/**
 * Kaoping's own public rating page (docs/ratings.md, “The public rating page”): an applicant names a
 * completed case by its number and the verification code printed on its result, and rates it once,
 * with one 追评 after a bad review was rectified. The code is derived, never stored: an HMAC of the
 * case's key with an installation secret, so it cannot be guessed from the case number and proves
 * only that its holder has the result. The rating goes through the rating store like an imported one.
 */

/** Who a public rating is audited as: the public, with no permission and no unit in scope. */
export const PUBLIC_RATER: Principal = {
  ...systemPrincipal("公众（好差评）"),
  username: "public",
  permissions: new Set(),
  scope: { all: false, unitIds: [], pathPrefixes: [], self: false },
};

/** The source and number prefix of ratings given on this page (the provincial system's have their own). */
export const PUBLIC_RATING_SOURCE = "kaoping";

/** Its own secret: the personal-data hashes' secret is not tied to what is printed on paper. */
export const RATING_CODE_SECRET_KEY = "ratings.verifySecret";
const CODE_PURPOSE = "ratings.verify";

/** The same answer for an unknown case number and a wrong code: nothing tells one from the other. */
export const WRONG_CODE_MESSAGE = "办件编号或验证码不正确";
export const NOT_COMPLETED_MESSAGE = "该办件尚未办结，办结后才能评价";
export const ALREADY_RATED_MESSAGE = "该办件已评价，每件只能评价一次";

/** A wrong code or unknown case: the route counts it against the caller before answering. */
export class WrongCodeError extends AppError {
  constructor() {
    super("NOT_FOUND", WRONG_CODE_MESSAGE);
  }
}

/** The code secret, read once per database (outside any transaction: one that rolled back must not have made it). */
const secrets = new WeakMap<Db, Promise<string>>();
export function ratingCodeSecret(db: Db): Promise<string> {
  const cached = secrets.get(db);
  if (cached) return cached;
  const secret = installationSecret(db, RATING_CODE_SECRET_KEY);
  secrets.set(db, secret);
  secret.catch(() => secrets.delete(db));
  return secret;
}

/** A case's verification code: the first 40 bits of HMAC-SHA256(secret, purpose ‖ region ‖ source ‖ number). */
export function ratingCodeOf(secret: string, key: CaseKey): string {
  const mac = createHmac("sha256", secret)
    .update(`${CODE_PURPOSE}\u0000${key.regionCode}\u0000${key.sourceCode}\u0000${key.caseNo}`)
    .digest();
  return encodeRatingCode(mac);
}

/** What the office prints on a completed case's result: the code and the page's link (a path; the web adds its origin). */
export function ratingSlipOf(secret: string, key: CaseKey): { ratingCode: string; ratingLink: string } {
  const ratingCode = ratingCodeOf(secret, key);
  return { ratingCode, ratingLink: ratingLinkPath({ regionCode: key.regionCode, caseNo: key.caseNo, code: ratingCode }) };
}

const sameCode = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

interface FoundCase extends CaseKey {
  unitId: string;
  unitName: string;
  itemCode: string;
  itemName: string | null;
  completedAt: Date | null;
}

const caseColumns = {
  regionCode: cases.regionCode,
  sourceCode: cases.sourceCode,
  caseNo: cases.caseNo,
  unitId: cases.unitId,
  unitName: units.name,
  itemCode: cases.itemCode,
  itemName: serviceItems.name,
  completedAt: cases.completedAt,
};

/** A case number's cases (every region and source), by cases_case_no_region_idx; compiled: the page's every request runs it. */
const casesNumbered = (where: (number: SQL) => SQL | undefined) =>
  compiled((db) =>
    db
      .select(caseColumns)
      .from(cases)
      .innerJoin(units, eq(units.id, cases.unitId))
      .leftJoin(serviceItems, eq(serviceItems.id, cases.itemId))
      .where(where(eq(cases.caseNo, sql.placeholder("caseNo"))))
      // A number is unique in its region and source; more than a hundred of those sharing it is not a real store.
      .orderBy(cases.regionCode, cases.sourceCode)
      .limit(100),
  );
const casesByNumber = casesNumbered((number) => number);
const casesByNumberInRegion = casesNumbered((number) => and(number, eq(cases.regionCode, sql.placeholder("regionCode"))));

/**
 * The case the number and code name, or WrongCodeError. Looked up by number (an applicant who types
 * it may not give the region), then kept only if the code is its own.
 */
export async function findRatedCase(db: Db | Tx, secret: string, input: z.output<typeof publicRatingCaseSchema>): Promise<FoundCase> {
  const rows = input.regionCode
    ? await casesByNumberInRegion(db, { caseNo: input.caseNo, regionCode: input.regionCode })
    : await casesByNumber(db, { caseNo: input.caseNo });
  // An unknown number costs an HMAC too, so the time taken does not tell it from a wrong code.
  if (!rows.length) sameCode(ratingCodeOf(secret, { regionCode: "", sourceCode: "", caseNo: input.caseNo }), input.code);
  const match = rows.find((row) => sameCode(ratingCodeOf(secret, row), input.code));
  if (!match) throw new WrongCodeError();
  return match;
}

/** A first rating of the case (this page's or the province's) with its bad review, if it opened one. */
interface FirstRating {
  level: number;
  ratedAt: Date;
  status: ReviewStatus | null;
  hasFollowUp: boolean;
}

const firstRatings = compiled((db) =>
  db
    .select({
      level: ratings.level,
      ratedAt: ratings.ratedAt,
      status: badReviews.status,
      hasFollowUp: sql<boolean>`${badReviews.followUpRatingId} is not null`,
    })
    .from(ratings)
    .leftJoin(badReviews, eq(badReviews.ratingId, ratings.id))
    .where(
      and(eq(ratings.regionCode, sql.placeholder("regionCode")), eq(ratings.caseNo, sql.placeholder("caseNo")), eq(ratings.kind, "first")),
    )
    .orderBy(ratings.ratedAt),
);

async function firstRatingsOf(db: Db | Tx, found: FoundCase): Promise<FirstRating[]> {
  const rows = await firstRatings(db, { regionCode: found.regionCode, caseNo: found.caseNo });
  return rows.map((r) => ({ ...r, status: r.status as ReviewStatus | null }));
}

/** Why a 追评 cannot be given now, from the case's first ratings and their reviews. */
function followUpRefusal(firsts: FirstRating[]): string {
  if (!firsts.length) return "该办件尚未评价，请先评价";
  const statuses = firsts.map((f) => f.status);
  if (firsts.some((f) => f.hasFollowUp)) return "该办件已追评，每件只能追评一次";
  if (statuses.some((s) => s === "verifying" || s === "appealing" || s === "rectifying"))
    return "您的差评正在核实整改中，整改完成后才能追评";
  if (statuses.includes("voided")) return "该差评经申诉审查已作废，不能追评";
  if (statuses.includes("closed")) return "该差评已办结，不能再追评";
  return ALREADY_RATED_MESSAGE;
}

/** What may be done for the case now: a first rating, the 追评, or nothing and why. */
function nextAction(found: FoundCase, firsts: FirstRating[]): { action: PublicRatingAction | null; reason: string | null } {
  if (!found.completedAt) return { action: null, reason: NOT_COMPLETED_MESSAGE };
  if (!firsts.length) return { action: "first", reason: null };
  if (firsts.some((f) => f.status && FOLLOW_UP_OPEN.includes(f.status))) return { action: "follow_up", reason: null };
  return { action: null, reason: followUpRefusal(firsts) };
}

/** What the page shows for a right code: only this case's item, unit, completion and what may be done. */
export async function describeRatedCase(db: Db | Tx, found: FoundCase): Promise<PublicRatingCaseView> {
  const firsts = await firstRatingsOf(db, found);
  const [first] = firsts;
  return {
    caseNo: found.caseNo,
    regionCode: found.regionCode,
    itemName: found.itemName,
    unitName: found.unitName,
    completedAt: found.completedAt?.toISOString() ?? null,
    firstRating: first ? { level: first.level, ratedAt: isoOf(first.ratedAt) } : null,
    ...nextAction(found, firsts),
  };
}

const THANKS = {
  good: "感谢您的评价！您的意见将用于改进政务服务。",
  bad: "感谢您的评价！我们已将您的意见转交办理单位核实整改，整改完成后您可以凭同一验证码在本页追评。",
  followUp: "感谢您的追评！",
} as const;

/**
 * Stores the rating as the import stores one — counted in the rollups, a 差评 opening its review, a
 * 追评 closing the rectified one — and audits it. Refused (409) when the case is not completed,
 * already rated (any origin), or not open for a 追评. Locks: the rating store shared (no import
 * batch runs meanwhile, other public ratings may), then the case (its ratings are read and one added
 * by one request at a time) — the exclusive store lock would let one rating in at a time, its hold
 * the sum of six round trips (docs/performance.md).
 */
export async function submitPublicRating(options: {
  ctx: CommandContext;
  found: FoundCase;
  input: z.output<typeof publicRatingInputSchema>;
}): Promise<PublicRatingResultView> {
  const { ctx, found, input } = options;
  const { tx } = ctx;
  await lockRatingCase(tx, found);
  const firsts = await firstRatingsOf(tx, found);
  const { action, reason } = nextAction(found, firsts);
  if (action !== input.kind) {
    if (!found.completedAt) throw conflict(NOT_COMPLETED_MESSAGE);
    throw conflict(input.kind === "first" ? ALREADY_RATED_MESSAGE : (reason ?? followUpRefusal(firsts)));
  }
  const ratingNo = `KP-${randomUUID()}`;
  const [row] = await tx
    .insert(ratings)
    .values({
      sourceCode: PUBLIC_RATING_SOURCE,
      ratingNo,
      origin: "public",
      kind: input.kind,
      regionCode: found.regionCode,
      unitId: found.unitId,
      itemCode: found.itemCode,
      caseNo: found.caseNo,
      caseKnown: true,
      channel: input.channel,
      level: input.level,
      tags: input.tags,
      content: input.content || null,
      ratedAt: new Date(),
      isDefault: false,
      // No name, no phone: the code proves the case, and the page asks for nothing else.
      raterHash: null,
      raterMasked: null,
    })
    .returning({ id: ratings.id });
  const id = row!.id;
  if (input.kind === "first") {
    if (isBadLevel(input.level)) await openReviews(tx, [id]);
  } else if ((await applyFollowUps(tx, [id])) !== 1) throw conflict(followUpRefusal(firsts));
  // Last before the commit: the rollup rows of a unit's day are shared by every rating of it, and
  // their row locks are held from here to the commit.
  await countRating(tx, id);
  await ctx.audit({
    action: "rating.public.submit",
    businessType: "create",
    entityType: "rating",
    entityId: id,
    // The applicant's words stay in the rating (the unit verifies them); the append-only log keeps only that there were some.
    after: {
      ratingNo,
      kind: input.kind,
      level: input.level,
      regionCode: found.regionCode,
      caseNo: found.caseNo,
      unitId: found.unitId,
      channel: input.channel,
      tags: input.tags,
      hasContent: !!input.content,
    },
  });
  const message = input.kind === "follow_up" ? THANKS.followUp : isBadLevel(input.level) ? THANKS.bad : THANKS.good;
  return { ratingNo, kind: input.kind, message };
}
