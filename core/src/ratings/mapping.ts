/**
 * The canonical columns of a ratings file (the provincial 好差评 system's export) with the default
 * source's Chinese headers, and the labels its values may carry. A canonical name shared with the
 * case files (caseNo, regionCode, itemCode) must keep the case header, since one source row maps
 * both; the rated unit is `ratedUnitCode` because its header differs from 受理部门编码. The mapping itself is data
 * (ingest_sources), shared with the case files: ingest/mapping.ts.
 */
import { RATING_CHANNEL, RATING_KIND, RATING_LEVEL } from "./model.ts";

export const RATING_COLUMNS = {
  ratingNo: "评价编号",
  caseNo: "办件编号",
  regionCode: "区划编码",
  ratedUnitCode: "评价部门编码",
  itemCode: "事项编码",
  ratingChannel: "评价渠道",
  level: "评价等级",
  ratingKind: "评价类型",
  tags: "评价标签",
  content: "评价内容",
  ratedAt: "评价时间",
  isDefault: "是否默认评价",
  raterName: "评价人",
  raterPhone: "评价人电话",
} as const;

export const RATING_REQUIRED_COLUMNS = ["ratingNo", "regionCode", "ratedUnitCode", "ratingChannel", "level", "ratedAt"] as const;

const byLabel = (labels: Record<string, string>) => Object.fromEntries(Object.entries(labels).map(([code, label]) => [label, code]));

/** The default source's value labels: the levels by name (or their digit), channels and kinds by their Chinese labels. */
export const RATING_VALUES: Record<string, Record<string, string>> = {
  level: { ...byLabel(RATING_LEVEL.labels), 比较满意: "4", 一般: "3", 比较不满意: "2" },
  ratingChannel: {
    ...byLabel(RATING_CHANNEL.labels),
    窗口评价: "window",
    网上评价: "online",
    移动端评价: "mobile",
    "12345热线": "hotline",
    热线电话: "hotline",
  },
  ratingKind: { ...byLabel(RATING_KIND.labels), 首评: "first", 初评: "first" },
  isDefault: { 是: "true", 否: "false", Y: "true", N: "false", "1": "true", "0": "false" },
};
