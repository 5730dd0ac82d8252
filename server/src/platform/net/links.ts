import { lookup as dnsLookup } from "node:dns/promises";
import { isIP, type LookupFunction } from "node:net";
import { type GuideFinding, guideLinks, type LinkResult, linkFindings, type ServiceGuide } from "@kaoping/core";
import { Agent, fetch as undiciFetch } from "undici";

/**
 * Whether links open: each distinct URL once, a HEAD first and a GET when the
 * HEAD answer may be the server's HEAD handling rather than the link, with a
 * timeout per request and a limit on requests at once, overall and per host
 * (government portals are small servers; a batch of guides must not flood one).
 * Redirects are followed here, hop by hop (at most MAX_REDIRECTS), so the
 * server can refuse a hop to an internal address (blockPrivateAddresses).
 */

export interface CheckUrlsOptions {
  /** Per request (HEAD and GET each); default 5000. */
  timeoutMs?: number;
  /** Requests at once overall; default 8. */
  concurrency?: number;
  /** Requests at once per host name; default 2. */
  perHostConcurrency?: number;
  userAgent?: string;
  fetchImpl?: typeof fetch;
  /**
   * Refuse, without a request, every host that is or resolves to a loopback,
   * private, link-local, unique-local or unspecified address (isPrivateAddress),
   * at each redirect hop too, and connect only to addresses so checked (no
   * DNS rebinding; with the default fetch); the result is reason "network", detail
   * PRIVATE_ADDRESS_REFUSED. Default false: the CLI, run by an operator on
   * their own machine, may check an intranet portal. The server turns it on,
   * or a guide's link would make it probe its own network (SSRF).
   */
  blockPrivateAddresses?: boolean;
  /** The whole batch, in ms; default 60 000. Then requests in flight are aborted and URLs not yet begun get "timeout" unrequested. */
  totalTimeoutMs?: number;
  /** Every address of a host name (default: node:dns lookup, all addresses); only used with blockPrivateAddresses, for the check and the connection. A seam for tests. */
  lookup?: (hostname: string) => Promise<readonly string[]>;
}

interface Settings {
  timeoutMs: number;
  concurrency: number;
  perHost: number;
  userAgent: string;
  fetch: typeof fetch;
  blockPrivate: boolean;
  lookup: (hostname: string) => Promise<readonly string[]>;
  /** Aborts at the batch's total deadline. */
  deadline: AbortSignal;
}

const USER_AGENT = "Mozilla/5.0 (compatible; Kaoping-LinkCheck/1.0)";

/** A positive whole number, else the default: a bad option must not turn into “no limit” or “no time”. */
const positive = (value: number | undefined, fallback: number) =>
  value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;

