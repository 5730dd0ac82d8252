import { formatPts, isPointsText, pts } from "./points.ts";
import type { Comparator, Condition, FactDef, Rule, SourceLevel } from "./schema.ts";
import { SOURCE_LEVELS } from "./schema.ts";

/**
 * Turns a scoring text (评分标准) in the common Chinese patterns into typed
 * rules: 每…扣X分, …的扣X分, 不得分, 低于X%, 每延迟一天, 每低1个百分点,
 * 被市级/省级…通报, 排名前N位依次加, 第N名之后每下降1位, 满分/不超过 caps,
 * 视情扣a-b分, 减半. Pure and deterministic: the same text and code give the
 * same rules and fact keys. What it cannot read becomes a manual rule and is
 * listed in `unrecognized`, never dropped.
 */
export interface RecognizeOptions {
  indicatorCode: string;
  /** The indicator's points: the most an unrecognised sentence may deduct. */
  points?: string;
  /** A bonus part's unrecognised sentences become manual bonuses, not deductions. */
  part?: "base" | "bonus";
}

export interface RecognizedRules {
  rules: Rule[];
  facts: FactDef[];
  /** Sentences (or clauses) kept as manual rules because no pattern matched. */
  unrecognized: string[];
}

type Effect = "deduct" | "bonus";

/** A clause or sentence with its offsets in the text it came from, so rule texts stay verbatim. */
interface Span {
  text: string;
  start: number;
  end: number;
}

/** One rule's worth of text inside a sentence: context clauses, the scoring clause, trailing modifiers. */
interface Segment {
  start: number;
  end: number;
  caps: string[];
  capTexts: string[];
}

type Threshold = { op: Comparator; value: number; type: "count" | "number"; unit?: string; subject: string };

type Match =
  | { type: "per_count"; effect: Effect; amount: string; levels: Partial<Record<SourceLevel, string>> | null }
  | { type: "per_step"; effect: Effect; direction: "below" | "above"; threshold: number; amount: string; unit: string }
  | { type: "when"; outcome: "zero" | "half" | Effect; amount?: string; threshold: Threshold | null }
  | { type: "rank_table"; effect: Effect; amounts: string[]; external: boolean; note: string }
  | { type: "rank_step"; effect: Effect; after: number; amount: string; external: boolean }
  | { type: "manual"; effect: Effect; min: string; max: string; note?: string }
  | { type: "manual_each"; effect: Effect; min: string; max: string }
  | { type: "unrecognized" };

const N = String.raw`(\d+(?:\.\d+)?)`;
const CN_NUM = "[一二两三四五六七八九十百\\d]+";
const COUNT_UNIT = "(?:件次|人次|次|件|个|项|条|起|例|家)";

const SENTENCE_SEPARATORS = /[。；;\n\r]+/g;
const CLAUSE_SEPARATORS = /[，,]/g;
const POINTS_MARKER_END = /[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]\s*$/;
const POINTS_MARKER_START = /^[（(]?\s*\d+(?:\.\d+)?\s*分\s*(?:[，,]|[)）])\s*/;
const ENUMERATION_START =
  /^(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.、．](?!\d)\s*|^[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）]\s*/;

const MODIFIER = new RegExp(
  String.raw`扣完为止|(?:最高|累计|最多|合计)?(?:加分)?不超过\s*${N}\s*分|满分\s*${N}\s*分|(?:最高|最多)(?:加|得)?\s*${N}\s*分(?!别)`,
);
const SCORING = /[扣加]\s*\d|不得分|减半|视情况?[扣加]|扣分|\d\s*分(?!钟)|得分|折算/;
const AMOUNT = new RegExp(String.raw`(扣|加)\s*${N}\s*分`);
const LEVEL = /被[^，,。；]{0,8}?(省市级|省部级|区级|市级|省级|国家级|中央级?)(?!\s*[（(]?\s*含\s*[)）]?\s*以上)/;
const LEVELS_BY_WORD: Record<string, SourceLevel[]> = {
  区级: ["district"],
  市级: ["city"],
  省级: ["province"],
  省部级: ["province"],
  省市级: ["city", "province"],
  国家级: ["national"],
  中央: ["national"],
  中央级: ["national"],
};
const EXTERNAL_RANK = /全市|全省|全国|全区|区县|县区/;

