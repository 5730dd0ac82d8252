/**
 * load:campaign — 200 liaison sessions working on one campaign at once, over
 * real HTTP on loopback: each session loops view to-do → save a self-check
 * report → upload a small evidence file. The server runs in its own process
 * (as in production) on a fresh database; this process only drives it.
 *
 * Prints JSON: requests/s, p50/p99 latency, errors, per route; and the same
 * loop run by a single session first (the baseline), with p99 as a ratio to
 * the baseline's p50. Goal (docs/performance.md): 0 errors, p99 <= 200 ms.
 *
 * A session is a person at a browser: between two requests it pauses for
 * THINK_MS (1000 ms on average, jittered ±50% so sessions do not march in
 * step); THINK_MS=0 hammers the server instead (a stress test, not this goal).
 *
 * LOAD_SESSIONS (200), LOAD_SECONDS (60), BASELINE_SECONDS (10); DATABASE_URL
 * for a real PostgreSQL (its database is used as is: give it an empty one).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer as createNetServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { BUILTIN_FRAMEWORKS, type Framework, frameworkSchema, indicatorIndex } from "@kaoping/core";
import pg from "pg";
import { createCampaign, transitionCampaign } from "../src/modules/campaigns/commands.ts";
import { createFrameworkFromTemplate, publishFramework } from "../src/modules/frameworks/commands.ts";
import { createUnit } from "../src/modules/units/commands.ts";
import { createUser } from "../src/modules/users/commands.ts";
import { systemPrincipal } from "../src/platform/auth/principal.ts";
import { loadConfig } from "../src/platform/config.ts";
import { openDatabase } from "../src/platform/db/client.ts";
import { runCommand } from "../src/platform/http/command.ts";
import { setupDatabase } from "../src/setup.ts";

const SESSIONS = Number(process.env.LOAD_SESSIONS ?? 200);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const BASELINE_SECONDS = Number(process.env.BASELINE_SECONDS ?? 10);
const THINK_MS = Number(process.env.THINK_MS ?? 1000);
const PASSWORD = "Load-Test-2026!";
const TEMPLATE = "gongshu-business-environment";
const here = path.dirname(fileURLToPath(import.meta.url));

/** A tiny valid PDF: enough for content detection, small enough to be cheap. */
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

