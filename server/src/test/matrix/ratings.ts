import { PERMISSIONS } from "@kaoping/core";
import { stepReview } from "../../modules/ratings/reviews.ts";
import { systemAttachment } from "../attachments.ts";
import { asSystem } from "../harness.ts";
import { badReview } from "../ratings.ts";
import type { Fixture, MatrixRows, Req, Target } from "./types.ts";

const P = PERMISSIONS;
const UNIT = { own: "A", other: "B" } as const;

/** A fresh bad review of the target's unit, taken through `steps` by the system (confirm, appeal …). */
async function review(f: Fixture, t: Target, steps: ("confirm" | "appeal")[] = []): Promise<string> {
  const id = await badReview(f.server.database.db, f.unit(UNIT[t]));
  await asSystem(f.server, async (ctx) => {
    let version = 0;
    for (const action of steps) {
      const input = { action, version, note: "矩阵", appealKind: action === "appeal" ? ("mistaken" as const) : undefined };
      version = (await stepReview({ ctx, reviewId: id, input })).version;
    }
  });
  return id;
}

/** A review of the target's unit whose 核实属实 step cites a file: the file's download address. */
async function reviewAttachment(f: Fixture, t: Target): Promise<string> {
  const id = await badReview(f.server.database.db, f.unit(UNIT[t]));
  const attachmentId = await systemAttachment(f.server);
  await asSystem(f.server, (ctx) =>
    stepReview({ ctx, reviewId: id, input: { action: "confirm", version: 0, note: "矩阵", attachmentIds: [attachmentId] } }),
  );
  return `/api/ratings/reviews/${id}/attachments/${attachmentId}`;
}

/** Both units hold reviews; the list asked for the target's unit (a leak would show B). */
async function scoped(f: Fixture, t: Target, path: string, query = ""): Promise<Req> {
  await review(f, "own");
  await review(f, "other");
  return { method: "GET", url: `${path}?unitId=${f.unit(UNIT[t])}${query}` };
}

const PERIOD = () => {
  const year = new Date().getUTCFullYear();
  return `&from=${year}-01-01&to=${year}-12-31`;
};

/** 好差评: the dashboard and lists (scoped like the cases), the unit's and the office's steps, the deadlines. */
export const RATING_ROWS: MatrixRows = {
  "GET /api/ratings/dashboard": {
    access: P.ratingRead,
    unitScoped: true,
    listsUnits: true,
    request: (f, t) => scoped(f, t, "/api/ratings/dashboard", PERIOD()),
  },
  "GET /api/ratings": {
    access: P.ratingRead,
    unitScoped: true,
    listsUnits: true,
    request: (f, t) => scoped(f, t, "/api/ratings", PERIOD()),
  },
  "GET /api/ratings/reviews": {
    access: P.ratingRead,
    unitScoped: true,
    listsUnits: true,
    request: (f, t) => scoped(f, t, "/api/ratings/reviews"),
  },
  "GET /api/ratings/reviews/:id": {
    access: P.ratingRead,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: `/api/ratings/reviews/${await review(f, t)}` }),
  },
  "GET /api/ratings/reviews/:id/attachments/:attachmentId": {
    access: P.ratingRead,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: await reviewAttachment(f, t) }),
  },
  "POST /api/ratings/reviews/:id/respond": {
    access: P.reviewHandle,
    unitScoped: true,
    request: async (f, t) => ({
      method: "POST",
      url: `/api/ratings/reviews/${await review(f, t)}/respond`,
      payload: { action: "confirm", version: 0, note: "已联系申请人核实，属实" },
    }),
  },
  "POST /api/ratings/reviews/:id/decide": {
    access: P.reviewManage,
    unitScoped: true,
    request: async (f, t) => ({
      method: "POST",
      url: `/api/ratings/reviews/${await review(f, t, ["appeal"])}/decide`,
      payload: { action: "reject", version: 1, note: "申诉理由不成立" },
    }),
  },
  "GET /api/ratings/settings": {
    access: P.ratingRead,
    unitScoped: false,
    request: () => ({ method: "GET", url: "/api/ratings/settings" }),
  },
  "PUT /api/ratings/settings": {
    access: P.reviewManage,
    unitScoped: false,
    request: () => ({
      method: "PUT",
      url: "/api/ratings/settings?regionCode=330105",
      payload: { verifyDays: 1, rectifyDays: 15, decideDays: 5 },
    }),
  },
};
