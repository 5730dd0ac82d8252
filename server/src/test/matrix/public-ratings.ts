import { ratingCodeOf, ratingCodeSecret } from "../../modules/ratings/public.ts";
import { REGION, SOURCE } from "../cases.ts";
import { oneCase } from "./cases.ts";
import type { Fixture, MatrixRows } from "./types.ts";

/** A fresh completed case and the code printed on its result: every caller may rate it, with or without a session. */
async function ratedCase(f: Fixture) {
  const caseNo = await oneCase(f, "own");
  const code = ratingCodeOf(await ratingCodeSecret(f.server.database.db), { regionCode: REGION, sourceCode: SOURCE, caseNo });
  return { regionCode: REGION, caseNo, code };
}

/** Kaoping's public rating page (/rate): no login; the verification code is the only key. */
export const PUBLIC_RATING_ROWS: MatrixRows = {
  "POST /api/public/ratings/case": {
    access: "public",
    unitScoped: false,
    request: async (f) => ({ method: "POST", url: "/api/public/ratings/case", payload: await ratedCase(f) }),
  },
  "POST /api/public/ratings": {
    access: "public",
    unitScoped: false,
    request: async (f) => ({
      method: "POST",
      url: "/api/public/ratings",
      payload: { ...(await ratedCase(f)), kind: "first", level: 5, tags: ["办事效率高"], content: "很满意", channel: "online" },
    }),
  },
};