const CN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "3", "三", "十二", "二十" → a number (up to 999). */
export function chineseNumber(text: string): number {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  let total = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch === "百") {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (ch === "十") {
      total += (digit || 1) * 10;
      digit = 0;
    } else digit = CN_DIGITS[ch] ?? Number(ch);
  }
  return total + digit;
}

const amountText = (value: string) => formatPts(pts(value));

/** Splits text at separators into trimmed spans that keep their offsets. */
function split(text: string, separators: RegExp, offset = 0): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const push = (from: number, to: number) => {
    const raw = text.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body) spans.push({ text: body, start: offset + from + lead, end: offset + from + lead + body.length });
  };
  for (const m of text.matchAll(separators)) {
    push(start, m.index);
    start = m.index + m[0].length;
  }
  push(start, text.length);
  return spans;
}

/** Drops a sentence's points marker ("(3分)", a leading "5分,") and its numbering ("3."). */
function stripMarkers(sentence: Span): Span {
  let { text, start } = sentence;
  for (;;) {
    const lead = text.match(POINTS_MARKER_START) ?? text.match(ENUMERATION_START);
    if (!lead || lead[0].length === text.length) break;
    text = text.slice(lead[0].length);
    start += lead[0].length;
  }
  const tail = text.match(POINTS_MARKER_END);
  if (tail) text = text.slice(0, tail.index).trimEnd();
  return { text, start, end: start + text.length };
}

function classify(clause: string): "modifier" | "scoring" | "context" {
  const modifier = clause.match(MODIFIER);
  if (modifier && !SCORING.test(clause.replace(MODIFIER, "").replace(/不扣分/g, ""))) return "modifier";
  return SCORING.test(clause.replace(/不扣分/g, "")) ? "scoring" : "context";
}

/**
 * Groups a sentence's clauses into segments, one per scoring clause: context
 * clauses before it belong to it; modifiers (扣完为止, 满分X分) and trailing
 * context after the last scoring clause attach to the segment before them.
 * Returns the segments and any modifiers with no segment in this sentence.
 */
function segmentsOf(sentence: Span): { segments: Segment[]; looseCaps: { cap: string | null; text: string }[] } {
  const clauses = split(sentence.text, CLAUSE_SEPARATORS, sentence.start);
  const segments: Segment[] = [];
  const looseCaps: { cap: string | null; text: string }[] = [];
  let pending: Span[] = [];
  for (const clause of clauses) {
    const type = classify(clause.text);
    if (type === "scoring") {
      const first = pending[0] ?? clause;
      segments.push({ start: first.start, end: clause.end, caps: [], capTexts: [] });
      pending = [];
    } else if (type === "modifier") {
      const cap = capOf(clause.text);
      const last = segments.at(-1);
      if (last) {
        last.end = clause.end;
        if (cap !== null) {
          last.caps.push(cap);
          last.capTexts.push(clause.text);
        }
      } else looseCaps.push({ cap, text: clause.text });
      pending = [];
    } else pending.push(clause);
  }
  const last = segments.at(-1);
  if (last && pending.length) last.end = pending.at(-1)!.end;
  return { segments, looseCaps };
}

function capOf(clause: string): string | null {
  const m = clause.match(MODIFIER);
  const value = m?.slice(1).find((v) => v !== undefined);
  return value === undefined ? null : amountText(value);
}

/** The first percentage target a text states: 低于85% / 不足90% / 90%以上. */
function percentTarget(text: string): number | null {
  const m =
    text.match(new RegExp(String.raw`(?:低于|不足|少于|未达到|未达|达不到|高于|超过)\s*${N}\s*[%％]`)) ??
    text.match(new RegExp(String.raw`${N}\s*[%％]\s*(?:及)?以上`));
  return m ? Number(m[1]) : null;
}

