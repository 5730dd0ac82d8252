import type { GuideFinding, GuideResult } from "./checker.ts";
import type { CheckHit, GuideCheck, GuideElementId } from "./elements.ts";
import type { GuideMaterial, ServiceGuide } from "./model.ts";
import { isUrl } from "./text.ts";

/**
 * Link reachability (seed 000: “有无乱码、死链等情况”). Whether a link is written
 * as a link is an ordinary check (G-CONT-18, G-CONT-19); whether it opens needs
 * the network, so it lives outside GUIDE_CHECKS: this module lists a guide's
 * links and turns the server's answers (server/src/platform/net/links.ts) into
 * findings, and stays pure.
 */

/** The elements a link can belong to: a dead form link fails 空表、样表准确性 (seed 000 names 死链 there). */
export type LinkElement = Extract<GuideElementId, "formLinks" | "flowchart" | "links">;

/** One http(s) URL of a guide: where it is written, and the element a dead link fails. */
export interface GuideLink {
  path: string;
  url: string;
  element: LinkElement;
}

/** What opening a URL gave. `ms` is the time the whole check of that URL took. */
export interface LinkResult {
  url: string;
  ok: boolean;
  /** The final HTTP status (after redirects), when there was an answer. */
  status?: number;
  reason?: "timeout" | "network" | "http";
  /** For "network": the error code (ECONNREFUSED, ENOTFOUND …) or message. */
  detail?: string;
  ms: number;
}

export const LINK_CHECK_ID = "G-LINK-01";

const NONE: CheckHit[] = Object.freeze([]) as unknown as CheckHit[];

/**
 * The metadata of the reachability check, so reports can show its message and
 * fix like any other. Its run() finds nothing: the check needs the network,
 * which a pure checker has not (see linkFindings).
 */
export const LINK_REACHABILITY_CHECK: GuideCheck = {
  id: LINK_CHECK_ID,
  element: "links",
  severity: "error",
  seed: "000: “空表、样表准确性”：“有无乱码、死链等情况”",
  message: { zh: "链接无法打开（死链）", en: "The link does not open (dead link)" },
  fix: {
    zh: "打开链接核对：改正地址，或把文件重新上传、恢复到原地址；链接须长期可访问",
    en: "Open the link: correct the address, or upload the file again or restore it; links must stay reachable",
  },
  run: () => NONE,
};

/** Attachments (`attachment:<id>`) and text that is not an http(s) URL are left out: they cannot be opened. */
function push(links: GuideLink[], path: string, value: string | null, element: LinkElement): void {
  if (value !== null && isUrl(value)) links.push({ path, url: value.trim(), element });
}

function pushMaterials(links: GuideLink[], base: string, materials: readonly GuideMaterial[]): void {
  materials.forEach((m, i) => {
    push(links, `${base}.${i}.blankFormUrl`, m.blankFormUrl, "formLinks");
    push(links, `${base}.${i}.sampleFormUrl`, m.sampleFormUrl, "formLinks");
  });
}

/** Every http(s) URL of a guide with its path. Not deduplicated: the same URL in two places is two findings when dead. */
export function guideLinks(guide: ServiceGuide): GuideLink[] {
  const links: GuideLink[] = [];
  push(links, "flowchartUrl", guide.flowchartUrl, "flowchart");
  push(links, "onlineUrl", guide.onlineUrl, "links");
  push(links, "mobileUrl", guide.mobileUrl, "links");
  pushMaterials(links, "materials", guide.materials);
  guide.situations.forEach((s, i) => {
    pushMaterials(links, `situations.${i}.materials`, s.materials);
  });
  return links;
}

/** Seconds with at most one decimal: a 200 ms test limit must not read “0 秒”. */
const seconds = (ms: number) => String(Math.round(ms / 100) / 10);

/** Why a link failed, in the words of the report. */
export function linkFailureDetail(result: LinkResult): string {
  if (result.reason === "http" || (result.reason === undefined && result.status !== undefined)) return `HTTP ${result.status}`;
  if (result.reason === "timeout") return `超时（${seconds(result.ms)} 秒）`;
  return `连接失败：${result.detail ?? "未知错误"}`;
}

/**
 * A finding for each of a guide's links that did not open. A link without a
 * result (not checked) gives none: not knowing is not a dead link.
 */
export function linkFindings(
  links: readonly GuideLink[],
  results: ReadonlyMap<string, LinkResult> | readonly LinkResult[],
): GuideFinding[] {
  const byUrl: ReadonlyMap<string, LinkResult> = "get" in results ? results : new Map(results.map((r) => [r.url, r]));
  const findings: GuideFinding[] = [];
  for (const link of links) {
    const result = byUrl.get(link.url);
    if (!result || result.ok) continue;
    const { id: checkId, severity } = LINK_REACHABILITY_CHECK;
    findings.push({ checkId, element: link.element, severity, path: link.path, detail: linkFailureDetail(result) });
  }
  return findings;
}

/** A checker result with link findings added: their elements fail, as any error's would. */
export function withLinkFindings(result: GuideResult, findings: readonly GuideFinding[]): GuideResult {
  if (findings.length === 0) return result;
  const elements = { ...result.elements };
  for (const finding of findings) if (finding.severity !== "info") elements[finding.element] = false;
  return { findings: [...result.findings, ...findings], elements };
}
