import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import {
  cstDate,
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
import { type AnyColumn, and, eq, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { z } from "zod";
import { type Principal, systemPrincipal } from "../../platform/auth/principal.ts";
import type { Db, Tx } from "../../platform/db/client.ts";
import { compiled } from "../../platform/db/compiled.ts";
import { isoOf } from "../../platform/db/rows.ts";
import { badReviews, cases, ratings, serviceItems, units } from "../../platform/db/schema.ts";
import { AppError, conflict } from "../../platform/errors.ts";
import { type CommandContext, runCommand } from "../../platform/http/command.ts";
import type { AppContext } from "../../platform/http/types.ts";
import { installationSecret } from "../../platform/secrets/installation-secret.ts";
import type { CaseKey } from "../cases/derived.ts";
import {
  addPublicFirstRating,
  applyFollowUps,
  countRating,
  openReviewsOf,
  type PublicRating,
  ratingCaseLock,
  regionTerms,
} from "./store.ts";

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

/** A first rating of the case (this page's or the province's) with its bad review, if it opened one. */
interface FirstRating {
  level: number;
  ratedAt: Date;
  /** A 默认评价: the system rated for an applicant who did not (it never opens a review). */
  isDefault: boolean;
  status: ReviewStatus | null;
  hasFollowUp: boolean;
}

/** The first ratings of the case `regionCode` and `caseNo` name, oldest first, as one JSON value (a column of a case's row, or a row alone). */
const firstsOf = (regionCode: SQLWrapper | AnyColumn, caseNo: SQLWrapper | AnyColumn) => sql<FirstRatingJson[]>`(
  select coalesce(json_agg(json_build_object('level', r.level, 'ratedAt', r.rated_at, 'isDefault', r.is_default,
    'status', b.status, 'hasFollowUp', b.follow_up_rating_id is not null) order by r.rated_at), '[]')
  from ${ratings} r left join ${badReviews} b on b.rating_id = r.id
  where r.region_code = ${regionCode} and r.case_no = ${caseNo} and r.kind = 'first')`;

type FirstRatingJson = Omit<FirstRating, "ratedAt"> & { ratedAt: string };
const firstRatingsOf = (rows: FirstRatingJson[]): FirstRating[] => rows.map((r) => ({ ...r, ratedAt: new Date(r.ratedAt) }));

const describedColumns = { ...caseColumns, firsts: firstsOf(cases.regionCode, cases.caseNo) };
type DescribedCase = FoundCase & { firsts: FirstRatingJson[] };
type CaseLookup<R> = (db: Db | Tx, values: Record<string, unknown>) => Promise<R[]>;

/** A case number's cases (every region and source), by cases_case_no_region_idx; compiled: the page's every request runs it. */
function casesNumbered<R extends FoundCase>(columns: typeof caseColumns | typeof describedColumns) {
  const lookup = (where: (number: SQL) => SQL | undefined) =>
    compiled((db) =>
      db
        .select(columns as typeof describedColumns)
        .from(cases)
        .innerJoin(units, eq(units.id, cases.unitId))
        .leftJoin(serviceItems, eq(serviceItems.id, cases.itemId))
        .where(where(eq(cases.caseNo, sql.placeholder("caseNo"))))
        // A number is unique in its region and source; more than a hundred of those sharing it is not a real store.
        .orderBy(cases.regionCode, cases.sourceCode)
        .limit(100),
    ) as CaseLookup<R>;
  return {
    anyRegion: lookup((number) => number),
    inRegion: lookup((number) => and(number, eq(cases.regionCode, sql.placeholder("regionCode")))),
  };
}
const casesByNumber = casesNumbered<FoundCase>(caseColumns);
/** The page's lookup: the case with its first ratings, one statement. */
const casesDescribed = casesNumbered<DescribedCase>(describedColumns);

/**
 * The case the number and code name, or WrongCodeError. Looked up by number (an applicant who types
 * it may not give the region), then kept only if the code is its own. The number as typed first (a
 * real one may hold lower case); when no case has it and it holds lower case, its upper-cased form —
 * phones type lower case. Both within this one attempt: the caller counts one wrong code at most,
 * and an unknown number in either form is the same WrongCodeError as a wrong code.
 */
async function matchCode<R extends FoundCase>(
  lookup: { anyRegion: CaseLookup<R>; inRegion: CaseLookup<R> },
  db: Db | Tx,
  secret: string,
  input: z.output<typeof publicRatingCaseSchema>,
): Promise<R> {
  const numbered = (caseNo: string) =>
    input.regionCode ? lookup.inRegion(db, { caseNo, regionCode: input.regionCode }) : lookup.anyRegion(db, { caseNo });
  let rows = await numbered(input.caseNo);
  const upper = input.caseNo.toUpperCase();
  if (!rows.length && upper !== input.caseNo) rows = await numbered(upper);
  // An unknown number costs an HMAC too, so the time taken does not tell it from a wrong code.
  if (!rows.length) sameCode(ratingCodeOf(secret, { regionCode: "", sourceCode: "", caseNo: input.caseNo }), input.code);
  const match = rows.find((row) => sameCode(ratingCodeOf(secret, row), input.code));
  if (!match) throw new WrongCodeError();
  return match;
}

/** The case to rate. */
export const findRatedCase = (db: Db | Tx, secret: string, input: z.output<typeof publicRatingCaseSchema>): Promise<FoundCase> =>
  matchCode(casesByNumber, db, secret, input);

/** The case to show, with its first ratings. */
export const findDescribedCase = (db: Db | Tx, secret: string, input: z.output<typeof publicRatingCaseSchema>) =>
  matchCode(casesDescribed, db, secret, input);

/** The case's first ratings, read under its lock (for a 追评). */
const firstRatings = compiled((db) =>
  db.select({ firsts: firstsOf(sql.placeholder("regionCode"), sql.placeholder("caseNo")) }).from(sql`(values (1)) one`),
);

async function lockedFirstRatings(tx: Tx, found: FoundCase): Promise<FirstRating[]> {
  const [row] = await firstRatings(tx, { regionCode: found.regionCode, caseNo: found.caseNo });
  return firstRatingsOf(row!.firsts);
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
export function describeRatedCase(found: DescribedCase): PublicRatingCaseView {
  const firsts = firstRatingsOf(found.firsts);
  const [first] = firsts;
  return {
    caseNo: found.caseNo,
    regionCode: found.regionCode,
    itemName: found.itemName,
    unitName: found.unitName,
    completedAt: found.completedAt?.toISOString() ?? null,
    firstRating: first ? { level: first.level, ratedAt: isoOf(first.ratedAt), isDefault: first.isDefault } : null,
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
 * 追评 closing the rectified one — and audits it, as 公众（好差评） from `ip`. Refused (409) when the
 * case is not completed, already rated (any origin), or not open for a 追评. Its transaction starts
 * with ratingCaseLock(found), sent with the BEGIN: the rating store shared (no import batch runs
 * meanwhile, other public ratings may), then the case (its ratings are read and one added by one
 * request at a time). A good first rating — most of them — is then one statement: the check, the
 * insert and its rollups (docs/performance.md, load:rating-page).
 */
export function submitPublicRating(options: {
  app: AppContext;
  ip: string | null;
  found: FoundCase;
  input: z.output<typeof publicRatingInputSchema>;
}): Promise<PublicRatingResultView> {
  const { app, ip, found, input } = options;
  return runCommand(app, PUBLIC_RATER, ip, (ctx) => storePublicRating(ctx, found, input), { beginWith: ratingCaseLock(found) });
}

/** Crockford's base32: no I, L, O or U to misread on the phone. */
const BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A page rating's number, short enough to read out and search for: KP-, the China date, and ten
 * random base32 characters (50 bits: a day of a million ratings collides with odds of about one in
 * two thousand; the unique index refuses the rare one). A uuid was unreadable in every list.
 */
export function publicRatingNo(at: Date): string {
  let code = "";
  for (let i = 0; i < 10; i++) code += BASE32[randomInt(32)];
  return `KP-${cstDate(at).replaceAll("-", "")}-${code}`;
}

/** submitPublicRating's command, under the case's lock. */
async function storePublicRating(
  ctx: CommandContext,
  found: FoundCase,
  input: z.output<typeof publicRatingInputSchema>,
): Promise<PublicRatingResultView> {
  const { tx } = ctx;
  if (!found.completedAt) throw conflict(NOT_COMPLETED_MESSAGE);
  const rating = {
    sourceCode: PUBLIC_RATING_SOURCE,
    ratingNo: publicRatingNo(new Date()),
    regionCode: found.regionCode,
    unitId: found.unitId,
    itemCode: found.itemCode,
    caseNo: found.caseNo,
    channel: input.channel,
    level: input.level,
    tags: input.tags,
    content: input.content || null,
    ratedAt: new Date(),
  };
  const id = input.kind === "first" ? await addFirstRating(tx, rating) : await addFollowUp(tx, found, rating);
  await ctx.audit({
    action: "rating.public.submit",
    businessType: "create",
    entityType: "rating",
    entityId: id,
    // The applicant's words stay in the rating (the unit verifies them); the append-only log keeps only that there were some.
    after: {
      ratingNo: rating.ratingNo,
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
  return { ratingNo: rating.ratingNo, kind: input.kind, message };
}

/** The page's calendars, kept from one 差评 to the next while the calendar's rows are unchanged. */
const CALENDARS = {};

/**
 * A first rating, refused when the case has one. A 差评 opens its review before it is counted: the
 * rollup rows of a unit's day are shared by every rating of it, and their row locks are held from
 * the count to the commit.
 */
async function addFirstRating(tx: Tx, rating: PublicRating): Promise<string> {
  const bad = isBadLevel(rating.level);
  const id = await addPublicFirstRating(tx, rating, !bad);
  if (!id) throw conflict(ALREADY_RATED_MESSAGE);
  if (bad) {
    await openReviewsOf(
      tx,
      [{ id, unitId: rating.unitId, regionCode: rating.regionCode, ratedAt: rating.ratedAt }],
      regionTerms(tx, CALENDARS),
    );
    await countRating(tx, id);
  }
  return id;
}

/** A 追评, when the case's first rating's review is open for one; it closes the review. */
async function addFollowUp(tx: Tx, found: FoundCase, rating: PublicRating): Promise<string> {
  const firsts = await lockedFirstRatings(tx, found);
  if (nextAction(found, firsts).action !== "follow_up") throw conflict(followUpRefusal(firsts));
  const [row] = await tx
    .insert(ratings)
    .values({
      ...rating,
      origin: "public",
      kind: "follow_up",
      caseKnown: true,
      isDefault: false,
      // No name, no phone: the code proves the case, and the page asks for nothing else.
      raterHash: null,
      raterMasked: null,
    })
    .returning({ id: ratings.id });
  const id = row!.id;
  if ((await applyFollowUps(tx, [id])) !== 1) throw conflict(followUpRefusal(firsts));
  await countRating(tx, id);
  return id;
}
