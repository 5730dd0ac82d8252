import {
  CASE_TYPE_LABELS,
  type GuideLimit,
  type GuideLocation,
  type GuideMaterial,
  ITEM_TYPE_LABELS,
  LEVEL_LABELS,
  LIMIT_UNIT_LABELS,
  MEDIUM_LABELS,
  NECESSITY_LABELS,
  SERVICE_OBJECT_LABELS,
  type ServiceGuide,
} from "./model.ts";
import { isUrl } from "./text.ts";

/**
 * A guide as linked data: schema.org's GovernmentService, which search engines
 * and portals read, typed at once as a CPSV-AP public service (the European
 * vocabulary for public-service catalogues) so either kind of consumer finds
 * its terms. Values stay in Chinese, as published. Details with no term in
 * either vocabulary (时限单位, 必要性, 份数 …) travel as schema.org PropertyValues
 * named in Chinese, rather than as invented terms a consumer cannot look up.
 */

export const GOVERNMENT_SERVICE_CONTEXT = {
  "@vocab": "https://schema.org/",
  cpsv: "http://purl.org/vocab/cpsv#",
  cv: "http://data.europa.eu/m8g/",
  dct: "http://purl.org/dc/terms/",
} as const;

export interface GovernmentServiceOptions {
  /** Where guides are published: the document's @id is this plus the implementation code. Without it, no @id. */
  baseUrl?: string;
}

type Node = Record<string, unknown>;

/** Drops what says nothing (undefined, null, blank text, empty lists), so a sparse guide gives a sparse document. */
function node(entries: Node): Node {
  const kept: Node = {};
  for (const [key, value] of Object.entries(entries)) {
    if (value === undefined || value === null) continue;
    if (typeof value === "string" && value.trim() === "") continue;
    if (Array.isArray(value) && value.length === 0) continue;
    kept[key] = typeof value === "string" ? value.trim() : value;
  }
  return kept;
}

/** A named value; none when it has no value. */
function property(name: string, value: unknown, unitText?: string, description?: string): Node | undefined {
  if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) return undefined;
  if (Array.isArray(value) && value.length === 0) return undefined;
  return node({ "@type": "PropertyValue", name, value, unitText, description });
}

const present = <T>(items: (T | undefined)[]): T[] => items.filter((item): item is T => item !== undefined);

/**
 * ISO 8601 days (“P5D”). A duration knows only calendar days, so for working
 * days it is the count, not the span: the unit goes with it in a PropertyValue.
 */
const duration = (limit: GuideLimit) =>
  limit.days !== null && Number.isFinite(limit.days) && limit.days >= 0 ? `P${limit.days}D` : undefined;

const limitProperty = (name: string, limit: GuideLimit) =>
  property(name, limit.days, limit.unit ? LIMIT_UNIT_LABELS[limit.unit] : undefined, limit.note);

function provider(guide: ServiceGuide): Node | undefined {
  if (guide.implementingBody.trim() === "" && guide.bodyCode.trim() === "") return undefined;
  const phones = present([contact(guide.consultationPhone, "咨询电话"), contact(guide.supervisionPhone, "监督投诉电话")]);
  return node({ "@type": "GovernmentOrganization", name: guide.implementingBody, identifier: guide.bodyCode, contactPoint: phones });
}

const contact = (telephone: string, contactType?: string) =>
  telephone.trim() === "" ? undefined : node({ "@type": "ContactPoint", telephone, contactType });

function hallChannel(location: GuideLocation): Node {
  const place = node({ "@type": "Place", name: location.window, address: location.address });
  return node({
    "@type": "ServiceChannel",
    name: "窗口办理",
    serviceLocation: Object.keys(place).length > 1 ? place : undefined,
    hoursAvailable: location.hours,
    servicePhone: contact(location.phone),
  });
}

/** Links only: “无” or an attachment id in a link field is no channel. */
const onlineChannel = (name: string, url: string | null) =>
  isUrl(url) ? node({ "@type": "ServiceChannel", name, serviceUrl: url!.trim() }) : undefined;

function channels(guide: ServiceGuide): Node[] {
  return [
    ...guide.locations.map(hallChannel),
    ...present([onlineChannel("网上办理", guide.onlineUrl), onlineChannel("移动端办理", guide.mobileUrl)]),
  ];
}

