import { publicRatingCaseSchema, publicRatingInputSchema } from "@kaoping/core";
import type { FastifyRequest } from "fastify";
import type { z } from "zod";
import type { Db } from "../../platform/db/client.ts";
import { AppError } from "../../platform/errors.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { throttleKey } from "../guides/fault-reports.ts";
import { CodeAttempts } from "./code-attempts.ts";
import { describeRatedCase, findDescribedCase, findRatedCase, ratingCodeSecret, submitPublicRating, WrongCodeError } from "./public.ts";

const tags = ["ratings"];

/**
 * The public rating page's two routes, no login. Both are POST: the verification code travels in
 * the body, never in a URL that access logs and proxies keep. Guards, before any database work: a
 * burst limit per caller (KAOPING_RATING_BURST_PER_MINUTE, in memory, per route), and the wrong
 * codes per case number and caller (KAOPING_RATING_CODE_ATTEMPTS an hour, code-attempts.ts).
 */
export function registerPublicRatingRoutes(app: App, ctx: AppContext): void {
  const attempts = new CodeAttempts(ctx.config.ratingCodeAttempts);
  const burst = {
    max: ctx.config.ratingBurstPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req: FastifyRequest) => throttleKey(req.ip),
  };
  const config = { access: "public" as const, rateLimit: burst };

  /**
   * The case the body names, counting a wrong code against the caller; refused once the caller has used
   * up its tries. The tries are per number whatever its letters' case (the lookup also reads a
   * lower-case number as upper case): typing gs-1, Gs-1, GS-1 in turn does not multiply them.
   */
  async function caseOf<R>(
    req: FastifyRequest,
    input: z.output<typeof publicRatingCaseSchema>,
    find: (db: Db, secret: string, input: z.output<typeof publicRatingCaseSchema>) => Promise<R>,
  ) {
    const key = `${throttleKey(req.ip)}\u0000${input.caseNo.toUpperCase()}`;
    if (attempts.isBlocked(key)) {
      throw new AppError(
        "RATE_LIMITED",
        `验证码错误次数过多，请一小时后再试（每个办件每小时最多尝试 ${ctx.config.ratingCodeAttempts} 次）`,
      );
    }
    try {
      return await find(ctx.db, await ratingCodeSecret(ctx.db), input);
    } catch (error) {
      if (error instanceof WrongCodeError) attempts.fail(key);
      throw error;
    }
  }

  app.post("/api/public/ratings/case", { schema: { tags, body: publicRatingCaseSchema }, config }, async (req) =>
    describeRatedCase(await caseOf(req, req.body, findDescribedCase)),
  );
  app.post("/api/public/ratings", { schema: { tags, body: publicRatingInputSchema }, config }, async (req, reply) => {
    const found = await caseOf(req, req.body, findRatedCase);
    const result = await submitPublicRating({ app: ctx, ip: req.ip, found, input: req.body });
    return reply.code(201).send(result);
  });
}
