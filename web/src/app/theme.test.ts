import { theme } from "antd";
import { describe, expect, it } from "vitest";
import { contrastRatio, parseColor } from "./contrast.ts";
import { KAOPING_THEME, TEXT_COLORS } from "./theme.ts";

// WCAG 2.0 1.4.3 (text) and WCAG 2.1 1.4.11 (borders, focus), as GB/T 37668-2019 asks.
const TEXT = 4.5;
const UI = 3;

const token = theme.getDesignToken(KAOPING_THEME) as unknown as Record<string, string>;
const PAGE = token.colorBgContainer as string;
// Table headers and zebra rows, the layout behind cards, a disabled input's fill.
const GREY_BACKGROUNDS = [token.colorFillAlter, token.colorBgLayout, token.colorBgContainerDisabled] as string[];
// The preset colours pages put on tags (color="green" …): shade 7 is the text, shade 1 the fill.
const PRESETS = ["blue", "purple", "cyan", "green", "magenta", "red", "orange", "yellow", "volcano", "geekblue", "gold", "lime"];

describe("contrastRatio", () => {
  it("gives the WCAG figures", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#ffffff")).toBe(1);
    // The figures for Ant Design's defaults.
    expect(contrastRatio("#8c8c8c", "#ffffff")).toBeCloseTo(3.36, 2);
    expect(contrastRatio("#1677ff", "#ffffff")).toBeCloseTo(4.1, 1);
    expect(contrastRatio("#bfbfbf", "#ffffff")).toBeCloseTo(1.83, 1);
  });

  it("paints translucent colours over what lies under them", () => {
    // rgba(0,0,0,0.45) over white is #8c8c8c.
    expect(contrastRatio("rgba(0,0,0,0.45)", "#ffffff")).toBeCloseTo(contrastRatio("#8c8c8c", "#ffffff"), 1);
    expect(contrastRatio("#000", "rgba(0,0,0,0.5)", "#fff")).toBeLessThan(contrastRatio("#000", "#fff"));
    expect(() => parseColor("blue")).toThrow();
  });
});

describe("the theme", () => {
  it.each([
    "colorText",
    "colorTextSecondary",
    "colorTextTertiary",
    "colorTextDescription",
    "colorTextPlaceholder",
    "colorTextDisabled",
    "colorTextLabel",
    "colorPrimary",
    "colorLink",
    "colorError",
    "colorSuccess",
    "colorWarning",
    "colorInfo",
  ])("%s reads at 4.5:1 on white and on the greys", (name) => {
    for (const background of [PAGE, ...GREY_BACKGROUNDS]) {
      expect(contrastRatio(token[name] as string, background), `${name} ${token[name]} on ${background}`).toBeGreaterThanOrEqual(TEXT);
    }
  });

  it.each(["Success", "Warning", "Error", "Info"])("a %s tag or alert reads on its own tint", (status) => {
    const text = token[`color${status}`] as string;
    expect(contrastRatio(text, token[`color${status}Bg`] as string)).toBeGreaterThanOrEqual(TEXT);
  });

  it.each(PRESETS)("a %s tag reads on its own tint (under both of Ant Design's names for the shades)", (color) => {
    expect(contrastRatio(token[`${color}7`] as string, token[`${color}1`] as string)).toBeGreaterThanOrEqual(TEXT);
    // The CSS variable --ant-gold-7 that tags paint with is written from the `gold-7` name.
    expect(contrastRatio(token[`${color}-7`] as string, token[`${color}-1`] as string)).toBeGreaterThanOrEqual(TEXT);
  });

  it.each(["colorPrimary", "colorPrimaryHover", "colorPrimaryActive", "colorError", "colorErrorHover", "colorErrorActive"])(
    "a solid button's white text reads on %s (hovered and pressed too)",
    (name) => {
      expect(contrastRatio(token.colorTextLightSolid as string, token[name] as string)).toBeGreaterThanOrEqual(TEXT);
    },
  );

  it.each(["colorLinkHover", "colorLinkActive", "colorPrimaryHover", "colorErrorHover"])("%s still reads as text on white", (name) => {
    expect(contrastRatio(token[name] as string, PAGE)).toBeGreaterThanOrEqual(TEXT);
  });

  it("input borders and the focus colour stand out from the page at 3:1", () => {
    expect(contrastRatio(token.colorBorder as string, PAGE)).toBeGreaterThanOrEqual(UI);
    expect(contrastRatio(token.colorPrimary as string, PAGE)).toBeGreaterThanOrEqual(UI);
  });

  it.each(Object.entries(TEXT_COLORS))("the page colour %s reads on white", (_name, color) => {
    expect(contrastRatio(color, PAGE)).toBeGreaterThanOrEqual(TEXT);
  });
});
