import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { RoleCode, UnitKind } from "@kaoping/core";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { LightMyRequestResponse } from "fastify";
import { seedRoles } from "../modules/roles/commands.ts";
import { createUnit } from "../modules/units/commands.ts";
import { createUser } from "../modules/users/commands.ts";
import { systemPrincipal } from "../platform/auth/principal.ts";
import { type Config, loadConfig } from "../platform/config.ts";
import type { Database } from "../platform/db/client.ts";
import { units, users } from "../platform/db/schema.ts";
import { runCommand } from "../platform/http/command.ts";
import type { App, RegisteredRoute } from "../platform/http/types.ts";
import { createServer } from "../server.ts";
import { openTestDatabase } from "./database.ts";

/** The password every test user gets (passes the complexity policy). */
export const TEST_PASSWORD = "Kaoping-Test-2026!";

export interface TestServer {
  app: App;
  routes: RegisteredRoute[];
  database: Database & { label: string };
  config: Config;
  close(): Promise<void>;
}

/** A server over a fresh migrated database with the built-in roles and nothing else. */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const database = await openTestDatabase();
  await database.migrate();
  await seedRoles(database.db);
  // Evidence goes to a directory of its own per server, removed on close.
  const storageDir = await mkdtemp(path.join(os.tmpdir(), "kaoping-evidence-"));
  const auditCheckpointFile = path.join(storageDir, "audit-checkpoints.jsonl");
  const config = { ...loadConfig({}), loginRateLimitPerMinute: 10_000, storageDir, auditCheckpointFile, ...overrides };
  const { app, routes } = await createServer({ database, config });
  await app.ready();
  return {
    app,
    routes,
    database,
    config,
    close: async () => {
      await app.close();
      await database.close();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}

/** Runs a command as the system (for fixtures: audited like anything else). */
export function asSystem<T>(server: TestServer, fn: Parameters<typeof runCommand<T>>[3]): Promise<T> {
  return runCommand({ db: server.database.db, config: server.config }, systemPrincipal("测试"), null, fn);
}

export async function makeUnit(
  server: TestServer,
  input: { code: string; name?: string; kind?: UnitKind; parentCode?: string | null; isReference?: boolean },
) {
  const [parent] = input.parentCode ? await server.database.db.select().from(units).where(eq(units.code, input.parentCode)) : [];
  return asSystem(server, (ctx) =>
    createUnit({
      ctx,
      input: {
        code: input.code,
        name: input.name ?? `单位 ${input.code}`,
        kind: input.kind ?? "department",
        parentId: parent?.id ?? null,
        isReference: input.isReference ?? false,
        sortOrder: 0,
      },
    }),
  );
}

/**
 * The tree most access tests need:  R (city) ─┬─ A (district) ── A1 (department)
 *                                             └─ B (district) ── B1 (department)
 * Returns unit code → id.
 */
export async function makeUnitTree(server: TestServer): Promise<Map<string, string>> {
  await makeUnit(server, { code: "R", kind: "city" });
  for (const [code, parentCode, kind] of [
    ["A", "R", "district"],
    ["B", "R", "district"],
    ["A1", "A", "department"],
    ["B1", "B", "department"],
  ] as const) {
    await makeUnit(server, { code, parentCode, kind });
  }
  const rows = await server.database.db.select().from(units);
  return new Map(rows.map((u) => [u.code, u.id]));
}

export async function makeUser(server: TestServer, input: { username: string; unitCode: string; roles: RoleCode[] }) {
  const [unit] = await server.database.db.select().from(units).where(eq(units.code, input.unitCode));
  if (!unit) throw new Error(`no unit ${input.unitCode}`);
  return asSystem(server, (ctx) =>
    createUser({
      ctx,
      input: { username: input.username, displayName: input.username, unitId: unit.id, roleCodes: input.roles, password: TEST_PASSWORD },
      mustChangePassword: false,
    }),
  );
}

/** A signed-in client: carries the session cookie and sends the CSRF header on writes. */
export interface Client {
  username: string;
  csrfToken: string;
  cookie: string;
  request(options: { method: string; url: string; payload?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
}

export async function login(server: TestServer, username: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await server.app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === "kp_session");
  const csrfToken = res.json().csrfToken as string;
  const header = `kp_session=${cookie?.value}`;
  return {
    username,
    csrfToken,
    cookie: header,
    request: (options) =>
      server.app.inject({
        method: options.method as "GET",
        url: options.url,
        payload: options.payload as string,
        headers: { cookie: header, "x-csrf-token": csrfToken, ...options.headers },
      }),
  };
}

export async function userId(server: TestServer, username: string): Promise<string> {
  const [row] = await server.database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return row!.id;
}

/** A multipart body with one file field, for import routes. */
export function multipart(
  file: Buffer,
  fileName = "units.xlsx",
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----kaoping${Date.now()}`;
  const fieldParts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const head = Buffer.from(
    fieldParts.join("") +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, file, tail]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

/** An .xlsx with the given header row and data rows (for import tests). */
export async function workbook(headers: string[], rows: (string | number | null)[][], sheetName = "单位"): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(sheetName);
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const UNIT_HEADERS = ["单位编码", "单位名称", "简称", "单位类型", "上级单位编码", "参照评估单位", "状态", "排序"];