function evidence(material: GuideMaterial, situation?: string): Node {
  const details = present([
    property("办理情形", situation),
    property("必要性", material.necessity ? NECESSITY_LABELS[material.necessity] : undefined),
    property(
      "介质",
      material.media.map((medium) => MEDIUM_LABELS[medium]),
    ),
    property("原件份数", material.originals),
    property("复印件份数", material.copies),
    property("来源渠道", material.source),
    property("出具单位", material.issuer),
    property("填报要求", material.form),
    property("受理标准", material.acceptanceStandard),
    // Attachment ids (“attachment:…”) are not links: only real URLs are published.
    property("空表下载", isUrl(material.blankFormUrl) ? material.blankFormUrl : undefined),
    property("样表下载", isUrl(material.sampleFormUrl) ? material.sampleFormUrl : undefined),
  ]);
  return node({ "@type": "cv:Evidence", name: material.name, "dct:identifier": material.code, additionalProperty: details });
}

/** Every material, those of a situation named with it: what an applicant may have to bring. */
function inputs(guide: ServiceGuide): Node[] {
  const own = guide.materials.map((material) => evidence(material));
  const bySituation = guide.situations.flatMap((situation) => situation.materials.map((material) => evidence(material, situation.name)));
  return [...own, ...bySituation];
}

function legalResources(guide: ServiceGuide): Node[] {
  return guide.legalBases.map((basis) =>
    node({ "@type": "Legislation", name: basis.name, articleSection: basis.article, text: basis.text }),
  );
}

function costs(guide: ServiceGuide): Node[] {
  return guide.fees.map((fee) =>
    node({
      "@type": "cv:Cost",
      name: fee.name,
      description: fee.standard,
      additionalProperty: present([property("收费依据", fee.basis)]),
    }),
  );
}

function details(guide: ServiceGuide): Node[] {
  return present([
    property("基本编码", guide.basicCode),
    property("行使层级", guide.level ? LEVEL_LABELS[guide.level] : undefined),
    property("办件类型", guide.caseType ? CASE_TYPE_LABELS[guide.caseType] : undefined),
    limitProperty("法定办结时限", guide.legalLimit),
    limitProperty("承诺办结时限", guide.promisedLimit),
    property("到办事现场次数", guide.visits, "次", guide.visitReason),
    property("网办深度", guide.onlineDepth),
  ]);
}

function documentId(guide: ServiceGuide, baseUrl: string | undefined): string | undefined {
  if (!baseUrl || guide.implementationCode.trim() === "") return undefined;
  return `${baseUrl.replace(/\/+$/, "")}/${encodeURIComponent(guide.implementationCode.trim())}`;
}

/**
 * The guide as a JSON-LD GovernmentService / cpsv:PublicService. Pure and
 * deterministic: the same guide gives the same document, key for key, and it
 * is plain JSON. Nothing is said that the guide does not state: an empty field
 * is left out (no areaServed: the model records no area).
 */
export function toGovernmentService(guide: ServiceGuide, options: GovernmentServiceOptions = {}): Record<string, unknown> {
  return node({
    "@context": { ...GOVERNMENT_SERVICE_CONTEXT },
    "@id": documentId(guide, options.baseUrl),
    "@type": ["GovernmentService", "cpsv:PublicService"],
    identifier: guide.implementationCode,
    "dct:identifier": guide.implementationCode,
    name: guide.name,
    serviceType: guide.itemType ? ITEM_TYPE_LABELS[guide.itemType] : undefined,
    provider: provider(guide),
    audience: guide.serviceObjects.map((object) => ({ "@type": "Audience", audienceType: SERVICE_OBJECT_LABELS[object] })),
    availableChannel: channels(guide),
    processingTime: duration(guide.promisedLimit),
    termsOfService: guide.acceptanceConditions,
    isAccessibleForFree: guide.charged === null ? undefined : !guide.charged,
    "cpsv:hasInput": inputs(guide),
    "cv:hasLegalResource": legalResources(guide),
    "cv:hasCost": costs(guide),
    additionalProperty: details(guide),
  });
}