/** A count or value condition in the text: 低于85% / 超过2件 / 2次以上 / 1件次的. */
function thresholdOf(text: string, forAmount: boolean): Threshold | null {
  const subjectBefore = (index: number) => {
    const before = text.slice(0, index);
    const clauseStart = Math.max(before.lastIndexOf("，"), before.lastIndexOf(","));
    return before
      .slice(clauseStart + 1)
      .replace(/[的\s:：、]+$/, "")
      .trim();
  };
  const below = text.match(new RegExp(String.raw`(?:低于|不足|少于|未达到|未达|达不到)\s*${N}\s*(%|％|个百分点|分|${COUNT_UNIT})?`));
  if (below) {
    const unit = below[2] === "％" ? "%" : below[2];
    const isCount = unit !== undefined && new RegExp(`^${COUNT_UNIT}$`).test(unit);
    return {
      op: "lt",
      value: Number(below[1]),
      type: isCount ? "count" : "number",
      ...(unit && { unit }),
      subject: subjectBefore(below.index!),
    };
  }
  const over = text.match(new RegExp(`超过\\s*(${CN_NUM})\\s*(${COUNT_UNIT})?`));
  if (over) return { op: "gt", value: chineseNumber(over[1]!), type: "count", subject: subjectBefore(over.index!) };
  const atLeast = text.match(new RegExp(`(${CN_NUM})\\s*(${COUNT_UNIT})\\s*(?:及|或)?以上`));
  if (atLeast) return { op: "ge", value: chineseNumber(atLeast[1]!), type: "count", subject: subjectBefore(atLeast.index!) };
  if (!forAmount) {
    const exactly = text.match(new RegExp(`(?:^|[^\\d.])(${CN_NUM})\\s*(${COUNT_UNIT})的`));
    if (exactly) {
      const index = exactly.index! + exactly[0].indexOf(exactly[1]!);
      return { op: "eq", value: chineseNumber(exactly[1]!), type: "count", subject: subjectBefore(index) };
    }
  }
  return null;
}

function isPerOccurrence(text: string, amountIndex: number): boolean {
  const before = text.slice(0, amountIndex);
  if (before.includes("每")) return true;
  if (new RegExp(`分\\s*/\\s*${COUNT_UNIT}`).test(text.slice(amountIndex))) return true;
  // 有一项未…的扣 / 漏报一次的扣 / 迟报1次的，扣 / 一条扣
  if (new RegExp(`有[一1]\\s*${COUNT_UNIT}`).test(before)) return true;
  return new RegExp(`(?:^|[^\\d.])[一1]\\s*${COUNT_UNIT}(?:的)?[，,]?\\s*$`).test(before);
}

