import {
  PERMISSIONS,
  ratingListQuerySchema,
  ratingScopeQuerySchema,
  reviewListQuerySchema,
  reviewOfficeStepSchema,
  reviewSettingsSchema,
  reviewUnitStepSchema,
} from "@kaoping/core";
import { z } from "zod";
import { query, transaction } from "../../platform/http/command.ts";
import { idParams } from "../../platform/http/schemas.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { registerAttachmentDownload } from "../attachments/routes.ts";
import { listRatings, ratingDashboard } from "./dashboard.ts";
import { getReview, getReviewSettings, listReviews, reviewStepIds, stepReview, updateReviewSettings } from "./reviews.ts";

const tags = ["ratings"];
const read = { access: PERMISSIONS.ratingRead };
const unit = { access: PERMISSIONS.reviewHandle };
const office = { access: PERMISSIONS.reviewManage };
/** '' is the installation's own deadlines (every region without its own). */
const regionQuerySchema = z.object({ regionCode: z.string().trim().max(12).regex(/^\d*$/, "区划编码应为数字").default("") });

/** 好差评: the dashboard and ratings (scoped like the cases), the bad reviews and their steps, the deadlines. */
export function registerRatingRoutes(app: App, ctx: AppContext): void {
  app.get("/api/ratings/dashboard", { schema: { tags, querystring: ratingScopeQuerySchema }, config: read }, (req) =>
    ratingDashboard(query(ctx, req), req.query),
  );
  app.get("/api/ratings", { schema: { tags, querystring: ratingListQuerySchema }, config: read }, (req) =>
    listRatings(query(ctx, req), req.query),
  );
  app.get("/api/ratings/reviews", { schema: { tags, querystring: reviewListQuerySchema }, config: read }, (req) =>
    listReviews(query(ctx, req), req.query),
  );
  app.get("/api/ratings/reviews/:id", { schema: { tags, params: idParams }, config: read }, (req) =>
    getReview(query(ctx, req), req.params.id),
  );
  // The unit's steps (核实属实 / 申诉 / 整改完成) and the office's (申诉成立 / 不成立, 回访, 办结).
  app.post("/api/ratings/reviews/:id/respond", { schema: { tags, params: idParams, body: reviewUnitStepSchema }, config: unit }, (req) =>
    transaction(ctx, req, (command) => stepReview({ ctx: command, reviewId: req.params.id, input: req.body })),
  );
  app.post("/api/ratings/reviews/:id/decide", { schema: { tags, params: idParams, body: reviewOfficeStepSchema }, config: office }, (req) =>
    transaction(ctx, req, (command) => stepReview({ ctx: command, reviewId: req.params.id, input: req.body })),
  );
  registerAttachmentDownload(app, ctx, {
    ownerPath: "/api/ratings/reviews",
    tags,
    access: read.access,
    ownerType: "bad_review_step",
    stepsOf: reviewStepIds,
  });
  app.get("/api/ratings/settings", { schema: { tags, querystring: regionQuerySchema }, config: read }, (req) =>
    getReviewSettings(query(ctx, req), req.query.regionCode),
  );
  app.put(
    "/api/ratings/settings",
    { schema: { tags, querystring: regionQuerySchema, body: reviewSettingsSchema }, config: office },
    (req) => transaction(ctx, req, (command) => updateReviewSettings({ ctx: command, regionCode: req.query.regionCode, input: req.body })),
  );
}
