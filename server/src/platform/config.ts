import { isIP } from "node:net";
import os from "node:os";
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
  /** PostgreSQL connections the server keeps (KAOPING_DB_POOL; default: defaultPoolSize). */
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
  /**
   * Which proxies' X-Forwarded-For fastify believes (KAOPING_TRUST_PROXY):
   * false, the number of proxies in front, or their addresses/CIDRs. Never
   * `true`, which would take the client's word for its own address.
   */
  trustProxy: false | number | string[];
  /** Where evidence files are stored by SHA-256 (outside the web root). */
  storageDir: string;
  /** Audit checkpoints (head seq + hash) kept outside the database, one JSON line each. */
  auditCheckpointFile: string;
  /** How often the server writes a checkpoint when the chain has moved (and always on shutdown). */
  auditCheckpointMinutes: number;
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
  /** Whether the server's link check may open loopback, private and link-local addresses (KAOPING_LINK_CHECK_PRIVATE=true). */
  linkCheckAllowPrivate: boolean;
  /** 找茬 reports accepted per IP per hour. */
  faultReportsPerHour: number;
  /** The public rating page's requests per IP per minute (each of its two routes; a burst guard in memory). */
  ratingBurstPerMinute: number;
  /** Wrong verification codes per case number and IP in an hour before the page refuses (429). */
  ratingCodeAttempts: number;
  /**
   * Whether this process runs the background jobs (imports, clocks after a calendar change).
   * KAOPING_BACKGROUND_JOBS=false for web-only instances beside a worker instance; jobs queue in
   * the database either way.
   */
  backgroundJobs: boolean;
}

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

/** proxy-addr's names for address ranges, accepted in the list besides addresses and CIDRs. */
const PROXY_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** An address, or an address with a prefix length (10.0.0.0/8, fd00::/8), or a proxy-addr range name. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGES.has(entry)) return true;
  const [address = "", bits, extra] = entry.split("/");
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * KAOPING_TRUST_PROXY: unset or "false" trusts no proxy; a whole number is
 * the count of proxies in front (the client address is that many hops from
 * the end of X-Forwarded-For), "true" is one; otherwise a comma-separated
 * list of the proxies' addresses or CIDRs.
 */
export function parseTrustProxy(raw: string | undefined): false | number | string[] {
  const value = raw?.trim() ?? "";
  if (value === "" || value === "false" || value === "0") return false;
  if (value === "true") return 1;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.filter((entry) => !isProxyAddress(entry));
  if (entries.length === 0 || bad.length) {
    throw new Error(`KAOPING_TRUST_PROXY must be false, a number of proxies, or a comma-separated list of addresses/CIDRs, got "${raw}"`);
  }
  return entries;
}

/**
 * What fastify's trustProxy gets. Fastify 5 ignores a bare hop count (it
 * trusts no proxy then: a count cannot tell a proxy from a client that
 * connects directly), so a count becomes the function “the first n hops are
 * proxies”, the usual meaning — which holds only when the server cannot be
 * reached except through those proxies (README). A list is checked against
 * the connecting address and is the safer choice.
 */
export function fastifyTrustProxy(trustProxy: Config["trustProxy"]): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trustProxy !== "number") return trustProxy;
  const hops = trustProxy;
  return (_address, hop) => hop < hops;
}

/**
 * Twice this machine's cores and one, between 5 and 20 (PostgreSQL's own rule of thumb: cores × 2 + disks; the
 * floor leaves the background jobs room beside the requests where a container reports one core, the
 * cap keeps two processes under PostgreSQL's default 100 connections on a large host):
 * transactions beyond what the processors run at once only wait on each other's locks. With 20 on
 * 2 vCPU the public rating page fell behind at 450 ratings/s in three runs of three; with 8 it kept
 * up in three of three, and with 5 it kept 500/s (docs/performance.md, load:rating-page, session 27).
 * Set KAOPING_DB_POOL for the database machine's cores when that is another, larger one.
 */
export const defaultPoolSize = (): number => Math.min(20, Math.max(5, 2 * os.availableParallelism() + 1));

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
    poolSize: intEnv(env, "KAOPING_DB_POOL", defaultPoolSize()),
    webDist: path.resolve(REPO_ROOT, "web/dist"),
    auditAlgorithm: algorithm,
    sessionIdleMinutes: intEnv(env, "KAOPING_SESSION_IDLE_MINUTES", 30),
    sessionAbsoluteHours: intEnv(env, "KAOPING_SESSION_ABSOLUTE_HOURS", 12),
    loginMaxFailures: intEnv(env, "KAOPING_LOGIN_MAX_FAILURES", 5),
    lockoutMinutes: intEnv(env, "KAOPING_LOCKOUT_MINUTES", 15),
    loginRateLimitPerMinute: intEnv(env, "KAOPING_LOGIN_RATE_LIMIT", 20),
    secureCookies: env.KAOPING_SECURE_COOKIES === "true",
    trustProxy: parseTrustProxy(env.KAOPING_TRUST_PROXY),
    storageDir: path.resolve(REPO_ROOT, env.KAOPING_STORAGE_DIR ?? path.join(env.KAOPING_DATA_DIR ?? "data", "evidence")),
    auditCheckpointFile: path.resolve(
      REPO_ROOT,
      env.KAOPING_AUDIT_CHECKPOINT_FILE ?? path.join(env.KAOPING_DATA_DIR ?? "data", "audit-checkpoints.jsonl"),
    ),
    auditCheckpointMinutes: intEnv(env, "KAOPING_AUDIT_CHECKPOINT_MINUTES", 10),
    evidenceMaxBytes: intEnv(env, "KAOPING_EVIDENCE_MAX_MB", 20) * 1024 * 1024,
    evidenceMaxFiles: intEnv(env, "KAOPING_EVIDENCE_MAX_FILES", 20),
    chromiumPath: env.KAOPING_CHROMIUM ?? "/usr/bin/chromium",
    linkCheck: env.KAOPING_LINK_CHECK !== "false",
    linkCheckTimeoutMs: intEnv(env, "KAOPING_LINK_CHECK_TIMEOUT_MS", 5000),
    linkCheckAllowPrivate: env.KAOPING_LINK_CHECK_PRIVATE === "true",
    faultReportsPerHour: intEnv(env, "KAOPING_FAULT_REPORTS_PER_HOUR", 5),
    ratingBurstPerMinute: intEnv(env, "KAOPING_RATING_BURST_PER_MINUTE", 30),
    ratingCodeAttempts: intEnv(env, "KAOPING_RATING_CODE_ATTEMPTS", 10),
    backgroundJobs: env.KAOPING_BACKGROUND_JOBS !== "false",
  };
}