/** Reads one segment. `lastPercent` is the target a previous sentence stated (接通率90%以上 … 每低1个百分点). */
function match(text: string, points: string | undefined, lastPercent: number | null): Match {
  const scoring = text.replace(/不扣分/g, "");
  const range = scoring.match(new RegExp(String.raw`(扣|加)\s*${N}\s*分?\s*[-－—–~～至到]\s*${N}\s*分`));
  if (range) {
    // 每发现一起扣1-3分: a reviewer's amount within the range for each finding.
    const perEach = scoring.slice(0, range.index).includes("每");
    const effect = range[1] === "加" ? "bonus" : "deduct";
    return { type: perEach ? "manual_each" : "manual", effect, min: amountText(range[2]!), max: amountText(range[3]!) };
  }
  const discretion = scoring.match(new RegExp(String.raw`视情况?(?:进行)?(扣|加)(?:\s*${N}\s*分)?`));
  if (discretion) {
    const max = discretion[2] ?? points;
    if (max === undefined) return { type: "unrecognized" };
    return { type: "manual", effect: discretion[1] === "加" ? "bonus" : "deduct", min: "0", max: amountText(max) };
  }
  const rankTop = scoring.match(new RegExp(`排名前\\s*(${CN_NUM})\\s*[位名]`));
  const inTurn = scoring.match(/依次(加|扣)((?:\s*\d+(?:\.\d+)?\s*分?\s*[、，,和及]?)+)/);
  if (rankTop && inTurn) {
    const amounts = [...inTurn[2]!.matchAll(/\d+(?:\.\d+)?/g)].map((m) => amountText(m[0]));
    const reading = amounts.map((a, i) => `第${i + 1}名${inTurn[1]}${a}分`).join("、");
    return {
      type: "rank_table",
      effect: inTurn[1] === "加" ? "bonus" : "deduct",
      amounts,
      external: EXTERNAL_RANK.test(scoring),
      note: `“依次${inTurn[1]}”按原文顺序读作${reading}；若原意为名次越前${inTurn[1]}分越多，请调换顺序。并列按竞争排名（1、1、3）。`,
    };
  }
  const rankAfter = scoring.match(new RegExp(`第\\s*(${CN_NUM})\\s*[名位](?:之后|以后)`));
  const perPlace = scoring.match(new RegExp(String.raw`每(?:下降|后退|下滑|降低|落后)\s*[1一]\s*[位名]\s*(?:的)?\s*(扣|加)\s*${N}\s*分`));
  if (rankAfter && perPlace) {
    return {
      type: "rank_step",
      effect: perPlace[1] === "加" ? "bonus" : "deduct",
      after: chineseNumber(rankAfter[1]!),
      amount: amountText(perPlace[2]!),
      external: EXTERNAL_RANK.test(scoring),
    };
  }
  const delay = scoring.match(
    new RegExp(String.raw`每(?:延迟|逾期|超期|推迟|拖延|晚)\s*(?:[一1]\s*)?(个?工作日|天|日)\s*(扣|加)\s*${N}\s*分`),
  );
  if (delay) {
    return {
      type: "per_step",
      effect: delay[2] === "加" ? "bonus" : "deduct",
      direction: "above",
      threshold: 0,
      amount: amountText(delay[3]!),
      unit: delay[1]!.replace("个", "") === "工作日" ? "工作日" : "天",
    };
  }
  const percent = scoring.match(new RegExp(String.raw`每(低|下降|降低|少|高|提高|超过|多)\s*[1一]\s*个?百分点\s*(扣|加)\s*${N}\s*分`));
  if (percent) {
    const threshold = percentTarget(scoring) ?? lastPercent;
    if (threshold === null) return { type: "unrecognized" };
    return {
      type: "per_step",
      effect: percent[2] === "加" ? "bonus" : "deduct",
      direction: /低|下降|降低|少/.test(percent[1]!) ? "below" : "above",
      threshold,
      amount: amountText(percent[3]!),
      unit: "%",
    };
  }
  // 2.3项同时不得分: an effect on other indicators (alsoZero) needs a person to name them.
  if (/同时不得分/.test(scoring)) return { type: "unrecognized" };
  if (/不得分/.test(scoring)) return { type: "when", outcome: "zero", threshold: thresholdOf(scoring, false) };
  if (/减半/.test(scoring)) return { type: "when", outcome: "half", threshold: thresholdOf(scoring, false) };
  const amount = scoring.match(AMOUNT);
  if (amount && !/分别/.test(scoring)) {
    const effect: Effect = amount[1] === "加" ? "bonus" : "deduct";
    const level = scoring.match(LEVEL);
    if (level || isPerOccurrence(scoring, amount.index!)) {
      const levels = level ? Object.fromEntries(LEVELS_BY_WORD[level[1]!]!.map((l) => [l, amountText(amount[2]!)])) : null;
      return { type: "per_count", effect, amount: amountText(amount[2]!), levels };
    }
    return { type: "when", outcome: effect, amount: amountText(amount[2]!), threshold: thresholdOf(scoring, true) };
  }
  return { type: "unrecognized" };
}

/** 0 → a, 25 → z, 26 → aa: the sentence's letter in fact keys. */
function letters(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    n -= 1;
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26);
  }
  return out;
}

/** "1.2.3" → "1_2_3"; codes with other characters get a short stable hash so keys stay distinct. */
export function codeSlug(code: string): string {
  const slug = code
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (/^[A-Za-z0-9._\-\s]*$/.test(code) && slug) return slug;
  let hash = 0x811c9dc5;
  for (const ch of code) hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return `${slug ? `${slug}_` : ""}${hash.toString(36)}`;
}

