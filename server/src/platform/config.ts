import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root: server/src/platform → ../../.. */
export const REPO_ROOT = path.resolve(here, "../../..");

export type HashAlgorithm = "sm3" | "sha256";

export interface Config {
  port: number;
  host: string;
  /** A real PostgreSQL when set; otherwise the embedded PGlite under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  webDist: string;
  auditAlgorithm: HashAlgorithm;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginMaxFailures: number;
  lockoutMinutes: number;
  loginRateLimitPerMinute: number;
  /** Send cookies with Secure (behind HTTPS). */
  secureCookies: boolean;
  trustProxy: boolean;
}

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

/** Reads configuration from the environment, once, with documented defaults (README). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const algorithm = (env.KAOPING_AUDIT_HASH ?? "sm3").toLowerCase();
  if (algorithm !== "sm3" && algorithm !== "sha256") {
    throw new Error(`KAOPING_AUDIT_HASH must be sm3 or sha256, got "${algorithm}"`);
  }
  return {
    port: intEnv(env, "PORT", 3000),
    host: env.HOST ?? "0.0.0.0",
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(REPO_ROOT, env.KAOPING_DATA_DIR ?? "data"),
    webDist: path.resolve(REPO_ROOT, "web/dist"),
    auditAlgorithm: algorithm,
    sessionIdleMinutes: intEnv(env, "KAOPING_SESSION_IDLE_MINUTES", 30),
    sessionAbsoluteHours: intEnv(env, "KAOPING_SESSION_ABSOLUTE_HOURS", 12),
    loginMaxFailures: intEnv(env, "KAOPING_LOGIN_MAX_FAILURES", 5),
    lockoutMinutes: intEnv(env, "KAOPING_LOCKOUT_MINUTES", 15),
    loginRateLimitPerMinute: intEnv(env, "KAOPING_LOGIN_RATE_LIMIT", 20),
    secureCookies: env.KAOPING_SECURE_COOKIES === "true",
    trustProxy: env.KAOPING_TRUST_PROXY === "true",
  };
}
