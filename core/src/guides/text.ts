/**
 * Text tests the guide checks share. Regular expressions are built once at
 * load: the checker runs tens of thousands of guides a second (bench:guides).
 */

/** Words that stand in for content (“无”, “详见…”, “见附件”, “符合条件”): present, but saying nothing. */
const PLACEHOLDER = /^(?:无|暂无|空|略|\/|-+|—+|null|n\/a|na|见附件.*|详见.*|参见.*|符合条件的?.*|按规定.*|其他|等)$/i;

export function isBlank(value: string | null | undefined): boolean {
  return !value || value.trim() === "";
}

/** The first character every placeholder starts with (after leading white space): most content is passed on this alone. */
const PLACEHOLDER_START = /^\s*[无暂空略/\-—nN见详参符按其等]/;

/** True for a placeholder standing where content is required. */
export function isPlaceholder(value: string | null | undefined): boolean {
  if (!value || !PLACEHOLDER_START.test(value)) return false;
  const trimmed = value.trim().replace(/[。.；;，,]+$/u, "");
  return trimmed !== "" && trimmed.length <= 40 && PLACEHOLDER.test(trimmed);
}

/** Blank or a placeholder: no usable content. */
export function isEmptyContent(value: string | null | undefined): boolean {
  return isBlank(value) || isPlaceholder(value);
}

/**
 * UTF-8 Chinese read as GBK: each 3-byte character becomes 1.5 GBK characters, so
 * a run of three or more garbled characters reads A B x A …, where A is a GBK
 * character with lead byte E4–E9 and trail byte 80–BF (the first two bytes of a
 * UTF-8 CJK character) and B one with lead byte 81–BF and trail byte E4–E9 (the
 * last byte of one character and the first of the next). A-characters are rare in
 * real text (two in the 34 000 characters of the seeds) and never in that rhythm.
 * Generated once with TextDecoder("gbk"); kept as text so core needs no decoder.
 */
const GBK_LEAD =
  "妗妞妤妫妯妲妾姊姒姗姘姝姣姹娅娆娈娉娌娑娓娣娲娴娼婀婊婕婢婧婵宀宄宓宕宥宸寤寮寰搴杈杌杓杞杩棣棰椁椋椐椤椴椹楂楗楝楠楣楦楫楱楸楹榀榄榇榈榉榘榛榧榫榭榻槌槎洄洇洌洎洙洚洧洫洮洳洵洹浃浈浍浏浒浔浜浞浠浣浯浼涑涓涔涞涠淇渚澧澶澹濂濉濞濠濡濮濯瀚瀛瀣瀵瀹灏灞琚琛瑁瑕瑗瑙瑜瑭瑷瑾璀璁璇璋璎璐璜璞璧璨璩璺瓒甯纭纰纾绀绁绂绉绋绌绐绔绗绛绠绡绨绫绮绯绱绲绶绺绻绾缁缂缃缇缈缍褰蹇鋩鋪鋫鋬鋭鋮鋯鋰鋱鋲鋳鋴鋵鋶鋷鋸鋹鋺鋻鋼鋽鋾鋿錀錁錂錃錄錅錆錇錈錉鍊鍋鍌鍍鍎鍏鍐鍑鍒鍓鍔鍕鍖鍗鍘鍙鍚鍛鍜鍝鍞鍟鍠鍡鍢鍣鍤鍥鍦鍧鍨鍩鍫鎬鎭鎮鎯鎰鎱鎲鎳鎴鎵鎶鎷鎸鎹鎺鎻鎼鎽鎾鎿鏀鏁鏂鏃鏄鏅鏆鏇鏈鏉鏋鏌鏍鐎鐏鐐鐑鐒鐓鐔鐕鐖鐗鐘鐙鐚鐛鐜鐝鐞鐟鐠鐡鐢鐣鐤鐥鐦鐧鐨鐩鐪鐫鐬鐭鐮鑰鑱鑲鑳鑴鑵鑶鑷鑸鑹鑺鑻鑼鑽鑾鑿钀钁钂钃钄钑钖钘铇铏铓铔铚铦铻锜锠閫閬閭閮閯閰閱閲閳閴閵閶閷閸閹閺閻閼閽閾閿闀闁闂闃闄闅闆闇闈闉闊闋韪韫韬骞";
