import { createFramework, publishFramework } from "../../modules/frameworks/commands.ts";
import { createGroup } from "../../modules/groups/commands.ts";
import { updateRole } from "../../modules/roles/commands.ts";
import { asSystem, makeUnitTree, makeUser, type TestServer, userId } from "../harness.ts";
import { makeCampaign } from "./campaign-fixture.ts";
import { miniFramework } from "./platform.ts";
import type { Fixture } from "./types.ts";

/**
 * Fixture tree:  R (city) ─┬─ A (district) ── A1 (department)
 *                          └─ B (district) ── B1 (department)
 * The reviewer role's chosen units are A and A1.
 */
export async function buildFixture(server: TestServer): Promise<Fixture> {
  const ids = await makeUnitTree(server);
  await asSystem(server, (ctx) => updateRole({ ctx, code: "reviewer", input: { scopeUnitIds: [ids.get("A")!, ids.get("A1")!] } }));
  await makeUser(server, { username: "probe_login", unitCode: "A", roles: ["viewer"] });
  let n = 0;
  return {
    server,
    unit: (code) => ids.get(code)!,
    seq: () => ++n,
    targetUser: async (code) => {
      const username = `target_${++n}`;
      await makeUser(server, { username, unitCode: code, roles: ["viewer"] });
      return userId(server, username);
    },
    framework: async (status, code) => {
      const row = await asSystem(server, (ctx) => createFramework({ ctx, definition: miniFramework(code ?? `f${++n}`) }));
      if (status === "published") await asSystem(server, (ctx) => publishFramework({ ctx, id: row.id }));
      return row.id;
    },
    group: async (code) => {
      const group = await asSystem(server, (ctx) =>
        createGroup({ ctx, input: { code: `FG${++n}`, name: "分组", ownerUnitId: ids.get(code)!, memberUnitIds: [ids.get(code)!] } }),
      );
      return group.id;
    },
    campaign: (target, stage = "reporting") => makeCampaign({ server, ids, target, stage, seq: () => ++n }),
  };
}
