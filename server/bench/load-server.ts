/**
 * What the load scripts share: a free loopback port, the real server started as users start it
 * (`kaoping serve`, its own process), a percentile of sorted latencies, and the machine's CPU
 * counters (to tell how busy it was during a run).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import http from "node:http";
import { createServer as createNetServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createNetServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
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

/** Stops the server a load script started (waiting for it to exit) and removes its data directory. */
export async function stopServer(child: ChildProcess | undefined, dataDir: string): Promise<void> {
  child?.kill("SIGTERM");
  await new Promise((r) => (child && child.exitCode === null ? child.once("exit", r) : r(null)));
  await rm(dataDir, { recursive: true, force: true });
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export const cpuTimes = () =>
  os.cpus().reduce(
    (t, c) => ({
      busy: t.busy + c.times.user + c.times.sys + c.times.irq,
      all: t.all + Object.values(c.times).reduce((a, b) => a + b, 0),
    }),
    { busy: 0, all: 0 },
  );

const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

/**
 * A JSON POST over kept-alive loopback connections with node:http: the driver shares the machine's
 * cores with the server and the database, and `fetch` (undici's full WHATWG stack) cost it about
 * twice the CPU per request — CPU the system under test then did not have (docs/performance.md).
 */
export function postJson(url: string, body: object): Promise<{ status: number; text: string }> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: "POST", agent, headers: { "content-type": "application/json", "content-length": payload.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}
