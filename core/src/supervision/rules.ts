/**
 * 电子监察's warning rules as data: each rule has a kind (what it looks at), a severity, its
 * parameters and the text it comes from. The office reads, enables, tunes and versions the set;
 * evaluate.ts runs it over a case and its events. docs/supervision.md lists each rule.
 */
import { z } from "zod";
import { labelled } from "../labelled.ts";
import { cardThresholdsInputSchema, cardThresholdsSchema, DEFAULT_CARD_THRESHOLDS } from "./cards.ts";

/** 预警等级 of a warning on a case (黄牌 / 红牌 are for units: see the cards). */
export const WARNING_SEVERITY = labelled({ notice: "提醒", yellow: "黄灯", red: "红灯" });
export type WarningSeverity = keyof typeof WARNING_SEVERITY.labels;

/** What a rule looks at. */
export const WARNING_RULE_KIND = labelled({
  due_soon: "即将超期",
  overdue: "超期",
  late_acceptance: "超时受理",
  repeated_correction: "多次补正",
  process_anomaly: "流程异常（体外循环）",
  fee_anomaly: "收费异常",
  publicity_anomaly: "公示异常",
  signature_anomaly: "签章异常",
  step_overdue: "环节超时",
});
export type WarningRuleKind = keyof typeof WARNING_RULE_KIND.labels;

/**
 * Each parameter's one label: the zod messages below name the parameter by it, and the rule editor
 * shows it beside the input (the web's Chinese catalogue takes it from here), so a refusal names the
 * field the office sees.
 */
export const RULE_PARAM_LABELS = {
  workingDaysLeft: "剩余工作日数",
  percentLeft: "剩余时限百分比",
  includeCompletedLate: "是否含超期办结",
  workingDays: "受理时限（工作日）",
  maxCorrections: "允许补正次数",
  minMinutes: "最短办理分钟数",
  checkFree: "检查免费事项收费",
  checkStandard: "检查超出收费标准",
  minErrors: "指南错误数",
  maxStepDays: "环节时限（工作日）",
  flagUnregistered: "检查未登记的密钥",
} as const;
export type RuleParamKey = keyof typeof RULE_PARAM_LABELS;

const int = (key: RuleParamKey, min: number, max: number) => {
  const field = RULE_PARAM_LABELS[key];
  return z
    .number({ error: `${field}应为数字` })
    .int(`${field}应为整数`)
    .min(min, `${field}不能小于 ${min}`)
    .max(max, `${field}不能大于 ${max}`);
};
const bool = (key: RuleParamKey) => z.boolean({ error: `${RULE_PARAM_LABELS[key]}应为是或否` });

/** Each kind's parameters, with the bounds a rule is refused outside of (the field is named by its label). */
export const RULE_PARAMS = {
  due_soon: z.strictObject({
    /** Raised when the promised limit has this many working days or fewer left … */
    workingDaysLeft: int("workingDaysLeft", 0, 30),
    /** … or this share (%) of the limit or less. */
    percentLeft: int("percentLeft", 0, 100),
  }),
  overdue: z.strictObject({
    /** Also raised on a case completed after its due instant (超期办结), not only an open one. */
    includeCompletedLate: bool("includeCompletedLate"),
  }),
  late_acceptance: z.strictObject({
    /** Accepted more than this many working days after application. */
    workingDays: int("workingDays", 0, 60),
  }),
  repeated_correction: z.strictObject({
    /** More 补正 than this on one case (一次性告知: 1). */
    maxCorrections: int("maxCorrections", 0, 10),
  }),
  process_anomaly: z.strictObject({
    /** A non-instant case decided or completed within this many minutes of acceptance. */
    minMinutes: int("minMinutes", 1, 1440),
  }),
  fee_anomaly: z.strictObject({
    /** A fee on a case whose item's guide says it is free (是否收费：否). */
    checkFree: bool("checkFree"),
    /** A fee above the highest amount the guide's 收费标准 states. */
    checkStandard: bool("checkStandard"),
  }),
  publicity_anomaly: z.strictObject({
    /** Open 错误 on the item's published guide while the case was handled, at least this many. */
    minErrors: int("minErrors", 1, 100),
  }),
  step_overdue: z.strictObject({
    /** A step (受理, 审查, 决定 …) taking more working days than this before the next one, the case not yet late. */
    maxStepDays: int("maxStepDays", 1, 60),
  }),
  signature_anomaly: z.strictObject({
    /** Also a decision signed with a key the unit never registered (not only an expired or revoked one). */
    flagUnregistered: bool("flagUnregistered"),
  }),
} satisfies Record<WarningRuleKind, z.ZodType>;

export type RuleParams<K extends WarningRuleKind> = z.infer<(typeof RULE_PARAMS)[K]>;

const ruleBase = {
  id: z
    .string({ error: "规则编号必填" })
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,32}$/, "规则编号应为 1–32 位字母、数字、点、横线或下划线"),
  name: z.string({ error: "规则名称必填" }).trim().min(1, "规则名称必填").max(60, "规则名称不能超过 60 字"),
  enabled: z.boolean({ error: "是否启用应为是或否" }),
  severity: z.enum(WARNING_SEVERITY.values, { error: "预警等级应为 提醒、黄灯 或 红灯" }),
  /** The seed or regulation line the rule enforces, shown with every warning it raises. */
  sourceText: z.string().trim().max(500, "依据不能超过 500 字"),
};

