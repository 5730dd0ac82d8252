import { PERMISSIONS } from "@kaoping/core";
import { guideItem } from "../guides.ts";
import { userId } from "../harness.ts";
import { hotlineRound } from "../hotline.ts";
import { coverYears } from "../ratings.ts";
import type { Fixture, MatrixRows, Req, Target } from "./types.ts";

const P = PERMISSIONS;
const UNIT = { own: "A", other: "B" } as const;

/** A round with a call of each unit; the target's call is the caller's to ring (the other unit's someone else's). */
async function round(f: Fixture, t: Target) {
  const caller = f.caller ? await userId(f.server, f.caller) : await f.targetUser("A");
  const stranger = await f.targetUser("B");
  const made = await hotlineRound(f.server.database.db, {
    calls: [
      { unitId: f.unit("A"), checkerId: t === "own" ? caller : stranger },
      { unitId: f.unit("B"), checkerId: stranger },
    ],
  });
  return { roundId: made.roundId, callId: made.callIds[t === "own" ? 0 : 1]! };
}

/** Both units' calls exist; the list asked for the target's unit (a leak would show B). */
async function scoped(f: Fixture, t: Target, path: string, query = ""): Promise<Req> {
  await round(f, "own");
  return { method: "GET", url: `${path}?unitId=${f.unit(UNIT[t])}${query}` };
}

const today = () => new Date().toISOString().slice(0, 10);

/** 接通率抽查: rounds (the office's), the call sheet (the checkers'), results (everyone's own units). */
export const HOTLINE_ROWS: MatrixRows = {
  "GET /api/hotline/rounds": {
    access: P.hotlineRead,
    unitScoped: false,
    request: async (f) => {
      await round(f, "own");
      return { method: "GET", url: "/api/hotline/rounds" };
    },
  },
  "POST /api/hotline/rounds": {
    access: P.hotlineManage,
    unitScoped: false,
    perCaller: true,
    request: async (f) => {
      // A guide of unit A publishes the numbers the round samples, on days of a year the calendar covers.
      await guideItem(f.server, f.unit("A"), 7000 + f.seq());
      await coverYears(f.server.database.db, [2024]);
      return {
        method: "POST",
        url: "/api/hotline/rounds",
        payload: {
          name: "矩阵抽查",
          level: "district",
          from: "2024-03-04",
          to: "2024-03-08",
          unitIds: [f.unit("A")],
          checkerIds: [await f.targetUser("A")],
        },
      };
    },
  },
  "GET /api/hotline/rounds/:id": {
    access: P.hotlineRead,
    unitScoped: false,
    request: async (f, t) => ({ method: "GET", url: `/api/hotline/rounds/${(await round(f, t)).roundId}` }),
  },
  "POST /api/hotline/rounds/:id/close": {
    access: P.hotlineManage,
    unitScoped: false,
    request: async (f, t) => ({ method: "POST", url: `/api/hotline/rounds/${(await round(f, t)).roundId}/close` }),
  },
  "GET /api/hotline/calls": {
    access: P.hotlineRead,
    unitScoped: true,
    listsUnits: true,
    request: (f, t) => scoped(f, t, "/api/hotline/calls"),
  },
  "POST /api/hotline/calls/:id/record": {
    access: P.hotlineCall,
    unitScoped: true,
    perCaller: true,
    request: async (f, t) => ({
      method: "POST",
      url: `/api/hotline/calls/${(await round(f, t)).callId}/record`,
      payload: { outcome: "answered_correct", secondsToAnswer: 8, version: 0 },
    }),
  },
  "GET /api/hotline/results": {
    access: P.hotlineRead,
    unitScoped: true,
    listsUnits: true,
    request: (f, t) => scoped(f, t, "/api/hotline/results", `&from=${today()}&to=${today()}`),
  },
};
