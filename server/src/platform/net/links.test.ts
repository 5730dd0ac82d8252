import http from "node:http";
import type { AddressInfo } from "node:net";
import { serviceGuideSchema } from "@kaoping/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkGuideLinks, checkUrls, guardedLookup, isPrivateAddress, PRIVATE_ADDRESS_REFUSED } from "./links.ts";

/** A local server standing in for the portals: never the internet. */

let server: http.Server;
let base: string;
let closedPort: number;
let seen: { method: string; path: string }[] = [];
let inFlight = 0;
let maxInFlight = 0;

function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
  const path = req.url ?? "/";
  seen.push({ method: req.method ?? "", path });
  if (path === "/missing") return void res.writeHead(404).end("not here");
  if (path === "/no-head") return void res.writeHead(req.method === "HEAD" ? 405 : 200).end("form");
  if (path === "/reset-head") {
    if (req.method === "HEAD") return void req.socket.destroy();
    return void res.writeHead(200).end("form");
  }
  if (path === "/moved") return void res.writeHead(302, { location: "/ok" }).end();
  if (path === "/loop") return void res.writeHead(302, { location: "/loop" }).end();
  if (path === "/to-public") return void res.writeHead(301, { location: "http://public.test/ok" }).end();
  if (path === "/to-private") return void res.writeHead(307, { location: `${base}/ok` }).end();
  if (path === "/slow") {
    const timer = setTimeout(() => res.writeHead(200).end(), 2_000);
    res.on("close", () => clearTimeout(timer));
    return;
  }
  if (path.startsWith("/busy/")) {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight -= 1;
      res.writeHead(200).end();
    }, 60);
    return;
  }
  res.writeHead(200, { "content-type": "text/plain" }).end("hello");
}

function listen(target: http.Server): Promise<number> {
  return new Promise((resolve) => target.listen(0, "127.0.0.1", () => resolve((target.address() as AddressInfo).port)));
}