const ruleOf = <K extends WarningRuleKind>(kind: K) => z.strictObject({ ...ruleBase, kind: z.literal(kind), params: RULE_PARAMS[kind] });

export const warningRuleSchema = z.discriminatedUnion(
  "kind",
  [
    ruleOf("due_soon"),
    ruleOf("overdue"),
    ruleOf("late_acceptance"),
    ruleOf("repeated_correction"),
    ruleOf("process_anomaly"),
    ruleOf("fee_anomaly"),
    ruleOf("publicity_anomaly"),
    ruleOf("signature_anomaly"),
    ruleOf("step_overdue"),
  ],
  { error: `规则类型应为：${Object.values(WARNING_RULE_KIND.labels).join("、")}` },
);
export type WarningRule = z.infer<typeof warningRuleSchema>;

const ruleSetShape = {
  rules: z
    .array(warningRuleSchema)
    .max(100, "规则不能超过 100 条")
    .superRefine((rules, ctx) => {
      const seen = new Set<string>();
      rules.forEach((rule, i) => {
        if (seen.has(rule.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: `规则编号「${rule.id}」重复` });
        seen.add(rule.id);
      });
    }),
  /** The counts over a period at which a unit gets a 黄牌 or 红牌 (cards.ts). */
  cards: cardThresholdsSchema.default(DEFAULT_CARD_THRESHOLDS),
  /** Why this version (shown in the version list). */
  note: z.string().trim().max(200, "说明不能超过 200 字").default(""),
};

/** A rule set as the office saves it (`PUT /api/supervision/rules`): the card lines in order too. */
export const warningRuleSetSchema = z.strictObject({
  ...ruleSetShape,
  cards: cardThresholdsInputSchema.default(DEFAULT_CARD_THRESHOLDS),
});
export type WarningRuleSet = z.infer<typeof warningRuleSetSchema>;

/**
 * A saved version as read back: the same checks but the order of the card lines, so a version saved
 * before that check still loads (the engine is never fed garbage, nor stopped by an old slip).
 */
export const storedWarningRuleSetSchema = z.strictObject(ruleSetShape);

/** The set an installation starts with: seed 004 三.1, 三.4 and 四.3, 行政许可法 §32. */
export const DEFAULT_WARNING_RULES: WarningRule[] = [
  {
    id: "W01",
    kind: "due_soon",
    name: "即将超期",
    enabled: true,
    severity: "yellow",
    params: { workingDaysLeft: 1, percentLeft: 20 },
    sourceText: "对超时审批事项……进行网上电子监察（《双鸭山市“互联网+政务服务”工作考核细则》四.3）",
  },
  {
    id: "W02",
    kind: "overdue",
    name: "超期",
    enabled: true,
    severity: "red",
    params: { includeCompletedLate: true },
    sourceText: "对超时审批事项……进行网上电子监察，对预警信号进行的催办处理（《双鸭山市“互联网+政务服务”工作考核细则》四.3）",
  },
  {
    id: "W03",
    kind: "late_acceptance",
    name: "超时受理",
    enabled: true,
    severity: "yellow",
    params: { workingDays: 5 },
    sourceText: "申请材料不齐全的，应当当场或者在五日内一次告知（行政许可法第三十二条）",
  },
  {
    id: "W04",
    kind: "repeated_correction",
    name: "多次补正",
    enabled: true,
    severity: "yellow",
    params: { maxCorrections: 1 },
    sourceText:
      "对需要补正的材料一次性告知，防止多次补正、退件情形发生（《双鸭山市“互联网+政务服务”工作考核细则》三.4）；对……多次补正申请……进行网上电子监察（四.3）",
  },
  {
    id: "W05",
    kind: "process_anomaly",
    name: "体外循环",
    enabled: true,
    severity: "red",
    params: { minMinutes: 10 },
    sourceText:
      "对……办理条件真伪……进行网上电子监察（《双鸭山市“互联网+政务服务”工作考核细则》四.3）；应在网上办理线下运行的，不得分（三.1）：非即办件受理后数分钟即决定或办结，疑为线下办理后补录",
  },
  {
    id: "W06",
    kind: "fee_anomaly",
    name: "收费异常",
    enabled: true,
    severity: "red",
    params: { checkFree: true, checkStandard: true },
    sourceText: "办事指南公布的是否收费、收费标准（事项库）；办件收费与之不符的，进行网上电子监察",
  },
  {
    id: "W07",
    kind: "publicity_anomaly",
    name: "公示异常",
    enabled: true,
    severity: "notice",
    params: { minErrors: 1 },
    sourceText:
      "对……网上公示内容……进行网上电子监察（《双鸭山市“互联网+政务服务”工作考核细则》四.3）：办理期间事项的办事指南存在未整改的错误",
  },
  {
    id: "W08",
    kind: "signature_anomaly",
    name: "签章异常",
    enabled: true,
    severity: "red",
    params: { flagUnregistered: false },
    sourceText:
      "审批人员调换未及时上报更换电子秘钥仍进行审批的，扣5分（《双鸭山市“互联网+政务服务”工作考核细则》三.3）：决定环节使用的签章密钥已过有效期或已注销",
  },
  {
    id: "W09",
    kind: "step_overdue",
    name: "环节超时",
    enabled: true,
    severity: "notice",
    params: { maxStepDays: 3 },
    sourceText:
      "对超时审批事项……进行网上电子监察（《双鸭山市“互联网+政务服务”工作考核细则》四.3）：单个环节超过其时限，办件尚未超期时先行提醒",
  },
];