interface Fixture {
  campaignId: string;
  units: { id: string; username: string }[];
  leaves: string[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createNetServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Units, liaisons, a published Gongshu framework and a campaign in reporting, written straight through the commands. */
async function prepare(env: NodeJS.ProcessEnv): Promise<Fixture> {
  const config = loadConfig(env);
  const database = await openDatabase(config);
  await setupDatabase(database, config, env);
  const run = <T>(fn: Parameters<typeof runCommand<T>>[3]) =>
    runCommand({ db: database.db, config }, systemPrincipal("压测准备"), null, fn);
  const root = await run((ctx) =>
    createUnit({ ctx, input: { code: "LOAD", name: "压测市", kind: "city", parentId: null, isReference: false, sortOrder: 0 } }),
  );
  const units: Fixture["units"] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const unit = await run((ctx) =>
      createUnit({
        ctx,
        input: { code: `LOAD-${i}`, name: `压测单位${i}`, kind: "department", parentId: root.id, isReference: false, sortOrder: i },
      }),
    );
    const username = `load_${i}`;
    await run((ctx) =>
      createUser({
        ctx,
        input: { username, displayName: username, unitId: unit.id, roleCodes: ["unit_liaison"], password: PASSWORD },
        mustChangePassword: false,
      }),
    );
    units.push({ id: unit.id, username });
  }
  const framework = await run((ctx) => createFrameworkFromTemplate({ ctx, templateCode: TEMPLATE }));
  await run((ctx) => publishFramework({ ctx, id: framework.id }));
  const campaign = await run((ctx) =>
    createCampaign({
      ctx,
      input: {
        frameworkId: framework.id,
        name: "压测考核",
        year: 2026,
        issuer: "压测",
        phases: { reportingOpens: "2026-01-01", reportingCloses: "2099-12-31" },
        units: units.map((u) => ({ unitId: u.id })),
        reviewerIds: [],
      },
    }),
  );
  await run((ctx) => transitionCampaign({ ctx, id: campaign.id, to: "reporting" }));
  await database.close();
  const definition = BUILTIN_FRAMEWORKS.find((f) => (f as { code: string }).code === TEMPLATE)!;
  const leaves = [...indicatorIndex(frameworkSchema.parse(definition) as Framework).values()]
    .filter((e) => e.isLeaf)
    .map((e) => e.indicator.code);
  return { campaignId: campaign.id, units, leaves };
}

async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  // LOAD_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (to see where a request's time goes).
  const profile = process.env.LOAD_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.LOAD_CPU_PROF}`] : [];
  const child = spawn(process.execPath, ["--max-semi-space-size=64", ...profile, path.join(here, "../bin/kaoping.mjs"), "serve"], {
    env: { ...env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "error" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error("server did not start within 60 s");
}

interface Session {
  cookie: string;
  csrf: string;
  unitId: string;
  versions: Map<string, number>;
  n: number;
}

interface Stats {
  latencies: Map<string, number[]>;
  errors: Map<string, number>;
  samples: string[];
}

async function login(base: string, username: string, unitId: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith("kp_session="))!
    .split(";")[0]!;
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken, unitId, versions: new Map(), n: 0 };
}

const think = () => (THINK_MS > 0 ? new Promise((r) => setTimeout(r, THINK_MS * (0.5 + Math.random()))) : Promise.resolve());

async function timed(stats: Stats, route: string, fn: () => Promise<Response>): Promise<Response | null> {
  await think();
  const start = performance.now();
  let res: Response | null = null;
  try {
    res = await fn();
    await res.clone().arrayBuffer();
  } catch (error) {
    if (stats.samples.length < 5) stats.samples.push(`${route}: ${(error as Error).message}`);
  }
  const ms = performance.now() - start;
  (stats.latencies.get(route) ?? stats.latencies.set(route, []).get(route)!).push(ms);
  if (!res || !res.ok) {
    stats.errors.set(route, (stats.errors.get(route) ?? 0) + 1);
    if (res && stats.samples.length < 5) stats.samples.push(`${route}: ${res.status} ${(await res.text()).slice(0, 200)}`);
  }
  return res;
}

/** One round of a liaison's work: to-do, a report, a file. */
async function round(base: string, fixture: Fixture, s: Session, stats: Stats): Promise<void> {
  const headers = { cookie: s.cookie, "x-csrf-token": s.csrf };
  await timed(stats, "GET /api/todo", () => fetch(`${base}/api/todo`, { headers }));
  const code = fixture.leaves[s.n % fixture.leaves.length]!;
  const unitBase = `${base}/api/campaigns/${fixture.campaignId}/units/${s.unitId}`;
  const version = s.versions.get(code) ?? 0;
  const saved = await timed(stats, "PUT self-assessment", () =>
    fetch(`${unitBase}/self-assessments/${code}`, {
      method: "PUT",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ completion: "done", narrative: `第 ${s.n} 次保存：已按要求完成。`, version }),
    }),
  );
  if (saved?.ok) s.versions.set(code, ((await saved.json()) as { version: number }).version);
  const form = new FormData();
  form.set("ownerType", "self_assessment");
  form.set("ownerKey", code);
  form.append("files", new Blob([PDF], { type: "application/pdf" }), `佐证-${s.n}.pdf`);
  await timed(stats, "POST evidence", () => fetch(`${unitBase}/evidence`, { method: "POST", headers, body: form }));
  s.n++;
}

const cpuTimes = () =>
  os.cpus().reduce(
    (t, c) => ({
      busy: t.busy + c.times.user + c.times.sys + c.times.irq,
      all: t.all + Object.values(c.times).reduce((a, b) => a + b, 0),
    }),
    { busy: 0, all: 0 },
  );

/**
 * What the machine and the database were doing during a run, to tell where the
 * time goes: the share of CPU busy (server, database and this driver together)
 * and, on PostgreSQL, what its sessions waited on, sampled every second
 * (e.g. "Lock:tuple" = waiting on a row another transaction holds).
 */
function watch() {
  const start = cpuTimes();
  const waits = new Map<string, number>();
  const client = process.env.DATABASE_URL ? new pg.Client({ connectionString: process.env.DATABASE_URL }) : null;
  const ready = client?.connect();
  const timer = setInterval(async () => {
    if (!client) return;
    await ready;
    const { rows } = await client.query<{ wait: string; n: number }>(
      `select coalesce(wait_event_type || ':' || wait_event, 'cpu') || ' (' || state || ')' as wait, count(*)::int as n
       from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() group by 1`,
    );
    for (const r of rows) waits.set(r.wait, (waits.get(r.wait) ?? 0) + r.n);
  }, 1000);
  return async () => {
    clearInterval(timer);
    await client?.end();
    const end = cpuTimes();
    const top = [...waits].sort((a, b) => b[1] - a[1]).slice(0, 6);
    return {
      machineCpuBusyPercent: round1((100 * (end.busy - start.busy)) / Math.max(1, end.all - start.all)),
      ...(client ? { databaseSessionsSampled: Object.fromEntries(top) } : {}),
    };
  };
}

async function drive(base: string, fixture: Fixture, sessions: Session[], seconds: number) {
  const stats: Stats = { latencies: new Map(), errors: new Map(), samples: [] };
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  const stop = watch();
  await Promise.all(
    sessions.map(async (s) => {
      while (performance.now() < until) await round(base, fixture, s, stats);
    }),
  );
  return { stats, elapsed: (performance.now() - started) / 1000, observed: await stop() };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round1 = (n: number) => Math.round(n * 10) / 10;

function summarise({ stats, elapsed, observed }: Awaited<ReturnType<typeof drive>>) {
  const all = [...stats.latencies.values()].flat().sort((a, b) => a - b);
  const errors = [...stats.errors.values()].reduce((a, b) => a + b, 0);
  return {
    requests: all.length,
    requestsPerSecond: round1(all.length / elapsed),
    p50Ms: round1(percentile(all, 50)),
    p99Ms: round1(percentile(all, 99)),
    errors,
    routes: Object.fromEntries(
      [...stats.latencies].map(([route, list]) => {
        const sorted = [...list].sort((a, b) => a - b);
        return [
          route,
          {
            requests: list.length,
            p50Ms: round1(percentile(sorted, 50)),
            p99Ms: round1(percentile(sorted, 99)),
            errors: stats.errors.get(route) ?? 0,
          },
        ];
      }),
    ),
    ...observed,
    ...(stats.samples.length ? { errorSamples: stats.samples } : {}),
  };
}

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "kaoping-load-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KAOPING_DATA_DIR: dataDir,
    KAOPING_STORAGE_DIR: path.join(dataDir, "evidence"),
    KAOPING_DEMO: "false",
    KAOPING_ADMIN_PASSWORD: PASSWORD,
    KAOPING_LOGIN_RATE_LIMIT: "1000000",
    KAOPING_EVIDENCE_MAX_FILES: "100000",
  };
  let child: ChildProcess | undefined;
  try {
    const fixture = await prepare(env);
    const port = await freePort();
    child = await startServer(env, port);
    const base = `http://127.0.0.1:${port}`;
    const sessions: Session[] = [];
    for (const unit of fixture.units) sessions.push(await login(base, unit.username, unit.id));
    const baseline = summarise(await drive(base, fixture, sessions.slice(0, 1), BASELINE_SECONDS));
    const load = summarise(await drive(base, fixture, sessions, SECONDS));
    console.log(
      JSON.stringify(
        {
          benchmark: "load:campaign",
          database: process.env.DATABASE_URL ? "postgresql" : "pglite",
          sessions: SESSIONS,
          seconds: SECONDS,
          thinkMs: THINK_MS,
          ...load,
          baseline: { sessions: 1, seconds: BASELINE_SECONDS, ...baseline },
          p99ToBaselineP50: round1(load.p99Ms / Math.max(baseline.p50Ms, 0.1)),
          goal: { errors: 0, p99Ms: 200, met: load.errors === 0 && load.p99Ms <= 200 },
        },
        null,
        2,
      ),
    );
  } finally {
    child?.kill("SIGTERM");
    await new Promise((r) => (child && child.exitCode === null ? child.once("exit", r) : r(null)));
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