beforeAll(async () => {
  server = http.createServer(handle);
  base = `http://127.0.0.1:${await listen(server)}`;
  // A port that was just free: nothing listens there.
  const gone = http.createServer();
  closedPort = await listen(gone);
  await new Promise((resolve) => gone.close(resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen = [];
  inFlight = 0;
  maxInFlight = 0;
});

const methodsFor = (path: string) => seen.filter((s) => s.path === path).map((s) => s.method);

describe("checkUrls", () => {
  it("is satisfied by a HEAD answering 200, and only sends that", async () => {
    const results = await checkUrls([`${base}/ok`]);
    expect(results.get(`${base}/ok`)).toMatchObject({ url: `${base}/ok`, ok: true, status: 200 });
    expect(results.get(`${base}/ok`)!.ms).toBeGreaterThanOrEqual(0);
    expect(methodsFor("/ok")).toEqual(["HEAD"]);
  });

  it("reports a 404 as not ok with its status, after a GET confirms it", async () => {
    const results = await checkUrls([`${base}/missing`]);
    expect(results.get(`${base}/missing`)).toMatchObject({ ok: false, status: 404, reason: "http" });
    expect(methodsFor("/missing")).toEqual(["HEAD", "GET"]);
  });

  it("falls back to GET when HEAD answers 405, or when the server drops a HEAD", async () => {
    const results = await checkUrls([`${base}/no-head`, `${base}/reset-head`]);
    expect(results.get(`${base}/no-head`)).toMatchObject({ ok: true, status: 200 });
    expect(methodsFor("/no-head")).toEqual(["HEAD", "GET"]);
    expect(results.get(`${base}/reset-head`)).toMatchObject({ ok: true, status: 200 });
    expect(methodsFor("/reset-head")).toEqual(["HEAD", "GET"]);
  });

  it("follows a redirect to the final answer", async () => {
    const results = await checkUrls([`${base}/moved`]);
    expect(results.get(`${base}/moved`)).toMatchObject({ ok: true, status: 200 });
    expect(seen.map((s) => s.path)).toEqual(["/moved", "/ok"]);
  });

  it("gives up after the timeout and does not retry with GET", async () => {
    const results = await checkUrls([`${base}/slow`], { timeoutMs: 200 });
    const slow = results.get(`${base}/slow`)!;
    expect(slow).toMatchObject({ ok: false, reason: "timeout" });
    expect(slow.status).toBeUndefined();
    expect(slow.ms).toBeGreaterThanOrEqual(190);
    expect(slow.ms).toBeLessThan(2_000);
    expect(methodsFor("/slow")).toEqual(["HEAD"]);
  });

  it("names the network error of a closed port, and never throws on what is not a URL", async () => {
    const closed = `http://127.0.0.1:${closedPort}/x`;
    const results = await checkUrls([closed, "not a url", "ftp://files.example/x"]);
    expect(results.get(closed)).toMatchObject({ ok: false, reason: "network", detail: "ECONNREFUSED" });
    expect(results.get("not a url")).toMatchObject({ ok: false, reason: "network" });
    expect(results.get("ftp://files.example/x")).toMatchObject({ ok: false, reason: "network" });
  });

  it("checks a URL once even when it is listed twice", async () => {
    const results = await checkUrls([`${base}/once`, `${base}/once`, `${base}/ok`]);
    expect([...results.keys()]).toEqual([`${base}/once`, `${base}/ok`]);
    expect(methodsFor("/once")).toEqual(["HEAD"]);
  });

  it("keeps at most `concurrency` requests in flight, and at most `perHostConcurrency` on one host", async () => {
    const urls = Array.from({ length: 20 }, (_, i) => `${base}/busy/${i}`);
    const results = await checkUrls(urls, { concurrency: 3, perHostConcurrency: 20 });
    expect([...results.values()].every((r) => r.ok)).toBe(true);
    expect(seen).toHaveLength(20);
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(maxInFlight).toBeGreaterThanOrEqual(2);

    seen = [];
    maxInFlight = 0;
    await checkUrls(urls, { concurrency: 3 });
    expect(seen).toHaveLength(20);
    expect(maxInFlight).toBeLessThanOrEqual(2);
  });

  it("shares the overall limit between hosts, each capped (through fetchImpl, with a user agent)", async () => {
    const running = new Map<string, number>();
    const most = new Map<string, number>();
    let total = 0;
    let mostTotal = 0;
    const agents = new Set<string>();
    const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const host = new URL(String(input)).hostname;
      agents.add(new Headers(init?.headers).get("user-agent") ?? "");
      running.set(host, (running.get(host) ?? 0) + 1);
      most.set(host, Math.max(most.get(host) ?? 0, running.get(host)!));
      mostTotal = Math.max(mostTotal, ++total);
      await new Promise((resolve) => setTimeout(resolve, 10));
      running.set(host, running.get(host)! - 1);
      total -= 1;
      return new Response(null, { status: 200 });
    }) as typeof fetch;
    const urls = ["a.test", "b.test", "c.test"].flatMap((host) => Array.from({ length: 6 }, (_, i) => `https://${host}/${i}`));
    const results = await checkUrls(urls, { concurrency: 4, perHostConcurrency: 2, userAgent: "kaoping-test", fetchImpl: fakeFetch });
    expect(results.size).toBe(18);
    expect([...most.values()].every((n) => n <= 2)).toBe(true);
    expect(mostTotal).toBe(4);
    expect([...agents]).toEqual(["kaoping-test"]);
  });
});

