import type { CheckHit, GuideCheck } from "./elements.ts";
import { LINK_CHECK_ID } from "./links.ts";

export const PUBLIC_REPORT_CHECK_ID = "G-PUBLIC-01";

/**
 * A defect opened from an accepted public fault report (找茬): no automated
 * check finds it, so no import closes it; the office closes it when the owner
 * has corrected the guide.
 */
export const PUBLIC_REPORT_CHECK: GuideCheck = {
  id: PUBLIC_REPORT_CHECK_ID,
  element: "text",
  severity: "error",
  seed: "002：“对……‘千万市民来找茬’活动中反映的问题等，要及时响应、及时整改、及时反馈”",
  message: { zh: "群众找茬反映的问题（已核实）", en: "A problem reported by the public (verified)" },
  fix: { zh: "按反映的问题核实并修改办事指南，重新发布", en: "Check the reported problem, correct the guide and republish it" },
  run: (): CheckHit[] => [],
};

export const DEAD_PHONE_CHECK_ID = "G-HOTLINE-01";

/**
 * A published phone a spot check (接通率抽查) found dead (空号): no check on the guide's text finds it,
 * so no import closes it; the office closes it once the owner publishes a working number.
 */
export const DEAD_PHONE_CHECK: GuideCheck = {
  id: DEAD_PHONE_CHECK_ID,
  element: "phoneAccuracy",
  severity: "error",
  seed: "000：“联系电话及电话接通率”；001：咨询电话接通率抽查",
  message: { zh: "接通率抽查拨打为空号", en: "A spot-check call found the number dead" },
  fix: { zh: "核实并更正办事指南中的电话号码，重新发布", en: "Check the number, correct it in the guide and republish" },
  run: (): CheckHit[] => [],
};

/**
 * Defects the office closes by hand: an accepted public report or a dead
 * phone, which no check on the text finds, and a dead link, which only a link check would close — and
 * link checks may be off (KAOPING_LINK_CHECK=false) or the site unreachable
 * from the server. Every other defect is closed by the recheck of the version
 * that fixes it, so the record of who fixed what stays the guide's history.
 */
export function isClosedByHand(checkId: string): boolean {
  return checkId === PUBLIC_REPORT_CHECK_ID || checkId === LINK_CHECK_ID || checkId === DEAD_PHONE_CHECK_ID;
}
