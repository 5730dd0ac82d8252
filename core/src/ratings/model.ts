/**
 * 政务服务“好差评” as Kaoping keeps it: the levels, channels and kinds of a rating, after 国办发〔2019〕51号
 * (现场“一次一评”, 网上“一事一评”; 五级评价 非常满意 … 非常不满意) and GB/T 39734-2020. One vocabulary for the
 * ingest, the public rating page, the bad-review loop, the metrics and the screens. docs/ratings.md.
 */
import { labelled } from "../labelled.ts";

/** 评价等级, 1 (非常不满意) … 5 (非常满意); the codes are the level's digit. */
export const RATING_LEVEL = labelled({ "1": "非常不满意", "2": "不满意", "3": "基本满意", "4": "满意", "5": "非常满意" });
export type RatingLevel = 1 | 2 | 3 | 4 | 5;
/** 差评: 非常不满意 and 不满意 (51号文: 差评 opens the 核实整改 loop). */
export const isBadLevel = (level: number) => level <= 2;
/** 好评: 满意 and 非常满意. */
export const isGoodLevel = (level: number) => level >= 4;

/** 评价渠道 (51号文: 窗口、网上、移动端、自助终端、热线). */
export const RATING_CHANNEL = labelled({
  window: "窗口",
  online: "网上",
  mobile: "移动端",
  kiosk: "自助终端",
  hotline: "热线",
  other: "其他",
});
export type RatingChannel = keyof typeof RATING_CHANNEL.labels;

/** 评价类型: the first rating of a case, or the one 追评 after rectification. */
export const RATING_KIND = labelled({ first: "首次评价", follow_up: "追评" });
export type RatingKind = keyof typeof RATING_KIND.labels;

/** Where a rating came from: the provincial system's export, or Kaoping's own public page. */
export const RATING_ORIGIN = labelled({ import: "好差评系统导入", public: "本系统评价页" });
export type RatingOrigin = keyof typeof RATING_ORIGIN.labels;

/** One rating after its source's column mapping: what the ingest validates and stores. */
export interface RatingRecord {
  ratingNo: string;
  /** The case rated (linked to the case store when known; a rating of an unknown case is kept, unlinked). */
  caseNo?: string | null;
  regionCode: string;
  unitCode: string;
  itemCode?: string | null;
  channel: RatingChannel;
  level: RatingLevel;
  kind: RatingKind;
  /** 评价标签, as the system gives them (e.g. 办事效率高、态度好). */
  tags: string[];
  /** 评价内容: the applicant's words, kept for 核实 (the rater's identity is not). */
  content?: string | null;
  ratedAt: Date;
  /** 默认好评: the system's rating when the applicant gave none (not counted in 主动评价率). */
  isDefault: boolean;
  /** Read only to be hashed and masked; never stored in clear. */
  raterName?: string | null;
  raterPhone?: string | null;
}
