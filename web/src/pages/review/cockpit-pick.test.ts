import type { CampaignAbilities, CampaignSummary } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { cockpitVisible, defaultCockpitCampaign, publishedFallback } from "./cockpit-pick.ts";

const summary = (id: string, status: CampaignSummary["status"], publishedVersion: number | null) =>
  ({ id, status, publishedVersion }) as CampaignSummary;
const can = (allUnits: boolean) => ({ allUnits }) as CampaignAbilities;
// Newest first, as the list answers: a draft, this year's in review, last year's published.
const campaigns = [summary("draft", "draft", null), summary("this", "reviewing", null), summary("last", "published", 1)];

describe("the cockpit's campaign", () => {
  it("opens on the newest campaign that is not a draft", () => {
    expect(defaultCockpitCampaign(campaigns)).toBe("this");
    expect(defaultCockpitCampaign([summary("draft", "draft", null)])).toBeNull();
  });

  it("the office sees the live result; a unit's user is moved to the newest published campaign", () => {
    expect(cockpitVisible({ can: can(true), publishedVersion: null })).toBe(true);
    expect(publishedFallback({ id: "this", can: can(true), publishedVersion: null }, campaigns)).toBeNull();
    expect(cockpitVisible({ can: can(false), publishedVersion: null })).toBe(false);
    expect(publishedFallback({ id: "this", can: can(false), publishedVersion: null }, campaigns)).toBe("last");
    // Published already (a correction under way): the unit sees it where it is.
    expect(publishedFallback({ id: "this", can: can(false), publishedVersion: 2 }, campaigns)).toBeNull();
    // Nothing published at all: stay, and the page says why.
    expect(publishedFallback({ id: "this", can: can(false), publishedVersion: null }, campaigns.slice(0, 2))).toBeNull();
  });
});