const systemLookup = async (hostname: string) => (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

function settingsOf(options: CheckUrlsOptions): Settings {
  return {
    timeoutMs: positive(options.timeoutMs, 5000),
    concurrency: positive(options.concurrency, 8),
    perHost: positive(options.perHostConcurrency, 2),
    userAgent: options.userAgent ?? USER_AGENT,
    fetch: options.fetchImpl ?? fetch,
    blockPrivate: options.blockPrivateAddresses === true,
    lookup: options.lookup ?? systemLookup,
    deadline: AbortSignal.timeout(positive(options.totalTimeoutMs, 60_000)),
  };
}

/* ---------------------------------------------------------------------------
 * Addresses the server must not open (blockPrivateAddresses).
 * ------------------------------------------------------------------------- */

/** The detail of a link refused because its host is (or resolves to) an internal address. */
export const PRIVATE_ADDRESS_REFUSED = "不检查内网地址";

/** The four bytes of a dotted IPv4 address, or null. */
function ipv4Bytes(text: string): number[] | null {
  if (isIP(text) !== 4) return null;
  return text.split(".").map(Number);
}

/** The eight 16-bit groups of an IPv6 address (brackets and zone id dropped), or null when it is not one. */
export function ipv6Groups(text: string): number[] | null {
  let rest = text.replace(/^\[(.*)\]$/, "$1");
  const zone = rest.indexOf("%");
  if (zone >= 0) rest = rest.slice(0, zone);
  if (isIP(rest) !== 6) return null;
  // A dotted IPv4 tail (::ffff:127.0.0.1) is the last two groups.
  const tail: number[] = [];
  const lastColon = rest.lastIndexOf(":");
  const v4 = ipv4Bytes(rest.slice(lastColon + 1));
  if (v4) {
    tail.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    rest = rest.slice(0, lastColon + 1);
    if (!rest.endsWith("::")) rest = rest.slice(0, -1);
  }
  const groups = (part: string) => (part ? part.split(":").map((h) => Number.parseInt(h, 16)) : []);
  const gap = rest.indexOf("::");
  if (gap < 0) return [...groups(rest), ...tail];
  const head = groups(rest.slice(0, gap));
  const after = groups(rest.slice(gap + 2));
  return [...head, ...Array<number>(8 - head.length - after.length - tail.length).fill(0), ...after, ...tail];
}

/**
 * IPv4 networks refused: “this network” and unspecified (0/8), private (10/8,
 * 172.16/12, 192.168/16), loopback (127/8), link-local (169.254/16, where the
 * clouds' metadata services answer) and shared address space (100.64/10:
 * carrier NAT, and Alibaba Cloud's metadata service at 100.100.100.200).
 */
const INTERNAL_V4: readonly (readonly [number, number])[] = [
  [0x00000000, 8],
  [0x0a000000, 8],
  [0x64400000, 10],
  [0x7f000000, 8],
  [0xa9fe0000, 16],
  [0xac100000, 12],
  [0xc0a80000, 16],
];

function internalV4(bytes: readonly number[]): boolean {
  const value = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  return INTERNAL_V4.some(([net, bits]) => value >>> (32 - bits) === net >>> (32 - bits));
}

/**
 * Whether an address is one the server must not open: the IPv4 networks
 * above; IPv6 unspecified (::) and loopback (::1), link-local (fe80::/10),
 * deprecated site-local (fec0::/10), unique-local (fc00::/7), and IPv4
 * embedded in IPv6 — mapped (::ffff:0:0/96), compatible (::/96) and NAT64
 * (64:ff9b::/96) — judged by its IPv4 address. What is not an address at all
 * counts as internal: refusing is the safe answer.
 */
export function isPrivateAddress(address: string): boolean {
  const v4 = ipv4Bytes(address);
  if (v4) return internalV4(v4);
  const g = ipv6Groups(address);
  if (!g) return true;
  const embedded = [g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff];
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeros(5) && (g[5] === 0xffff || g[5] === 0)) return internalV4(embedded);
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return internalV4(embedded);
  return (g[0]! & 0xffc0) === 0xfe80 || (g[0]! & 0xffc0) === 0xfec0 || (g[0]! & 0xfe00) === 0xfc00;
}

/** A promise that rejects when the signal aborts first (dns lookups take no signal). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * Whether the URL's host may be opened: an address literal is judged as it
 * is (URL has already normalised 0x7f.1 or 2130706433 to 127.0.0.1), a name
 * by every address it resolves to — one internal address refuses it.
 * This spares the request; the connection checks again (pinnedFetch), since a
 * name may resolve differently a moment later.
 */
async function hostAllowed(url: string, settings: Settings, signal: AbortSignal): Promise<boolean> {
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, "$1");
  const addresses = isIP(host) ? [host] : await untilAborted(settings.lookup(host), signal);
  if (addresses.length === 0) throw Object.assign(new Error(`${host} has no address`), { code: "ENOTFOUND" });
  return !addresses.some(isPrivateAddress);
}

/**
 * The lookup the connection itself uses when internal addresses are refused:
 * the addresses checked are the ones connected to, so a name server that
 * answered a public address for hostAllowed and answers an internal one now
 * (DNS rebinding, TTL 0) is refused at connect.
 */
