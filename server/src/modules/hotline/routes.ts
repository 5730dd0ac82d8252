import {
  callListQuerySchema,
  callRecordSchema,
  hotlineResultsQuerySchema,
  PERMISSIONS,
  roundCreateSchema,
  roundListQuerySchema,
} from "@kaoping/core";
import { query, transaction } from "../../platform/http/command.ts";
import { idParams } from "../../platform/http/schemas.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { listCalls, recordCall } from "./calls.ts";
import { hotlineResults } from "./results.ts";
import { closeRound, createRound, getRound, listRounds } from "./rounds.ts";

const tags = ["hotline"];
const read = { access: PERMISSIONS.hotlineRead };
const record = { access: PERMISSIONS.hotlineCall };
const manage = { access: PERMISSIONS.hotlineManage };

/** 接通率抽查: rounds (the office's), the call sheet (the checkers'), results per unit (everyone's own). */
export function registerHotlineRoutes(app: App, ctx: AppContext): void {
  app.get("/api/hotline/rounds", { schema: { tags, querystring: roundListQuerySchema }, config: read }, (req) =>
    listRounds(query(ctx, req), req.query),
  );
  app.post("/api/hotline/rounds", { schema: { tags, body: roundCreateSchema }, config: manage }, async (req, reply) =>
    reply.code(201).send(await transaction(ctx, req, (command) => createRound({ ctx: command, input: req.body }))),
  );
  app.get("/api/hotline/rounds/:id", { schema: { tags, params: idParams }, config: read }, (req) =>
    getRound(query(ctx, req), req.params.id),
  );
  app.post("/api/hotline/rounds/:id/close", { schema: { tags, params: idParams }, config: manage }, (req) =>
    transaction(ctx, req, (command) => closeRound({ ctx: command, roundId: req.params.id })),
  );
  app.get("/api/hotline/calls", { schema: { tags, querystring: callListQuerySchema }, config: read }, (req) =>
    listCalls(query(ctx, req), req.query),
  );
  app.post("/api/hotline/calls/:id/record", { schema: { tags, params: idParams, body: callRecordSchema }, config: record }, (req) =>
    transaction(ctx, req, (command) => recordCall({ ctx: command, callId: req.params.id, input: req.body })),
  );
  app.get("/api/hotline/results", { schema: { tags, querystring: hotlineResultsQuerySchema }, config: read }, (req) =>
    hotlineResults(query(ctx, req), req.query),
  );
}
