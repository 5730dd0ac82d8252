import type { ThemeConfig } from "antd";

/**
 * Preset tags (color="gold" …) write shade 7 on shade 1; where 7 is too light, the
 * palette's darker shade 8 or 9 takes its place. Ant Design keeps each shade under two
 * names, `gold7` and the older `gold-7` (the one its CSS variable is written from), so both.
 */
function presetTextShades(shades: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(shades).flatMap(([color, shade]) => [
      [`${color}7`, shade],
      [`${color}-7`, shade],
    ]),
  );
}

/**
 * The one Ant Design theme (GB/T 37668-2019 ≈ WCAG 2.0 AA, docs/accessibility.md).
 * Ant Design's defaults fail 1.4.3: secondary grey #8c8c8c 3.36:1, primary blue
 * #1677ff 4.1:1, error red #ff4d4f 3.26:1, placeholder #bfbfbf 1.83:1, warning
 * #faad14 on its own tint 1.82:1. Every colour here is the darker shade of the same
 * Ant Design palette, so the look stays Ant Design's; theme.test.ts computes each
 * pair's ratio and fails on a token below 4.5:1 (text) or 3:1 (borders, focus).
 */
export const KAOPING_THEME: ThemeConfig = {
  token: {
    borderRadius: 4,
    // blue-7: links, primary buttons (white on it 6.2:1), selected items, focus.
    colorPrimary: "#0958d9",
    colorInfo: "#0958d9",
    colorLink: "#0958d9",
    // Hover and pressed go darker (blue-8, blue-9), not lighter: white text stays readable under the pointer.
    colorPrimaryHover: "#003eb3",
    colorPrimaryActive: "#002c8c",
    colorLinkHover: "#003eb3",
    colorLinkActive: "#002c8c",
    // Status seeds are also the text of status tags and alerts, over their own tint.
    colorSuccess: "#237804",
    colorWarning: "#874d00",
    colorError: "#cf1322",
    colorErrorHover: "#a8071a",
    colorErrorActive: "#820014",
    // A dark seed gives greyish tints; keep Ant Design's light ones under the status text.
    colorSuccessBg: "#f6ffed",
    colorSuccessBorder: "#b7eb8f",
    colorWarningBg: "#fffbe6",
    colorWarningBorder: "#ffe58f",
    // Text greys, opaque so their ratio does not depend on what lies under them.
    colorTextSecondary: "#595959",
    colorTextTertiary: "#666666",
    colorTextDescription: "#666666",
    colorTextPlaceholder: "#707070",
    colorTextQuaternary: "#707070",
    // Disabled controls are exempt from 1.4.3, but Ant Design also writes empty-table text in this
    // colour, so it reads at 4.5:1 like the placeholder; disabled inputs keep their grey fill.
    colorTextDisabled: "#707070",
    // Input and select borders are the only outline of the control (1.4.11 asks 3:1).
    colorBorder: "#8c8c8c",
    ...presetTextShades({
      cyan: "#006d75",
      green: "#237804",
      orange: "#ad4e00",
      yellow: "#876800",
      volcano: "#ad2102",
      gold: "#874d00",
      lime: "#3f6600",
    }),
  },
};

/** The colours pages use outside Ant Design components (stars, gains and losses), from the same checked set. */
export const TEXT_COLORS = {
  gain: "#237804",
  loss: "#cf1322",
  warning: "#874d00",
  muted: "#666666",
  /** Stars are read as a count (★★★), so their colour needs text contrast too: orange-8. */
  star: "#ad4e00",
} as const;