describe("checkUrls with blockPrivateAddresses", () => {
  const block = { blockPrivateAddresses: true, timeoutMs: 2_000 } as const;
  const refused = { ok: false, reason: "network", detail: PRIVATE_ADDRESS_REFUSED };
  /** Counts what reaches fetch, then sends it to the local server. */
  let fetched: string[] = [];
  const viaLocal = (async (input: string | URL | Request, init?: RequestInit) => {
    fetched.push(String(input));
    return fetch(String(input).replace(/^http:\/\/public\.test/, base), init);
  }) as typeof fetch;
  /** "public.test" has a documentation address (TEST-NET-3), as a public portal would; "sneaky.test" one internal among public ones. */
  const names: Record<string, string[]> = {
    "public.test": ["203.0.113.7"],
    "sneaky.test": ["203.0.113.8", "10.1.2.3"],
    "rebind.test": ["127.0.0.1"],
  };
  const lookup = async (host: string) => {
    const found = names[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return found;
  };
  beforeEach(() => {
    fetched = [];
  });

  it("refuses a loopback server without a request, and says why", async () => {
    const results = await checkUrls([`${base}/ok`], block);
    expect(results.get(`${base}/ok`)).toMatchObject(refused);
    expect(seen).toEqual([]);
    // Left off (the CLI's default), the same link is opened.
    expect((await checkUrls([`${base}/ok`])).get(`${base}/ok`)).toMatchObject({ ok: true, status: 200 });
  });

  it("refuses internal address literals in every spelling, never calling fetch", async () => {
    const urls = [
      "http://169.254.169.254/latest/meta-data/",
      "http://127.0.0.1:5432/",
      "http://2130706433/",
      "http://0x7f.1/",
      "http://10.0.0.1/",
      "http://172.31.255.255/",
      "http://192.168.1.1/",
      "http://100.100.100.200/",
      "http://0.0.0.0/",
      "http://[::1]/",
      "http://[::]/",
      "http://[::ffff:127.0.0.1]/",
      "http://[::ffff:a9fe:a9fe]/",
      "http://[fe80::1]/",
      "http://[fd00:ec2::254]/",
    ];
    const results = await checkUrls(urls, { ...block, fetchImpl: viaLocal, lookup });
    for (const url of urls) expect(results.get(url), url).toMatchObject(refused);
    expect(fetched).toEqual([]);
  });

  it("refuses a public-looking name that resolves to an internal address, and names a failed lookup", async () => {
    const urls = [`http://rebind.test:${new URL(base).port}/ok`, "http://sneaky.test/form.doc", "http://nowhere.test/"];
    const results = await checkUrls(urls, { ...block, fetchImpl: viaLocal, lookup });
    expect(results.get(urls[0]!)).toMatchObject(refused);
    expect(results.get(urls[1]!)).toMatchObject(refused);
    expect(results.get(urls[2]!)).toMatchObject({ ok: false, reason: "network", detail: "ENOTFOUND" });
    expect(fetched).toEqual([]);
    expect(seen).toEqual([]);
  });

  it("resolves names with the system's lookup by default: localhost is refused", async () => {
    const url = `http://localhost:${new URL(base).port}/ok`;
    expect((await checkUrls([url], block)).get(url)).toMatchObject(refused);
    expect(seen).toEqual([]);
  });

  it("connects only to the addresses it checked: a name that turns internal after the check (DNS rebinding) is refused", async () => {
    let lookups = 0;
    // Public for the check, then the local server's loopback address for the connection.
    const flipping = async () => (++lookups === 1 ? ["203.0.113.9"] : ["127.0.0.1"]);
    const url = `http://flip.test:${new URL(base).port}/ok`;
    const results = await checkUrls([url], { ...block, lookup: flipping });
    expect(results.get(url)).toMatchObject(refused);
    expect(lookups).toBeGreaterThanOrEqual(2);
    expect(seen).toEqual([]);
  });

  it("the connection's lookup answers checked addresses in the shape asked for, and refuses internal ones", async () => {
    const ask = (host: string, options: { all?: boolean; family?: number }) =>
      new Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family?: number }>((resolve) =>
        guardedLookup(lookup)(host, options, (error, address, family) => resolve({ error, address, family })),
      );
    expect(await ask("public.test", { all: true })).toMatchObject({ error: null, address: [{ address: "203.0.113.7", family: 4 }] });
    expect(await ask("public.test", {})).toMatchObject({ error: null, address: "203.0.113.7", family: 4 });
    expect((await ask("public.test", { family: 6 })).error?.code).toBe("ENOTFOUND");
    expect((await ask("sneaky.test", { all: true })).error?.code).toBe(PRIVATE_ADDRESS_REFUSED);
    expect((await ask("nowhere.test", {})).error?.code).toBe("ENOTFOUND");
  });

  it("opens an allowed host, follows its redirects hop by hop, and refuses the hop to an internal address", async () => {
    const options = { ...block, fetchImpl: viaLocal, lookup };
    const allowed = await checkUrls(["http://public.test/to-public"], options);
    expect(allowed.get("http://public.test/to-public")).toMatchObject({ ok: true, status: 200 });
    expect(seen.map((s) => s.path)).toEqual(["/to-public", "/ok"]);

    seen = [];
    fetched = [];
    const hop = await checkUrls(["http://public.test/to-private"], options);
    expect(hop.get("http://public.test/to-private")).toMatchObject(refused);
    // The first hop was asked; the internal target never was.
    expect(seen).toEqual([{ method: "HEAD", path: "/to-private" }]);
    expect(fetched).toEqual(["http://public.test/to-private"]);
  });
});

