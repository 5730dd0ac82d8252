import { type GuideFinding, guideLinks, type LinkResult, linkFindings, type ServiceGuide } from "@kaoping/core";

/**
 * Whether links open: each distinct URL once, a HEAD first and a GET when the
 * HEAD answer may be the server's HEAD handling rather than the link, with a
 * timeout per request and a limit on requests at once, overall and per host
 * (government portals are small servers; a batch of guides must not flood one).
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
}

interface Settings {
  timeoutMs: number;
  concurrency: number;
  perHost: number;
  userAgent: string;
  fetch: typeof fetch;
}

const USER_AGENT = "Mozilla/5.0 (compatible; Kaoping-LinkCheck/1.0)";

/** A positive whole number, else the default: a bad option must not turn into “no limit” or “no time”. */
const positive = (value: number | undefined, fallback: number) =>
  value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;

function settingsOf(options: CheckUrlsOptions): Settings {
  return {
    timeoutMs: positive(options.timeoutMs, 5000),
    concurrency: positive(options.concurrency, 8),
    perHost: positive(options.perHostConcurrency, 2),
    userAgent: options.userAgent ?? USER_AGENT,
    fetch: options.fetchImpl ?? fetch,
  };
}

/** How one request ended. */
type Attempt = { kind: "status"; status: number } | { kind: "timeout" } | { kind: "error"; code: string };

/** undici puts the socket error in `cause` (an AggregateError when several addresses were tried). */
function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown; errors?: { code?: unknown }[] } }).cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  if (typeof code === "string") return code;
  if (typeof cause?.message === "string" && cause.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

async function attempt(url: string, method: "HEAD" | "GET", settings: Settings): Promise<Attempt> {
  const signal = AbortSignal.timeout(settings.timeoutMs);
  try {
    const response = await settings.fetch(url, {
      method,
      redirect: "follow",
      signal,
      headers: { "user-agent": settings.userAgent, accept: "*/*" },
    });
    // Only the status matters: dropping the body frees the connection without downloading a form.
    await response.body?.cancel().catch(() => {});
    return { kind: "status", status: response.status };
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
  // fetch has followed redirects: a 3xx left is final (304, or no Location) and the server did answer.
  if (outcome.status < 400) return { url, ok: true, status: outcome.status, ms };
  return { url, ok: false, status: outcome.status, reason: "http", ms };
}

const isHttp = (url: string) => /^https?:\/\//i.test(url) && URL.canParse(url);

async function checkUrl(url: string, settings: Settings): Promise<LinkResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  if (!isHttp(url)) return { url, ok: false, reason: "network", detail: "不是有效的 http(s) 地址", ms: 0 };
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
  const run = hostPool(settings.concurrency, settings.perHost);
  const distinct = [...new Set(urls)];
  const results = await Promise.all(distinct.map((url) => run(hostOf(url), () => checkUrl(url, settings))));
  return new Map(results.map((result) => [result.url, result]));
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