export function guardedLookup(lookup: (hostname: string) => Promise<readonly string[]>): LookupFunction {
  return (hostname, options, callback) => {
    // The answer leaves the promise chain, as dns.lookup's does: a throw in net's callback must not become a rejection.
    const answer = (...args: Parameters<typeof callback>) => process.nextTick(() => callback(...args));
    const refuse = (code: string) => answer(Object.assign(new Error(`${hostname}: ${code}`), { code }), "", 0);
    lookup(hostname).then(
      (all) => {
        const addresses = all.filter((a) => !options.family || isIP(a) === options.family);
        if (addresses.length === 0) return refuse("ENOTFOUND");
        if (addresses.some(isPrivateAddress)) return refuse(PRIVATE_ADDRESS_REFUSED);
        if (options.all)
          answer(
            null,
            addresses.map((address) => ({ address, family: isIP(address) })),
          );
        else answer(null, addresses[0]!, isIP(addresses[0]!));
      },
      (error: NodeJS.ErrnoException) => answer(error, "", 0),
    );
  };
}

/** fetch over connections that open only addresses guardedLookup allowed; `close` when the batch is done. */
function pinnedFetch(lookup: Settings["lookup"]): { fetch: typeof fetch; close: () => Promise<void> } {
  const agent = new Agent({ connect: { lookup: guardedLookup(lookup) } });
  // attempt() passes a URL string and plain options, never a Request.
  const pinned = (url: string, init?: RequestInit) =>
    undiciFetch(url, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher: agent });
  return { fetch: pinned as unknown as typeof fetch, close: () => agent.destroy() };
}

/** How one request ended. */
type Attempt = { kind: "status"; status: number } | { kind: "timeout" } | { kind: "error"; code: string };

/**
 * undici puts the socket error in `cause` (an AggregateError when several
 * addresses were tried); a dns lookup error carries its own `code`.
 */
function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown; errors?: { code?: unknown }[] } }).cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code ?? (error as { code?: unknown }).code;
  if (typeof code === "string") return code;
  if (typeof cause?.message === "string" && cause.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** Redirects followed per request, after the first answer. */
const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The next hop of a redirect, or null when its Location is not an http(s) URL. */
function redirectTarget(location: string, from: string): string | null {
  try {
    const next = new URL(location, from).href;
    return isHttp(next) ? next : null;
  } catch {
    return null;
  }
}

/**
 * One request (HEAD or GET) with its redirects, under one timeout (which
 * also covers the name lookups) and the batch's deadline.
 */
async function attempt(url: string, method: "HEAD" | "GET", settings: Settings): Promise<Attempt> {
  const signal = AbortSignal.any([AbortSignal.timeout(settings.timeoutMs), settings.deadline]);
  try {
    let current = url;
    for (let hop = 0; ; hop++) {
      if (settings.blockPrivate && !(await hostAllowed(current, settings, signal))) return { kind: "error", code: PRIVATE_ADDRESS_REFUSED };
      const response = await settings.fetch(current, {
        method,
        redirect: "manual",
        signal,
        headers: { "user-agent": settings.userAgent, accept: "*/*" },
      });
      // Only the status matters: dropping the body frees the connection without downloading a form.
      await response.body?.cancel().catch(() => {});
      const location = response.headers.get("location");
      // A 3xx without a Location (or a 300/304) is final: the server did answer.
      if (!REDIRECTS.has(response.status) || location === null) return { kind: "status", status: response.status };
      if (hop === MAX_REDIRECTS) return { kind: "error", code: `重定向超过 ${MAX_REDIRECTS} 次` };
      const next = redirectTarget(location, current);
      if (next === null) return { kind: "error", code: "重定向到非 http(s) 地址" };
      current = next;
    }
  } catch (error) {
    return signal.aborted ? { kind: "timeout" } : { kind: "error", code: errorCode(error) };
  }
}

/** Connection-level failures some servers give HEAD only (a reset, a response the parser rejects). */
const HEAD_ONLY_FAILURE = /^(?:ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_RES_CONTENT_LENGTH_MISMATCH|HPE_\w+)$/;

/**
 * A HEAD answer is trusted only when the link works: servers answer HEAD with
 * 405/501, and some frameworks 403/404, for pages a browser opens. A dead-link
 * finding counts against a department, so a refusal is checked with a GET.
 * A timeout or a refused connection is not retried: GET would wait the same.
 */
function getMayHelp(head: Attempt): boolean {
  if (head.kind === "status") return head.status >= 400;
  return head.kind === "error" && HEAD_ONLY_FAILURE.test(head.code);
}

function resultOf(url: string, outcome: Attempt, ms: number): LinkResult {
  if (outcome.kind === "timeout") return { url, ok: false, reason: "timeout", ms };
  if (outcome.kind === "error") return { url, ok: false, reason: "network", detail: outcome.code, ms };
  // Redirects have been followed: a 3xx left is final (304, or no Location) and the server did answer.
  if (outcome.status < 400) return { url, ok: true, status: outcome.status, ms };
  return { url, ok: false, status: outcome.status, reason: "http", ms };
}

const isHttp = (url: string) => /^https?:\/\//i.test(url) && URL.canParse(url);

async function checkUrl(url: string, settings: Settings): Promise<LinkResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  if (!isHttp(url)) return { url, ok: false, reason: "network", detail: "不是有效的 http(s) 地址", ms: 0 };
  // Past the batch's deadline: not requested at all.
  if (settings.deadline.aborted) return { url, ok: false, reason: "timeout", ms: 0 };
  const head = await attempt(url, "HEAD", settings);
  const final = getMayHelp(head) ? await attempt(url, "GET", settings) : head;
  return resultOf(url, final, elapsed());
}

