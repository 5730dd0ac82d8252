import type { ServiceGuide } from "./model.ts";

/**
 * The elements of a guide the checker reports on: the 办事指南准确度 checklist
 * of seed 000 (its third-level indicators) and the elements seed 002 adds. Each
 * element has a default owner kind (seed 002: “实体性部分各项要素内容，由相关
 * 市级业务主管部门负责规范完善；程序性部分各项要素内容，由各区级部门负责”);
 * the registry lets an office change the owner per element.
 */
export type Ownership = "substantive" | "procedural";

export const OWNERSHIP_LABELS: Record<Ownership, string> = { substantive: "实体性要素", procedural: "程序性要素" };

export interface GuideElement {
  label: string;
  group: "基本信息" | "申请材料" | "办理流程" | "表格及样表下载" | "收费信息" | "受理条件与情形" | "全文";
  ownership: Ownership;
}

export const GUIDE_ELEMENTS = {
  itemType: { label: "事项类型", group: "基本信息", ownership: "substantive" },
  authoritySource: { label: "权力来源", group: "基本信息", ownership: "substantive" },
  quantityLimit: { label: "许可数量", group: "基本信息", ownership: "substantive" },
  caseType: { label: "办件类型", group: "基本信息", ownership: "procedural" },
  itemCode: { label: "事项编码", group: "基本信息", ownership: "substantive" },
  serviceObjects: { label: "服务对象", group: "基本信息", ownership: "substantive" },
  legalLimit: { label: "法定办结时限", group: "基本信息", ownership: "substantive" },
  promisedLimit: { label: "承诺办结时限", group: "基本信息", ownership: "procedural" },
  location: { label: "办理地点", group: "基本信息", ownership: "procedural" },
  hours: { label: "办理时间", group: "基本信息", ownership: "procedural" },
  consultationPhone: { label: "联系电话", group: "基本信息", ownership: "procedural" },
  supervisionPhone: { label: "监督电话", group: "基本信息", ownership: "procedural" },
  phoneAccuracy: { label: "电话准确性", group: "基本信息", ownership: "procedural" },
  legalBasis: { label: "设定依据", group: "基本信息", ownership: "substantive" },
  specialProcedures: { label: "中介机构或特殊环节", group: "基本信息", ownership: "substantive" },
  materialName: { label: "材料名称", group: "申请材料", ownership: "substantive" },
  materialSource: { label: "材料来源或出具单位", group: "申请材料", ownership: "substantive" },
  materialQuantity: { label: "数量要求", group: "申请材料", ownership: "procedural" },
  materialMedium: { label: "介质要求", group: "申请材料", ownership: "procedural" },
  processSteps: { label: "流程环节完备性", group: "办理流程", ownership: "procedural" },
  processDetail: { label: "流程内容详实性", group: "办理流程", ownership: "procedural" },
  flowchart: { label: "流程图完整性、规范性", group: "办理流程", ownership: "procedural" },
  visits: { label: "到办事现场次数", group: "办理流程", ownership: "procedural" },
  blankForm: { label: "空表下载服务", group: "表格及样表下载", ownership: "procedural" },
  sampleForm: { label: "样表下载服务", group: "表格及样表下载", ownership: "procedural" },
  formLinks: { label: "空表、样表准确性", group: "表格及样表下载", ownership: "procedural" },
  feeFlag: { label: "收费明确标识", group: "收费信息", ownership: "substantive" },
  feeStandard: { label: "收费标准", group: "收费信息", ownership: "substantive" },
  feeBasis: { label: "收费依据", group: "收费信息", ownership: "substantive" },
  acceptanceConditions: { label: "受理条件", group: "受理条件与情形", ownership: "substantive" },
  situations: { label: "办理情形", group: "受理条件与情形", ownership: "procedural" },
  intermediaries: { label: "中介服务", group: "受理条件与情形", ownership: "substantive" },
  onlineDepth: { label: "网办深度", group: "办理流程", ownership: "procedural" },
  links: { label: "办理链接", group: "全文", ownership: "procedural" },
  text: { label: "文字规范", group: "全文", ownership: "procedural" },
} as const satisfies Record<string, GuideElement>;

export type GuideElementId = keyof typeof GUIDE_ELEMENTS;

export type Severity = "error" | "warning" | "info";

/** One defect a check found: where (a path into the guide, e.g. "materials.2.name") and what exactly. */
export interface CheckHit {
  path: string;
  /** The offending value or a short explanation, shown after the message. */
  detail?: string;
}

/**
 * One automated check: a pure function over a parsed guide. It returns the
 * hits (none = the guide passes). Everything a reader needs to trust a result
 * travels with it: the element, the seed text it enforces, the message in
 * zh-CN and English, and how to fix it.
 */
export interface GuideCheck {
  id: string;
  element: GuideElementId;
  severity: Severity;
  /** The seed's words this check enforces (seed number and quotation). */
  seed: string;
  message: { zh: string; en: string };
  fix: { zh: string; en: string };
  run(guide: ServiceGuide): CheckHit[];
}
