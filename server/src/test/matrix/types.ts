/** The authorization matrix's vocabulary: a row per route, requests built against a shared fixture. */
import type { RouteAccess } from "../../platform/http/types.ts";
import type { TestServer } from "../harness.ts";

export interface Req {
  method: string;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

/** What a case targets: data of the caller's unit ("own") or of a unit outside every scoped role ("other"). */
export type Target = "own" | "other";

export interface Fixture {
  server: TestServer;
  unit: (code: string) => string;
  seq: () => number;
  /** The username of the role being tried; none for the anonymous pass. */
  caller?: string;
  /** A fresh user of unit `code` to act upon (reset, unlock, edit). */
  targetUser: (code: string) => Promise<string>;
  /** A fresh group owned by unit `code`. */
  group: (code: string) => Promise<string>;
  /** A fresh framework in the given status. */
  framework: (status: "draft" | "published", code?: string) => Promise<string>;
  /**
   * A fresh campaign at `stage` for the target: "own" holds units A and A1 with
   * the reviewer role's users assigned; "other" holds B and B1 with no reviewer.
   * `unitId` is A (own) or B (other), the unit the request addresses.
   */
  campaign: (target: Target, stage?: CampaignStage) => Promise<{ campaignId: string; unitId: string }>;
}

/** How far a fixture campaign has gone: its status, plus the state inside it some routes need. */
export type CampaignStage = "draft" | "reporting" | "submitted" | "confirmed" | "reviewing" | "appeal" | "published";

export type MatrixRows = Record<string, RouteCase>;

export interface RouteCase {
  access: RouteAccess;
  /** Builds the request; `other` only for routes that address one unit's data. */
  request: (f: Fixture, target: Target) => Promise<Req> | Req;
  unitScoped: boolean;
  /** For lists: the response must not mention the other unit's codes when the scope excludes it. */
  listsUnits?: boolean;
  /** The request is built for the caller (`Fixture.caller`) and is not reused by another. */
  perCaller?: boolean;
}
