import { BUILTIN_FRAMEWORKS, frameworkSchema, PERMISSIONS } from "@kaoping/core";
import { and, eq } from "drizzle-orm";
import { exportFrameworkWorkbook } from "../../modules/frameworks/transfer.ts";
import { frameworks } from "../../platform/db/schema.ts";
import { multipart, TEST_PASSWORD, UNIT_HEADERS, workbook } from "../harness.ts";
import type { MatrixRows } from "./types.ts";

const P = PERMISSIONS;
const TEMPLATE_CODE = BUILTIN_FRAMEWORKS.map((f) => (f as { code: string }).code)[0] ?? "none";

/** A one-indicator framework, enough for the framework routes. */
export const miniFramework = (code: string) => ({
  code: `matrix-${code}`,
  name: "矩阵测试",
  year: 2026,
  facts: [{ key: "misses", label: "遗漏", type: "count" }],
  indicators: [
    {
      code: "1",
      name: "一",
      points: "1",
      rules: [{ id: "r1", kind: "per_count", effect: "deduct", fact: "misses", amount: "0.5", text: "每发现一处扣0.5分" }],
    },
  ],
});
export const OWN = { own: "A", other: "B" } as const;

/** Platform and framework routes. */
export const PLATFORM_ROWS: MatrixRows = {
  "GET /api/health": { access: "public", unitScoped: false, request: () => ({ method: "GET", url: "/api/health" }) },
  "POST /api/auth/login": {
    access: "public",
    unitScoped: false,
    request: () => ({ method: "POST", url: "/api/auth/login", payload: { username: "probe_login", password: TEST_PASSWORD } }),
  },
  "GET /api/auth/me": { access: "authenticated", unitScoped: false, request: () => ({ method: "GET", url: "/api/auth/me" }) },
  "POST /api/auth/logout": { access: "authenticated", unitScoped: false, request: () => ({ method: "POST", url: "/api/auth/logout" }) },
  "POST /api/auth/password": {
    access: "authenticated",
    unitScoped: false,
    request: (f) => ({
      method: "POST",
      url: "/api/auth/password",
      payload: { currentPassword: TEST_PASSWORD, newPassword: `Changed-${f.seq()}-Pass!` },
    }),
  },
  "GET /api/units": {
    access: P.unitRead,
    unitScoped: true,
    listsUnits: true,
    request: (f, t) => ({ method: "GET", url: `/api/units?pageSize=500${t === "other" ? `&under=${f.unit("B")}` : ""}` }),
  },
  "GET /api/units/tree": {
    access: P.unitRead,
    unitScoped: false,
    listsUnits: true,
    request: () => ({ method: "GET", url: "/api/units/tree" }),
  },
  "GET /api/units/:id": {
    access: P.unitRead,
    unitScoped: true,
    request: (f, t) => ({ method: "GET", url: `/api/units/${f.unit(OWN[t])}` }),
  },
  "POST /api/units": {
    access: P.unitCreate,
    unitScoped: true,
    request: (f, t) => ({
      method: "POST",
      url: "/api/units",
      payload: { code: `N${f.seq()}`, name: "新单位", kind: "department", parentId: f.unit(OWN[t]) },
    }),
  },
  "PATCH /api/units/:id": {
    access: P.unitUpdate,
    unitScoped: true,
    request: (f, t) => ({ method: "PATCH", url: `/api/units/${f.unit(OWN[t])}`, payload: { sortOrder: f.seq() } }),
  },
  "GET /api/units/export": {
    access: P.unitExport,
    unitScoped: true,
    request: (f, t) => ({ method: "GET", url: `/api/units/export?under=${f.unit(t === "own" ? "A" : "B")}` }),
  },
  "GET /api/units/import-template": {
    access: P.unitImport,
    unitScoped: false,
    request: () => ({ method: "GET", url: "/api/units/import-template" }),
  },
  "POST /api/units/import": {
    access: P.unitImport,
    unitScoped: true,
    request: async (f, t) => {
      const file = await workbook(UNIT_HEADERS, [[`I${f.seq()}`, "导入单位", "", "部门", OWN[t], "", "", ""]]);
      const body = multipart(file);
      return { method: "POST", url: "/api/units/import", payload: body.payload, headers: body.headers };
    },
  },
  "GET /api/groups": { access: P.groupRead, unitScoped: false, request: () => ({ method: "GET", url: "/api/groups" }) },
  "GET /api/groups/:id": {
    access: P.groupRead,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: `/api/groups/${await f.group(t === "own" ? "A" : "B")}` }),
  },
  "POST /api/groups": {
    access: P.groupManage,
    unitScoped: true,
    request: (f, t) => ({
      method: "POST",
      url: "/api/groups",
      payload: { code: `G${f.seq()}`, name: "分组", ownerUnitId: f.unit(t === "own" ? "A" : "B"), memberUnitIds: [f.unit(OWN[t])] },
    }),
  },
  "PATCH /api/groups/:id": {
    access: P.groupManage,
    unitScoped: true,
    request: async (f, t) => ({ method: "PATCH", url: `/api/groups/${await f.group(t === "own" ? "A" : "B")}`, payload: { name: "改名" } }),
  },
  "DELETE /api/groups/:id": {
    access: P.groupManage,
    unitScoped: true,
    request: async (f, t) => ({ method: "DELETE", url: `/api/groups/${await f.group(t === "own" ? "A" : "B")}` }),
  },
  "GET /api/users": {
    access: P.userRead,
    unitScoped: true,
    request: (f, t) => ({ method: "GET", url: t === "own" ? "/api/users" : `/api/users?unitId=${f.unit("B")}` }),
  },
  "GET /api/users/:id": {
    access: P.userRead,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: `/api/users/${await f.targetUser(OWN[t])}` }),
  },
  "POST /api/users": {
    access: P.userManage,
    unitScoped: true,
    request: (f, t) => ({
      method: "POST",
      url: "/api/users",
      payload: {
        username: `new_${f.seq()}`,
        displayName: "新用户",
        unitId: f.unit(OWN[t]),
        roleCodes: ["viewer"],
        password: TEST_PASSWORD,
      },
    }),
  },
  "PATCH /api/users/:id": {
    access: P.userManage,
    unitScoped: true,
    request: async (f, t) => ({ method: "PATCH", url: `/api/users/${await f.targetUser(OWN[t])}`, payload: { displayName: "改名" } }),
  },
  "POST /api/users/:id/reset-password": {
    access: P.userManage,
    unitScoped: true,
    request: async (f, t) => ({
      method: "POST",
      url: `/api/users/${await f.targetUser(OWN[t])}/reset-password`,
      payload: { password: `Reset-${f.seq()}-Pass!` },
    }),
  },
  "POST /api/users/:id/unlock": {
    access: P.userManage,
    unitScoped: true,
    request: async (f, t) => ({ method: "POST", url: `/api/users/${await f.targetUser(OWN[t])}/unlock` }),
  },
  "GET /api/roles": { access: P.roleRead, unitScoped: false, request: () => ({ method: "GET", url: "/api/roles" }) },
  "PATCH /api/roles/:code": {
    access: P.roleManage,
    unitScoped: false,
    request: () => ({ method: "PATCH", url: "/api/roles/viewer", payload: { dataScope: "all" } }),
  },
  "GET /api/frameworks": { access: P.frameworkRead, unitScoped: false, request: () => ({ method: "GET", url: "/api/frameworks" }) },
  "GET /api/frameworks/templates": {
    access: P.frameworkRead,
    unitScoped: false,
    request: () => ({ method: "GET", url: "/api/frameworks/templates" }),
  },
  "GET /api/frameworks/:id": {
    access: P.frameworkRead,
    unitScoped: false,
    request: async (f) => ({ method: "GET", url: `/api/frameworks/${await f.framework("published")}` }),
  },
  "POST /api/frameworks/validate": {
    access: P.frameworkRead,
    unitScoped: false,
    request: (f) => ({ method: "POST", url: "/api/frameworks/validate", payload: { definition: miniFramework(`v${f.seq()}`) } }),
  },
  "POST /api/frameworks/preview": {
    access: P.frameworkRead,
    unitScoped: false,
    request: () => ({
      method: "POST",
      url: "/api/frameworks/preview",
      payload: { definition: miniFramework("preview"), units: [{ code: "A" }], facts: { A: { values: { misses: 1 } } } },
    }),
  },
  "POST /api/frameworks": {
    access: P.frameworkManage,
    unitScoped: false,
    request: (f) => ({ method: "POST", url: "/api/frameworks", payload: { definition: miniFramework(`m${f.seq()}`) } }),
  },
  "POST /api/frameworks/from-template": {
    access: P.frameworkManage,
    unitScoped: false,
    request: async (f) => {
      // One open draft per code: clear the previous role's draft so each role's call stands alone.
      await f.server.database.db.delete(frameworks).where(and(eq(frameworks.code, TEMPLATE_CODE), eq(frameworks.status, "draft")));
      return { method: "POST", url: "/api/frameworks/from-template", payload: { templateCode: TEMPLATE_CODE } };
    },
  },
  "PUT /api/frameworks/:id": {
    access: P.frameworkManage,
    unitScoped: false,
    request: async (f) => {
      const code = `d${f.seq()}`;
      return {
        method: "PUT",
        url: `/api/frameworks/${await f.framework("draft", code)}`,
        payload: { definition: { ...miniFramework(code), name: "改名" } },
      };
    },
  },
  "POST /api/frameworks/:id/versions": {
    access: P.frameworkManage,
    unitScoped: false,
    request: async (f) => ({ method: "POST", url: `/api/frameworks/${await f.framework("published")}/versions`, payload: { year: 2030 } }),
  },
  "DELETE /api/frameworks/:id": {
    access: P.frameworkManage,
    unitScoped: false,
    request: async (f) => ({ method: "DELETE", url: `/api/frameworks/${await f.framework("draft")}` }),
  },
  "POST /api/frameworks/:id/publish": {
    access: P.frameworkPublish,
    unitScoped: false,
    request: async (f) => ({ method: "POST", url: `/api/frameworks/${await f.framework("draft")}/publish` }),
  },
  "POST /api/frameworks/:id/archive": {
    access: P.frameworkPublish,
    unitScoped: false,
    request: async (f) => ({ method: "POST", url: `/api/frameworks/${await f.framework("published")}/archive` }),
  },
  "GET /api/frameworks/import-template": {
    access: P.frameworkRead,
    unitScoped: false,
    request: () => ({ method: "GET", url: "/api/frameworks/import-template" }),
  },
  "GET /api/frameworks/:id/export": {
    access: P.frameworkRead,
    unitScoped: false,
    request: async (f) => ({ method: "GET", url: `/api/frameworks/${await f.framework("published")}/export` }),
  },
  "POST /api/frameworks/import": {
    access: P.frameworkManage,
    unitScoped: false,
    request: async (f) => {
      const body = multipart(await exportFrameworkWorkbook(frameworkSchema.parse(miniFramework(`x${f.seq()}`))), "framework.xlsx");
      return { method: "POST", url: "/api/frameworks/import", payload: body.payload, headers: body.headers };
    },
  },
  "GET /api/audit": { access: P.auditRead, unitScoped: false, request: () => ({ method: "GET", url: "/api/audit" }) },
  "GET /api/audit/export": { access: P.auditExport, unitScoped: false, request: () => ({ method: "GET", url: "/api/audit/export" }) },
  "GET /api/audit/verify": { access: P.auditVerify, unitScoped: false, request: () => ({ method: "GET", url: "/api/audit/verify" }) },
};