const levelsInOrder = (levels: Partial<Record<SourceLevel, string>>) =>
  Object.fromEntries(SOURCE_LEVELS.filter((l) => levels[l] !== undefined).map((l) => [l, levels[l]!])) as Partial<
    Record<SourceLevel, string>
  >;

/** Merges 被市级通报的…扣0.2分，被省级通报的…扣0.5分 (same sentence, different levels) into one rule. */
function mergeLevels(items: { segment: Segment; match: Match }[]): { segment: Segment; match: Match }[] {
  const out: { segment: Segment; match: Match }[] = [];
  for (const item of items) {
    const prev = out.at(-1);
    const m = item.match;
    const p = prev?.match;
    if (
      prev &&
      p?.type === "per_count" &&
      m.type === "per_count" &&
      p.levels &&
      m.levels &&
      p.effect === m.effect &&
      !prev.segment.caps.length &&
      Object.keys(m.levels).every((l) => !(l in p.levels!))
    ) {
      p.levels = levelsInOrder({ ...p.levels, ...m.levels });
      prev.segment = { ...prev.segment, end: item.segment.end, caps: item.segment.caps, capTexts: item.segment.capTexts };
      continue;
    }
    out.push({ segment: { ...item.segment }, match: m.type === "per_count" && m.levels ? { ...m, levels: levelsInOrder(m.levels) } : m });
  }
  return out;
}

/**
 * Recognises the rules of one indicator's scoring text. Fact keys are
 * `f_<code>_<sentence letter>[n]` (e.g. f_1_2_3_b, f_1_2_3_b2 for a second
 * fact in the same sentence), rule ids `<code>-<n>`, every rule's text the
 * sentence (or the clauses of it that make the rule) verbatim. A boolean fact
 * means "what this text describes happened" (未提供…的 → true), so a unit
 * without facts keeps its points.
 */
