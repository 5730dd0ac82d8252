import type { PublicRatingCaseInput, PublicRatingCaseView, PublicRatingInput, PublicRatingResultView } from "@kaoping/core";
import { api } from "../../api/client.ts";

/** The public rating page's calls: no session; the code goes in the body, never in a URL. */
export const publicRatingsApi = {
  find: (input: PublicRatingCaseInput) => api.post<PublicRatingCaseView>("/api/public/ratings/case", input),
  rate: (input: PublicRatingInput) => api.post<PublicRatingResultView>("/api/public/ratings", input),
};
