import { PERMISSIONS, PROVINCIAL_CODE_TABLES, serviceGuideSchema } from "@kaoping/core";
import { eq } from "drizzle-orm";
import { importGuides } from "../../modules/guides/commands.ts";
import { getGuideItem } from "../../modules/guides/queries.ts";
import { systemPrincipal } from "../../platform/auth/principal.ts";
import { serviceItems } from "../../platform/db/schema.ts";
import { asSystem, multipart } from "../harness.ts";
import type { Fixture, MatrixRows, Req, Target } from "./types.ts";

const P = PERMISSIONS;
const UNIT = { own: "A", other: "B" } as const;

const guide = (code: string, phone: string) =>
  serviceGuideSchema.parse({
    name: `矩阵事项 ${code}`,
    implementationCode: code,
    consultationPhone: phone,
    supervisionPhone: "0771-12345",
  });

/** A fresh item of the target's unit with two versions on the portal and one in the hall. */
async function item(f: Fixture, t: Target) {
  const code = `M-${f.seq()}`;
  const unitId = f.unit(UNIT[t]);
  for (const [phone, channel] of [
    ["0771-1", "online"],
    ["0771-2", "online"],
    ["0771-3", "offline"],
  ] as const) {
    await asSystem(f.server, (ctx) =>
      importGuides({ ctx, guides: [guide(code, phone)], channel, unitId, importedFrom: "matrix.json", format: "kaoping" }),
    );
  }
  const view = await getGuideItem({ db: f.server.database.db, principal: systemPrincipal() }, await itemId(f, code));
  const [v2, v1] = view.versions.filter((v) => v.channel === "online");
  return { itemId: view.item.id, v1: v1!.id, v2: v2!.id, unitId };
}

async function itemId(f: Fixture, code: string): Promise<string> {
  const [row] = await f.server.database.db.select({ id: serviceItems.id }).from(serviceItems).where(eq(serviceItems.code, code));
  return row!.id;
}

/** Items of both units exist, so a list that leaked would show B. */
async function bothUnits(f: Fixture) {
  await item(f, "own");
  await item(f, "other");
}

function importRequest(f: Fixture, t: Target): Req {
  const body = multipart(Buffer.from(JSON.stringify({ guides: [guide(`I-${f.seq()}`, "0771-9")] })), "guides.json", {
    unitId: f.unit(UNIT[t]),
  });
  return { method: "POST", url: "/api/guides/import", payload: body.payload, headers: body.headers };
}

/** The service-guide registry (办事指南). */
export const GUIDE_ROWS: MatrixRows = {
  "GET /api/guides/checks": { access: P.guideRead, unitScoped: false, request: () => ({ method: "GET", url: "/api/guides/checks" }) },
  "GET /api/guides/items": {
    access: P.guideRead,
    unitScoped: false,
    listsUnits: true,
    request: async (f) => {
      await bothUnits(f);
      return { method: "GET", url: "/api/guides/items?pageSize=500" };
    },
  },
  "GET /api/guides/items/:id": {
    access: P.guideRead,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: `/api/guides/items/${(await item(f, t)).itemId}` }),
  },
  "PATCH /api/guides/items/:id": {
    access: P.guideManage,
    unitScoped: true,
    request: async (f, t) => ({ method: "PATCH", url: `/api/guides/items/${(await item(f, t)).itemId}`, payload: { lineUnitId: null } }),
  },
  "GET /api/guides/versions/:id": {
    access: P.guideRead,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: `/api/guides/versions/${(await item(f, t)).v2}` }),
  },
  "GET /api/guides/items/:id/diff": {
    access: P.guideRead,
    unitScoped: true,
    request: async (f, t) => {
      const { itemId: id, v1, v2 } = await item(f, t);
      return { method: "GET", url: `/api/guides/items/${id}/diff?from=${v1}&to=${v2}` };
    },
  },
  "GET /api/guides/items/:id/consistency": {
    access: P.guideRead,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: `/api/guides/items/${(await item(f, t)).itemId}/consistency` }),
  },
  // The fixture's guides have no http links: nothing leaves the machine.
  "POST /api/guides/items/:id/check-links": {
    access: P.guideImport,
    unitScoped: true,
    request: async (f, t) => ({ method: "POST", url: `/api/guides/items/${(await item(f, t)).itemId}/check-links`, payload: {} }),
  },
  "POST /api/guides/import": { access: P.guideImport, unitScoped: true, request: importRequest },
  "GET /api/guides/import-template": {
    access: P.guideImport,
    unitScoped: false,
    request: () => ({ method: "GET", url: "/api/guides/import-template" }),
  },
  "GET /api/guides/export": {
    access: P.guideRead,
    unitScoped: false,
    request: async (f) => {
      await bothUnits(f);
      return { method: "GET", url: "/api/guides/export?format=json" };
    },
  },
  "GET /api/guides/departments": {
    access: P.guideRead,
    unitScoped: false,
    listsUnits: true,
    request: async (f) => {
      await bothUnits(f);
      return { method: "GET", url: "/api/guides/departments" };
    },
  },
  "GET /api/guides/departments/:id": {
    access: P.guideRead,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: `/api/guides/departments/${(await item(f, t)).unitId}` }),
  },
  "GET /api/guides/settings": { access: P.guideRead, unitScoped: false, request: () => ({ method: "GET", url: "/api/guides/settings" }) },
  "PUT /api/guides/settings": {
    access: P.guideManage,
    unitScoped: false,
    request: () => ({ method: "PUT", url: "/api/guides/settings", payload: { weights: {}, ownership: {} } }),
  },
  "GET /api/guides/code-maps/:source": {
    access: P.guideManage,
    unitScoped: false,
    request: () => ({ method: "GET", url: "/api/guides/code-maps/gx" }),
  },
  "GET /api/guides/code-gaps": {
    access: P.guideManage,
    unitScoped: false,
    request: () => ({ method: "GET", url: "/api/guides/code-gaps?source=gx" }),
  },
  "PUT /api/guides/code-maps/:source": {
    access: P.guideManage,
    unitScoped: false,
    request: () => ({ method: "PUT", url: "/api/guides/code-maps/gx", payload: PROVINCIAL_CODE_TABLES.gx }),
  },
};
