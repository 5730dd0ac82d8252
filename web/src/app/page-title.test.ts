import { describe, expect, it } from "vitest";
import { enUS } from "../i18n/en-US.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { APP_ROUTES, pageTitleKey } from "./routes.tsx";

/** The catalogue's string at a dotted key, or undefined. */
function lookup(catalogue: object, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogue);
}

/** A concrete address for a route pattern (":id" → "x1"). */
const addressOf = (path: string) => path.replace(/:[^/]+/g, "x1");

describe("pageTitleKey", () => {
  it("names every page with a Chinese and an English title, no two menu pages alike", () => {
    const titles = APP_ROUTES.map((route) => {
      const key = pageTitleKey(addressOf(route.path));
      expect(key, route.path).not.toBe("a11y.page.notFound");
      expect(typeof lookup(zhCN, key), `${route.path} → ${key}`).toBe("string");
      expect(typeof lookup(enUS, key), `${route.path} → ${key}`).toBe("string");
      return lookup(zhCN, key);
    });
    expect(new Set(titles).size).toBe(titles.length);
  });

  it("takes the most specific route: a unit's workspace is not its campaign's page", () => {
    expect(pageTitleKey("/assess/campaigns")).toBe("menu.campaigns");
    expect(pageTitleKey("/assess/campaigns/c1")).toBe("a11y.page.campaignDetail");
    expect(pageTitleKey("/assess/campaigns/c1/units/u1")).toBe("a11y.page.unitWorkspace");
    expect(pageTitleKey("/")).toBe("a11y.page.home");
    expect(pageTitleKey("/nowhere")).toBe("a11y.page.notFound");
  });
});