export function recognizeRules(text: string, options: RecognizeOptions): RecognizedRules {
  const slug = codeSlug(options.indicatorCode);
  const points = options.points !== undefined && isPointsText(options.points) ? options.points : undefined;
  const rules: Rule[] = [];
  const facts: FactDef[] = [];
  const unrecognized: string[] = [];
  const bySubject = new Map<string, string>();
  let lastCountFact: string | null = null;
  let lastPercent: number | null = null;
  let lastRule: Rule | null = null;
  const defaultEffect: Effect = options.part === "bonus" ? "bonus" : "deduct";
  const manualMax = (segmentText: string) => {
    const stated = [...segmentText.matchAll(/(\d+(?:\.\d+)?)\s*分(?!钟)/g)].map((m) => m[1]!).filter(isPointsText);
    if (stated.length) return amountText(stated.reduce((a, b) => (pts(b) > pts(a) ? b : a)));
    return points !== undefined ? amountText(points) : "0";
  };
  const addManual = (ruleText: string) => {
    const effect: Effect = /加\s*\d/.test(ruleText) && !/扣/.test(ruleText) ? "bonus" : defaultEffect;
    rules.push({
      id: `${options.indicatorCode}-${rules.length + 1}`,
      kind: "manual",
      effect,
      min: "0",
      max: manualMax(ruleText),
      text: ruleText,
    });
    unrecognized.push(ruleText);
  };

  const sentences = split(text, SENTENCE_SEPARATORS);
  sentences.forEach((raw, index) => {
    const sentence = stripMarkers(raw);
    if (!sentence.text) return;
    const base = `f_${slug}_${letters(index)}`;
    let factsInSentence = 0;
    const newFact = (fact: Omit<FactDef, "key">): string => {
      factsInSentence += 1;
      const key = factsInSentence === 1 ? base : `${base}${factsInSentence}`;
      facts.push({ key, ...fact });
      return key;
    };
    const { segments, looseCaps } = segmentsOf(sentence);
    for (const loose of looseCaps) {
      const cappable = lastRule && (lastRule.kind === "per_count" || lastRule.kind === "per_step" || lastRule.kind === "rank_step");
      if (loose.cap === null) continue; // 扣完为止: the default floor
      if (cappable) Object.assign(lastRule!, { cap: loose.cap });
      else unrecognized.push(loose.text);
    }
    const matched = segments.map((segment) => {
      const segmentText = text.slice(segment.start, segment.end);
      let m: Match;
      try {
        m = match(segmentText, points, lastPercent);
      } catch {
        m = { type: "unrecognized" }; // an amount with more than 4 decimals: not a points value
      }
      lastPercent = percentTarget(segmentText) ?? lastPercent;
      return { segment, match: m };
    });
    lastPercent = percentTarget(sentence.text) ?? lastPercent;
    for (const { segment, match: m } of mergeLevels(matched)) {
      const ruleText = text.slice(segment.start, segment.end);
      const id = `${options.indicatorCode}-${rules.length + 1}`;
      const label = ruleText;
      let rule: Rule;
      switch (m.type) {
        case "unrecognized":
          addManual(ruleText);
          lastRule = rules.at(-1)!;
          continue;
        case "per_count": {
          const fact = newFact({ label, type: "count", ...(m.levels && { byLevel: true }) });
          lastCountFact = fact;
          rule = m.levels
            ? { id, kind: "per_count", effect: m.effect, fact, amountByLevel: m.levels, text: ruleText }
            : { id, kind: "per_count", effect: m.effect, fact, amount: m.amount, text: ruleText };
          break;
        }
        case "per_step": {
          const fact = newFact({ label, type: "number", unit: m.unit });
          rule = {
            id,
            kind: "per_step",
            effect: m.effect,
            fact,
            direction: m.direction,
            threshold: m.threshold,
            step: 1,
            amount: m.amount,
            rounding: "floor",
            text: ruleText,
          };
          break;
        }
        case "when": {
          let condition: Condition;
          if (m.threshold) {
            const t = m.threshold;
            const shared = t.type === "count" ? (t.subject ? bySubject.get(t.subject) : (lastCountFact ?? undefined)) : undefined;
            const fact = shared ?? newFact({ label, type: t.type, ...(t.unit && { unit: t.unit }) });
            if (t.type === "count") {
              if (t.subject && !bySubject.has(t.subject)) bySubject.set(t.subject, fact);
              lastCountFact = fact;
            }
            condition = { fact, op: t.op, value: t.value };
          } else condition = { fact: newFact({ label, type: "boolean" }), is: true };
          rule =
            m.outcome === "zero" || m.outcome === "half"
              ? { id, kind: "when", condition, outcome: m.outcome, text: ruleText }
              : { id, kind: "when", condition, outcome: m.outcome, amount: m.amount!, text: ruleText };
          break;
        }
        case "rank_table": {
          const fact = newFact({ label, type: m.external ? "rank" : "number" });
          const source = m.external ? { rankFact: fact } : { rankBy: fact, order: "desc" as const };
          rule = { id, kind: "rank_table", effect: m.effect, source, amounts: m.amounts, text: ruleText, note: m.note };
          break;
        }
        case "rank_step": {
          const fact = newFact({ label, type: m.external ? "rank" : "number" });
          const source = m.external ? { rankFact: fact } : { rankBy: fact, order: "desc" as const };
          rule = { id, kind: "rank_step", effect: m.effect, source, after: m.after, amount: m.amount, text: ruleText };
          break;
        }
        case "manual":
          rule = { id, kind: "manual", effect: m.effect, min: m.min, max: m.max, text: ruleText, ...(m.note && { note: m.note }) };
          break;
        case "manual_each":
          rule = { id, kind: "manual_each", effect: m.effect, min: m.min, max: m.max, text: ruleText };
          break;
      }
      const cap = segment.caps.at(-1);
      if (cap !== undefined) {
        if (rule.kind === "per_count" || rule.kind === "per_step" || rule.kind === "rank_step" || rule.kind === "manual_each")
          rule.cap = cap;
        else unrecognized.push(...segment.capTexts);
      }
      rules.push(rule);
      lastRule = rule;
    }
  });

  const content = sentences.map(stripMarkers).some((s) => s.text);
  if (!rules.length && !unrecognized.length && content && points !== undefined) addManual(text.trim());
  return { rules, facts, unrecognized };
}
