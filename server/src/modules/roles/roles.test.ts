import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roles, systemSettings } from "../../platform/db/schema.ts";
import { startTestServer, type TestServer } from "../../test/harness.ts";
import { seedRoles } from "./commands.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const permissionsOf = async (code: string) => (await server.database.db.select().from(roles).where(eq(roles.code, code)))[0]!.permissions;

describe("seedRoles", () => {
  it("grants built-in roles the permissions introduced since the last start, and keeps an office's removals", async () => {
    const db = server.database.db;
    // An office removed unit export from viewers; then an upgrade introduced the framework permissions.
    await db
      .update(roles)
      .set({ permissions: (await permissionsOf("viewer")).filter((p) => p !== "system:unit:export" && p !== "assess:framework:read") })
      .where(eq(roles.code, "viewer"));
    const [seen] = await db.select().from(systemSettings).where(eq(systemSettings.key, "permissions_seen"));
    await db
      .update(systemSettings)
      .set({ value: (seen!.value as string[]).filter((p) => !p.startsWith("assess:")) })
      .where(eq(systemSettings.key, "permissions_seen"));

    await seedRoles(db);

    const viewer = await permissionsOf("viewer");
    expect(viewer).toContain("assess:framework:read");
    expect(viewer).not.toContain("system:unit:export");
    expect(await permissionsOf("assessment_admin")).toEqual(
      expect.arrayContaining(["assess:framework:manage", "assess:framework:publish"]),
    );
    // Idempotent: a second start changes nothing.
    await seedRoles(db);
    expect(await permissionsOf("viewer")).toEqual(viewer);
  });
});
