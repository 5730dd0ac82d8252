/**
 * The names a reader sees for a guide's fields. Checks, defects and diffs
 * locate a problem by a field path (`legalLimit.unit`, `materials.0.blankFormUrl`):
 * right for code and exports, unreadable on a screen, where the path is shown
 * through `guideFieldLabel` (“法定办结时限 · 单位”, “申请材料第1项 · 空表”).
 */
const FIELD_LABELS: Record<string, string> = {
  source: "来源",
  sourceId: "来源编号",
  version: "版本",
  publishedAt: "发布时间",
  name: "名称",
  itemType: "事项类型",
  implementationCode: "实施编码",
  basicCode: "基本编码",
  authoritySource: "权力来源",
  implementingBody: "实施主体",
  bodyCode: "实施主体编码",
  level: "行使层级",
  serviceObjects: "服务对象",
  caseType: "办件类型",
  legalLimit: "法定办结时限",
  promisedLimit: "承诺办结时限",
  quantityLimited: "数量限制",
  quantityLimitNote: "数量限制说明",
  acceptanceConditions: "受理条件",
  situations: "办理情形",
  materials: "申请材料",
  steps: "办理流程",
  flowchartUrl: "流程图",
  locations: "办理地点",
  consultationPhone: "咨询电话",
  supervisionPhone: "监督投诉电话",
  legalBases: "设定依据",
  intermediaries: "中介服务",
  specialProcedures: "特别程序",
  charged: "是否收费",
  fees: "收费项目",
  visits: "到办事现场次数",
  visitReason: "到现场原因",
  onlineDepth: "网办深度",
  faq: "常见问题",
  onlineUrl: "网上办理地址",
  mobileUrl: "移动端办理地址",
  unmappedCodes: "未识别的代码",
  // Inside a limit, a material, a step, a location, a basis, a fee, a procedure …
  days: "天数",
  unit: "单位（工作日/自然日）",
  note: "说明",
  code: "编码",
  necessity: "必要性",
  type: "类型",
  issuer: "出具单位",
  originals: "原件份数",
  copies: "复印件份数",
  media: "介质",
  form: "格式要求",
  blankFormUrl: "空表",
  sampleFormUrl: "样表",
  acceptanceStandard: "受理标准",
  legalBasis: "依据",
  actor: "办理人员",
  limit: "时限",
  criteria: "审查标准",
  condition: "适用条件",
  address: "地址",
  window: "窗口",
  hours: "办公时间",
  phone: "电话",
  article: "条款",
  text: "原文",
  kind: "种类",
  provider: "服务机构",
  basis: "依据",
  standard: "收费标准",
  question: "问题",
  answer: "回答",
};

/** A segment: a field, a list position, or a list entry named by its key (diffs: `locations[政务服务中心]`). */
const KEYED = /^([A-Za-z]+)\[(.*)\]$/;

/** A path's Chinese name: each field by its label, a list position as “第N项”, a keyed entry as “名称”. An unknown field stays as written. */
export function guideFieldLabel(path: string): string {
  if (!path) return "";
  const parts: string[] = [];
  for (const segment of path.split(".")) {
    const keyed = KEYED.exec(segment);
    if (/^\d+$/.test(segment) && parts.length) parts[parts.length - 1] += `第${Number(segment) + 1}项`;
    else if (keyed) parts.push(`${FIELD_LABELS[keyed[1]!] ?? keyed[1]}“${keyed[2]}”`);
    else parts.push(FIELD_LABELS[segment] ?? segment);
  }
  return parts.join(" · ");
}

/** Whether every field of the path has a label (a test guard: a new field without one fails it). */
export function isLabelledPath(path: string): boolean {
  return path.split(".").every((segment) => /^\d+$/.test(segment) || (KEYED.exec(segment)?.[1] ?? segment) in FIELD_LABELS);
}

const ATTACHMENT = /^attachment:\S+$/;

/** A link as a reader sees it: an uploaded file's internal id (`attachment:<id>`) is named, not shown. */
export function guideLinkText(value: string | null | undefined): string {
  if (!value) return "";
  return ATTACHMENT.test(value.trim()) ? "已上传附件（平台内文件）" : value;
}