/** The key for the per-host limit: the host name (ports of one machine share it); unparsable URLs share "". */
function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).hostname.toLowerCase() : "";
}

interface HostQueue {
  running: number;
  next: number;
  waiting: (() => void)[];
}

/**
 * Runs tasks with at most `total` at once and at most `perHost` per host,
 * each host's tasks in the order given. Hosts are served in the order they
 * first queued work, so a host with a thousand links does not starve the
 * others: it is capped at `perHost` and the free slots go to the next hosts.
 */
function hostPool(total: number, perHost: number) {
  let running = 0;
  const hosts = new Map<string, HostQueue>();

  const pump = () => {
    for (const queue of hosts.values()) {
      while (running < total && queue.running < perHost && queue.next < queue.waiting.length) queue.waiting[queue.next++]!();
      if (running >= total) return;
    }
  };

  return <T>(host: string, task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const own = hosts.get(host) ?? { running: 0, next: 0, waiting: [] };
      hosts.set(host, own);
      own.waiting.push(() => {
        running += 1;
        own.running += 1;
        Promise.resolve()
          .then(task)
          .then(resolve, reject)
          .finally(() => {
            running -= 1;
            own.running -= 1;
            // A finished host leaves the map: pump walks only hosts with work.
            if (own.running === 0 && own.next === own.waiting.length && hosts.get(host) === own) hosts.delete(host);
            pump();
          });
      });
      pump();
    });
}

/** Opens each distinct URL once. Never throws: every URL gets a result, failures included. */
export async function checkUrls(urls: readonly string[], options: CheckUrlsOptions = {}): Promise<Map<string, LinkResult>> {
  const settings = settingsOf(options);
  const pinned = settings.blockPrivate && !options.fetchImpl ? pinnedFetch(settings.lookup) : null;
  if (pinned) settings.fetch = pinned.fetch;
  const run = hostPool(settings.concurrency, settings.perHost);
  const distinct = [...new Set(urls)];
  try {
    const results = await Promise.all(distinct.map((url) => run(hostOf(url), () => checkUrl(url, settings))));
    return new Map(results.map((result) => [result.url, result]));
  } finally {
    await pinned?.close();
  }
}

/**
 * The link findings of each guide (in the order given): all guides' URLs are
 * checked in one batch, so a form shared by a hundred guides is opened once.
 */
export async function checkGuideLinks(guides: readonly ServiceGuide[], options: CheckUrlsOptions = {}): Promise<GuideFinding[][]> {
  const links = guides.map(guideLinks);
  const results = await checkUrls(
    links.flatMap((list) => list.map((link) => link.url)),
    options,
  );
  return links.map((list) => linkFindings(list, results));
}
