/**
 * A mapped rating row → a RatingRecord, or the problems that send it to quarantine. Pure: the
 * clock (`now`) is given. The batch step checks what needs the database (unknown unit codes,
 * rating numbers repeated in a file). Reads cells with the case rows' reader, so a rating's
 * messages name the source's headers the same way.
 */
import { RowReader, type Validated } from "../cases/validate.ts";
import { headerOf, type MappedRow, type SourceMapping } from "../ingest/mapping.ts";
import {
  RATING_CHANNEL,
  RATING_KIND,
  RATING_LEVEL,
  type RatingChannel,
  type RatingKind,
  type RatingLevel,
  type RatingRecord,
} from "./model.ts";

/** The separators a system's tag list uses: 办事效率高、态度好 / a,b / a;b / a|b. */
const TAG_SEPARATOR = /[、,，;；|]/;
/** A tag or a text longer than this is cut (the stored row stays bounded whatever the export holds). */
const MAX_TAG_CHARS = 32;
const MAX_CONTENT_CHARS = 2000;

export function validateRatingRow(row: MappedRow, options: { mapping: SourceMapping; now: Date }): Validated<RatingRecord> {
  const r = new RowReader(row, options);
  const level = r.enumValue<`${RatingLevel}`>("level", RATING_LEVEL.values, RATING_LEVEL.labels, true);
  const record: RatingRecord = {
    ratingNo: r.text("ratingNo", true),
    caseNo: r.text("caseNo"),
    regionCode: r.text("regionCode", true),
    unitCode: r.text("ratedUnitCode", true),
    itemCode: r.text("itemCode"),
    channel: r.enumValue<RatingChannel>("ratingChannel", RATING_CHANNEL.values, RATING_CHANNEL.labels, true)!,
    level: Number(level) as RatingLevel,
    kind: r.enumValue<RatingKind>("ratingKind", RATING_KIND.values, RATING_KIND.labels, false) ?? "first",
    tags: splitTags(r.text("tags")),
    content: r.text("content")?.slice(0, MAX_CONTENT_CHARS) ?? null,
    ratedAt: r.instant("ratedAt", true)!,
    isDefault: r.flag("isDefault") ?? false,
    raterName: r.text("raterName"),
    raterPhone: r.text("raterPhone"),
  };
  if (record.kind === "follow_up" && !record.caseNo) {
    const header = headerOf(options.mapping, "caseNo");
    r.problems.push({ reason: "missing_field", column: header, message: `${header}：追评须给出所评办件的编号` });
  }
  return r.problems.length ? { ok: false, problems: r.problems } : { ok: true, record };
}

export function splitTags(text: string | null): string[] {
  if (!text) return [];
  return [...new Set(text.split(TAG_SEPARATOR).map((t) => t.trim().slice(0, MAX_TAG_CHARS)))].filter(Boolean);
}

/** 138****5678: a phone number with its middle four starred (the rater is never stored in clear). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s/g, "");
  if (digits.length < 7) return "*".repeat(digits.length);
  return `${digits.slice(0, 3)}${"*".repeat(digits.length - 7)}${digits.slice(-4)}`;
}
