import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** Ant Design's scroll boxes: a table's content (scroll.x) and its body (fixed header, scroll.y), and a drawer's body. */
const SCROLL_BOXES = ".ant-table-content, .ant-table-body, .ant-drawer-body";
const PANEL = "ant-drawer-body";
const MARK = "data-kp-scroll";

/** Whether a box has content past its edges, i.e. needs scrolling to be read. */
function overflows(box: HTMLElement): boolean {
  return box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
}

/** The name the region is read by: its card's (a table) or its drawer's (a drawer's body) title, else a generic one. */
function regionName(box: HTMLElement): string | null {
  const title = box.classList.contains(PANEL)
    ? box.closest(".ant-drawer-section, .ant-drawer-content")?.querySelector(".ant-drawer-title")
    : box.closest(".ant-card")?.querySelector(".ant-card-head-title");
  return title?.textContent?.trim() || null;
}

/**
 * Makes every table and drawer body that scrolls reachable by keyboard (WCAG 2.1.1; axe's
 * scrollable-region-focusable): a tab stop, a region role and a name, so arrow
 * keys scroll it. Boxes that stop overflowing lose the tab stop again.
 */
function markScrollBoxes(label: (name: string | null, isPanel: boolean) => string): void {
  for (const box of document.querySelectorAll<HTMLElement>(SCROLL_BOXES)) {
    if (overflows(box)) {
      if (box.hasAttribute(MARK)) continue;
      box.setAttribute(MARK, "");
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", label(regionName(box), box.classList.contains(PANEL)));
    } else if (box.hasAttribute(MARK)) {
      for (const attribute of [MARK, "tabindex", "role", "aria-label"]) box.removeAttribute(attribute);
    }
  }
}

/**
 * Ant Design measures column widths with a hidden copy of the header titles
 * (aria-hidden); a title holding a button would leave a focusable stop nobody
 * can see (axe: aria-hidden-focus). `inert` takes the copy out of the tab order.
 */
function silenceMeasureRows(): void {
  for (const row of document.querySelectorAll(".ant-table-measure-row:not([inert])")) row.setAttribute("inert", "");
}

/** Watches the page for tables and drawers (any page's, present or later): scroll boxes keyboard-scrollable, measure rows inert. */
export function useKeyboardScrollableTables(): void {
  const { t } = useTranslation();
  useEffect(() => {
    const label = (name: string | null, isPanel: boolean) =>
      isPanel ? t("a11y.scrollPanel", { name: name ?? t("a11y.panel") }) : t("a11y.scrollTable", { name: name ?? t("a11y.table") });
    let frame = 0;
    const schedule = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        markScrollBoxes(label);
        silenceMeasureRows();
      });
    };
    const observer = new MutationObserver(schedule);
    observer.observe(document.body, { childList: true, subtree: true });
    window.addEventListener("resize", schedule);
    schedule();
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      window.removeEventListener("resize", schedule);
    };
  }, [t]);
}
