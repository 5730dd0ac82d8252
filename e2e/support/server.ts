import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const E2E_ADMIN = { username: "admin", password: "E2e-Kaoping-Passw0rd!" };

export interface RunningServer {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** Builds the web app when no build is there (CI builds it before `npm test`). */
function ensureWebBuilt(): void {
  if (fs.existsSync(path.join(REPO_ROOT, "web/dist/index.html"))) return;
  const result = spawnSync("npm", ["run", "build", "-w", "@kaoping/web"], { cwd: REPO_ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error("web build failed");
}

/**
 * The real server as users start it (`kaoping serve`), on a free port over a
 * fresh embedded database with the demo data and a known administrator.
 */
export async function startServer(): Promise<RunningServer> {
  ensureWebBuilt();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kaoping-e2e-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    KAOPING_DATA_DIR: dataDir,
    KAOPING_ADMIN_PASSWORD: E2E_ADMIN.password,
    // Each request with its time, for the log a failing step prints (importOutcome).
    LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
  };
  delete env.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, [path.join(REPO_ROOT, "server/bin/kaoping.mjs"), "serve"], { env, cwd: REPO_ROOT });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  // The first start loads the whole demo (two campaigns through the commands): minutes on a loaded machine.
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${log}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    output: () => log,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
