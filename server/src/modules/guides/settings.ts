import { GUIDE_ELEMENTS, type GuideElementId, type GuideSettings, guideSettingsSchema, type Ownership } from "@kaoping/core";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { systemSettings } from "../../platform/db/schema.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { rerouteOpenDefects } from "./defects.ts";

const KEY = "guides.settings";

/** The office's element weights and owners; elements it has not set keep core's defaults. */
export async function getGuideSettings(db: Db | Tx): Promise<GuideSettings> {
  const [row] = await db.select().from(systemSettings).where(eq(systemSettings.key, KEY));
  return guideSettingsSchema.parse(row?.value ?? {});
}

export async function saveGuideSettings(options: { ctx: CommandContext; settings: GuideSettings }): Promise<GuideSettings> {
  const { ctx, settings } = options;
  const before = await getGuideSettings(ctx.tx);
  await ctx.tx
    .insert(systemSettings)
    .values({ key: KEY, value: settings })
    .onConflictDoUpdate({ target: systemSettings.key, set: { value: settings, updatedAt: new Date() } });
  // An element moved between substantive and procedural: its open defects go to their new owner now.
  const rerouted = await rerouteOpenDefects(ctx.tx, settings);
  await ctx.audit({
    action: "guide.settings.update",
    businessType: "update",
    entityType: "guide_settings",
    entityId: KEY,
    before,
    after: { ...settings, reroutedDefects: rerouted },
  });
  return settings;
}

/** Who owns an element's content (seed 002): the setting, else core's default. */
export function ownershipOf(settings: GuideSettings, element: GuideElementId): Ownership {
  return settings.ownership[element] ?? GUIDE_ELEMENTS[element].ownership;
}