describe("checkUrls limits", () => {
  it(`follows at most 5 redirects`, async () => {
    const results = await checkUrls([`${base}/loop`]);
    expect(results.get(`${base}/loop`)).toMatchObject({ ok: false, reason: "network", detail: "重定向超过 5 次" });
    expect(methodsFor("/loop")).toEqual(Array(6).fill("HEAD"));
  });

  it("stops at the total deadline: the request in flight times out, the rest are not requested", async () => {
    const urls = [`${base}/slow`, `${base}/ok`, `${base}/missing`];
    const started = performance.now();
    const results = await checkUrls(urls, { timeoutMs: 5_000, totalTimeoutMs: 200, concurrency: 1 });
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(results.get(`${base}/slow`)).toMatchObject({ ok: false, reason: "timeout" });
    expect(results.get(`${base}/ok`)).toMatchObject({ ok: false, reason: "timeout", ms: 0 });
    expect(results.get(`${base}/missing`)).toMatchObject({ ok: false, reason: "timeout", ms: 0 });
    expect(seen).toEqual([{ method: "HEAD", path: "/slow" }]);
  });
});

describe("isPrivateAddress", () => {
  it("tells internal addresses from public ones, IPv4 inside IPv6 included", () => {
    const internal = [
      "127.0.0.1",
      "127.255.0.9",
      "10.20.30.40",
      "172.16.0.1",
      "172.31.0.1",
      "192.168.0.1",
      "169.254.169.254",
      "0.0.0.0",
      "100.100.100.200",
      "::",
      "::1",
      "fe80::1%eth0",
      "febf::1",
      "fc00::1",
      "fdff:ffff::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:10.0.0.1",
      "::127.0.0.1",
      "64:ff9b::a9fe:a9fe",
      "not an address",
    ];
    const external = [
      "8.8.8.8",
      "172.15.255.255",
      "172.32.0.1",
      "192.169.0.1",
      "203.0.113.7",
      "2001:db8::1",
      "2400:3200::1",
      "::ffff:8.8.8.8",
      "fe7f::1",
    ];
    for (const address of internal) expect(isPrivateAddress(address), address).toBe(true);
    for (const address of external) expect(isPrivateAddress(address), address).toBe(false);
  });
});

describe("checkGuideLinks", () => {
  it("gives each guide the findings of its dead links, opening a shared link once", async () => {
    const guides = [
      serviceGuideSchema.parse({ name: "甲", onlineUrl: `${base}/ok`, materials: [{ name: "申请表", blankFormUrl: `${base}/missing` }] }),
      serviceGuideSchema.parse({ name: "乙", onlineUrl: `${base}/ok`, flowchartUrl: "attachment:1" }),
    ];
    const findings = await checkGuideLinks(guides, { timeoutMs: 2_000 });
    expect(findings).toEqual([
      [{ checkId: "G-LINK-01", element: "formLinks", severity: "error", path: "materials.0.blankFormUrl", detail: "HTTP 404" }],
      [],
    ]);
    expect(methodsFor("/ok")).toEqual(["HEAD"]);
  });
});