const GBK_BRIDGE =
  "¤туфхцч′″℃╀╁╂╃╄╅やゅゆょよらヤュユョヨラㄤㄥㄦㄧㄨㄩ㈠㈡㈢㈣㈤介伴佃佷佸佹佺佽侀借備傚傛傜傝傞充典兼冧冨冩冪冭冮冲剁剧勪勫勬勭勮勯卞叉变句告呬呭呮呯呰呴哄哥嗕嗗嗘嗙嗚嗛囦囧囨囩囪囬圭块垫垮堕堜堝堟堢堣堥変夊夋夌夎夐夸奸婁婂婃婄婅婇婚嬩嬪嬫嬬嬭嬮存宠寸屼屽屾岀岃岄峰崇嶄嶅嶆嶇嶈嶉庝庡庢庣庤庨归忎忓忔忕忚忛惧惰愪愬愭愮愯愰戒戜戝戞戠戣戦扮抽拌挎捐掍掑掓掔掕掗插搁撮撲撳撴撶撹撻斾斿旀旂旇旈昏曚曞曟曠曡曢朵村板查栦栧栨栫栬栭椾楀楁楃楄楅樹樺樻樼樿橀欎欏欐欑欒欓歌氫氬氭氱氳氶洪涗涘涙涚涜涢滀滃滄滅滆滈濅濆濇濈濊濋炬炰炲炴炵炶為烘烽煎熶熷熸熺熻熼版犱犲犳犵犺犻瑰电甸界疯硅磋稿绘翠肩胯舵艰芥茬茶荤藉虫虹蜂规讳诲跨跺蹭轰辨辩辫逛遍锋镐间靛颁风鸿鹃︽︾︿﹀﹁﹂＄ｄｅｆｇｈｉ￠";

/** UTF-8 read as Latin-1 / Windows-1252: continuation bytes 80–BF as cp1252 shows them (after a lead byte E2–EF: CJK and punctuation). */
const CP1252_CONTINUATION =
  "\\u00A0-\\u00BF\\u0152\\u0153\\u0160\\u0161\\u0178\\u017D\\u017E\\u0192\\u02C6\\u02DC\\u2013\\u2014\\u2018-\\u201A\\u201C-\\u201E\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203A\\u20AC\\u2122";

// U+FFFD (replacement character), C1 controls, classic UTF-8-read-as-Latin-1 sequences (Latin and Chinese text),
// “锟斤拷”-style debris, and UTF-8 Chinese read as GBK.
const MOJIBAKE = new RegExp(
  "\\uFFFD|[\\u0080-\\u009F]|(?:Ã.|Â.|â€.){2,}|锟斤拷|烫烫烫|屯屯屯|(?:[鍙鏂鐨浜勫嗗姟璇][^\\s]){3,}" +
    `|(?:[\\u00E2-\\u00EF][${CP1252_CONTINUATION}]{2}){2}` +
    `|[${GBK_LEAD}][${GBK_BRIDGE}].[${GBK_LEAD}]`,
  "u",
);

/**
 * Every MOJIBAKE match holds at least one of these characters. A table lookup per
 * character (about 1 ns) passes clean text without running the expression, which
 * costs several nanoseconds per CJK character (its large classes): the guide
 * checker tests every string of every guide.
 */
const SUSPECT = new Uint8Array(0x10000);
SUSPECT.fill(1, 0x80, 0xa0); // C1 controls
SUSPECT.fill(1, 0xc2, 0xf0); // UTF-8 lead bytes shown as Latin-1 (Â, Ã, â, ç, è …)
SUSPECT[0xfffd] = 1;
for (const ch of `锟烫屯鍙鏂鐨浜勫嗗姟璇${GBK_LEAD}`) SUSPECT[ch.charCodeAt(0)] = 1;

/** Signs of garbled text (乱码): replacement characters, mis-decoded UTF-8, C1 control characters. */
export function hasMojibake(value: string | null | undefined): boolean {
  if (!value) return false;
  for (let i = 0; i < value.length; i++) if (SUSPECT[value.charCodeAt(i)] === 1) return MOJIBAKE.test(value);
  return false;
}

const URL_SYNTAX = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

/** An absolute http(s) URL as written (reachability is a separate, optional check). */
export function isUrl(value: string | null | undefined): boolean {
  return !!value && URL_SYNTAX.test(value.trim());
}
