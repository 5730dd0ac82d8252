import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { fastifyTrustProxy, loadConfig, parseTrustProxy } from "./config.ts";

describe("KAOPING_TRUST_PROXY", () => {
  it("is off by default, a hop count for a number (true = one proxy), else a list of addresses and CIDRs", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    for (const off of [undefined, "", "false", "0"]) expect(parseTrustProxy(off)).toBe(false);
    expect(parseTrustProxy("true")).toBe(1);
    expect(parseTrustProxy("2")).toBe(2);
    expect(loadConfig({ KAOPING_TRUST_PROXY: "true" }).trustProxy).toBe(1);
    expect(parseTrustProxy("10.0.0.1, 192.168.0.0/16,fd00::/8 ,loopback")).toEqual(["10.0.0.1", "192.168.0.0/16", "fd00::/8", "loopback"]);
    for (const bad of ["yes", "10.0.0.0/33", "10.0.0.1/8/1", "proxy.example", ","]) {
      expect(() => parseTrustProxy(bad), bad).toThrow(/KAOPING_TRUST_PROXY/);
    }
  });

  /** The client address fastify gives a request arriving from `peer` with the header a proxy chain wrote. */
  async function clientIp(raw: string, peer: string): Promise<string> {
    const app = Fastify({ trustProxy: fastifyTrustProxy(parseTrustProxy(raw)) });
    app.get("/", (req) => ({ ip: req.ip }));
    const res = await app.inject({ url: "/", remoteAddress: peer, headers: { "x-forwarded-for": "6.6.6.6, 198.51.100.7" } });
    await app.close();
    return res.json().ip;
  }

  it("takes the address the proxies saw, never what the client wrote before it", async () => {
    // One proxy: the entry it appended; "6.6.6.6" is the client's own claim.
    expect(await clientIp("true", "10.0.0.1")).toBe("198.51.100.7");
    expect(await clientIp("1", "10.0.0.1")).toBe("198.51.100.7");
    expect(await clientIp("2", "10.0.0.1")).toBe("6.6.6.6");
    // A list trusts the header only from the proxies it names.
    expect(await clientIp("10.0.0.0/8", "10.0.0.1")).toBe("198.51.100.7");
    expect(await clientIp("10.0.0.0/8", "203.0.113.5")).toBe("203.0.113.5");
    expect(await clientIp("false", "10.0.0.1")).toBe("10.0.0.1");
  });
});

describe("KAOPING_LINK_CHECK_PRIVATE", () => {
  it("lets the server's link check open internal addresses only when set to true", () => {
    expect(loadConfig({}).linkCheckAllowPrivate).toBe(false);
    expect(loadConfig({ KAOPING_LINK_CHECK_PRIVATE: "yes" }).linkCheckAllowPrivate).toBe(false);
    expect(loadConfig({ KAOPING_LINK_CHECK_PRIVATE: "true" }).linkCheckAllowPrivate).toBe(true);
  });
});
