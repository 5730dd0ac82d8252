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
  /** PostgreSQL connections the server keeps (KAOPING_DB_POOL). */
  poolSize: number;
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
  /** Where evidence files are stored by SHA-256 (outside the web root). */
  storageDir: string;
  /** Largest evidence file, in bytes. */
  evidenceMaxBytes: number;
  /** Most current evidence files on one report, finding or appeal. */
  evidenceMaxFiles: number;
  /** Chromium for PDFs; PDFs answer 503 with a clear message when it is absent. */
  chromiumPath: string;
  /** Whether the server may open guides' links to test them (KAOPING_LINK_CHECK=false forbids it, e.g. on an isolated network). */
  linkCheck: boolean;
  /** Per link, in ms. */
  linkCheckTimeoutMs: number;
  /** 找茬 reports accepted per IP per hour. */
  faultReportsPerHour: number;
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
    poolSize: intEnv(env, "KAOPING_DB_POOL", 20),
    webDist: path.resolve(REPO_ROOT, "web/dist"),
    auditAlgorithm: algorithm,
    sessionIdleMinutes: intEnv(env, "KAOPING_SESSION_IDLE_MINUTES", 30),
    sessionAbsoluteHours: intEnv(env, "KAOPING_SESSION_ABSOLUTE_HOURS", 12),
    loginMaxFailures: intEnv(env, "KAOPING_LOGIN_MAX_FAILURES", 5),
    lockoutMinutes: intEnv(env, "KAOPING_LOCKOUT_MINUTES", 15),
    loginRateLimitPerMinute: intEnv(env, "KAOPING_LOGIN_RATE_LIMIT", 20),
    secureCookies: env.KAOPING_SECURE_COOKIES === "true",
    trustProxy: env.KAOPING_TRUST_PROXY === "true",
    storageDir: path.resolve(REPO_ROOT, env.KAOPING_STORAGE_DIR ?? path.join(env.KAOPING_DATA_DIR ?? "data", "evidence")),
    evidenceMaxBytes: intEnv(env, "KAOPING_EVIDENCE_MAX_MB", 20) * 1024 * 1024,
    evidenceMaxFiles: intEnv(env, "KAOPING_EVIDENCE_MAX_FILES", 20),
    chromiumPath: env.KAOPING_CHROMIUM ?? "/usr/bin/chromium",
    linkCheck: env.KAOPING_LINK_CHECK !== "false",
    linkCheckTimeoutMs: intEnv(env, "KAOPING_LINK_CHECK_TIMEOUT_MS", 5000),
    faultReportsPerHour: intEnv(env, "KAOPING_FAULT_REPORTS_PER_HOUR", 5),
  };
}
