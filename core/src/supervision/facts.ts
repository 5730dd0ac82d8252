/**
 * 电子监察 facts for campaigns: a framework declares `supervision.<fact>` and a campaign fills it
 * from the warning ledger and its 督办单 for each assessed unit (its subtree) over the campaign's
 * period — the warnings whose condition arose in the period, judged as they stand at the period's
 * end (or now, if sooner). Seed 004 四 reads them: “未督办预警信号……每件次扣2分”, “预警超过3次以上，
 * 未进行有效催办、督查的，视为未启动”, “没在规定时间内回复进行情况反馈的，每件次扣2分”, “对立项调查的
 * 事项未及时作出纠正的，不得分”, and 三.3 “审批人员调换未及时上报更换电子秘钥仍进行审批的，扣5分”. Its 考核方式 makes the
 * monthly bulletins “年终考核重要依据”: the cards the published bulletins gave are facts too.
 * docs/supervision.md (“Facts for campaigns”).
 */
export const SUPERVISION_FACTS = {
  "supervision.warnings": "预警件数（电子监察）",
  "supervision.warnings_not_supervised": "未督办的预警件数（电子监察）",
  "supervision.warnings_unhandled": "未进行有效催办、督查的预警件数（电子监察）",
  "supervision.replies_late": "未在规定时间内反馈的督办件次（电子监察）",
  "supervision.investigations_not_corrected": "立项调查逾期未纠正的件数（电子监察）",
  "supervision.key_violations": "审批人员调换后仍用原密钥审批的件数（电子监察：签章异常）",
  "supervision.bulletin_red_cards": "月度运行情况通报中的红牌次数（电子监察：已发布通报）",
  "supervision.bulletin_yellow_cards": "月度运行情况通报中的黄牌次数（电子监察：已发布通报）",
  "supervision.complaints_exposures": "查实的效能投诉与媒体曝光件次（电子监察：投诉曝光登记）",
} as const;
export type SupervisionFactKey = keyof typeof SUPERVISION_FACTS;

export function isSupervisionFactKey(key: string): key is SupervisionFactKey {
  return key in SUPERVISION_FACTS;
}

/** The web pages listing what a supervision fact counts (the warning ledger or the orders). */
export const WARNINGS_PATH = "/supervision/warnings";
export const ORDERS_PATH = "/supervision/orders";
export const BULLETINS_PATH = "/supervision/bulletins";
export const COMPLAINTS_PATH = "/supervision/complaints";

/** The bulletin facts: read from the published 月份运行情况通报 (“综合统计通报结果作为年终考核重要依据”). */
export function isBulletinFactKey(key: string): boolean {
  return key === "supervision.bulletin_red_cards" || key === "supervision.bulletin_yellow_cards";
}

/** The drill-down to the records behind a supervision fact, for a unit (with its subtree) and a period. */
export function supervisionFactLink(key: SupervisionFactKey, scope: { unitId: string; from: string; to: string }): string {
  if (isBulletinFactKey(key)) return `${BULLETINS_PATH}?from=${scope.from.slice(0, 7)}&to=${scope.to.slice(0, 7)}`;
  const query: [string, string][] = [
    ["unitId", scope.unitId],
    ["from", scope.from],
    ["to", scope.to],
  ];
  if (key === "supervision.warnings_not_supervised" || key === "supervision.warnings_unhandled") query.push(["unsupervised", "true"]);
  if (key === "supervision.replies_late") query.push(["replyLate", "true"]);
  if (key === "supervision.investigations_not_corrected") query.push(["status", "investigating"]);
  if (key === "supervision.key_violations") query.push(["kind", "signature_anomaly"]);
  if (key === "supervision.complaints_exposures") query.push(["finding", "substantiated"]);
  const path =
    key === "supervision.complaints_exposures"
      ? COMPLAINTS_PATH
      : key === "supervision.replies_late" || key === "supervision.investigations_not_corrected"
        ? ORDERS_PATH
        : WARNINGS_PATH;
  return `${path}?${query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&")}`;
}
