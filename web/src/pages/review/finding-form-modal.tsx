import { type CampaignView, type FindingView, SOURCE_LEVELS } from "@kaoping/core";
import { DatePicker, Form, Input, InputNumber, Select, TreeSelect, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { reviewApi } from "../../api/review.ts";
import { FormModal } from "../../components/form-modal.tsx";
import { selectRule, textRules } from "../../components/form-rules.ts";
import {
  chosenFact,
  type FindingFormValues,
  findingBody,
  frameworkOf,
  indicatorOptions,
  manualPointsProblem,
  type RuleChoice,
  ruleChoices,
} from "./finding-terms.ts";

type FormValues = Omit<FindingFormValues, "foundOn"> & { foundOn?: Dayjs | null };

interface FindingFormModalProps {
  campaign: CampaignView;
  /** null: a new finding; a draft: edit it. */
  finding: FindingView | null;
  open: boolean;
  unitOptions: { value: string; label: string }[];
  onClose: () => void;
  onSaved: () => void;
}

function initialValues(finding: FindingView | null): Partial<FormValues> {
  if (!finding) return { count: 1 };
  return {
    unitId: finding.unitId,
    indicatorCode: finding.indicatorCode,
    ruleId: finding.ruleId,
    ...(finding.fact ? { fact: finding.fact } : {}),
    sourceLevel: (finding.sourceLevel as FormValues["sourceLevel"]) ?? null,
    count: finding.count,
    ...(finding.points !== null ? { points: finding.points } : {}),
    ...(finding.subject ? { subject: finding.subject } : {}),
    ...(finding.noticeNo ? { noticeNo: finding.noticeNo } : {}),
    foundOn: finding.foundOn ? dayjs(finding.foundOn) : null,
    description: finding.description,
  };
}

/**
 * 新增问题 / 编辑: unit, indicator and the rule term it counts under; then only
 * what that rule reads — a source level, a count, a fact, or a manual score.
 */
export function FindingFormModal({ campaign, finding, open, unitOptions, onClose, onSaved }: FindingFormModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const framework = useMemo(() => frameworkOf(campaign), [campaign]);
  const treeData = useMemo(() => indicatorOptions(framework.indicators), [framework]);
  const indicatorCode = Form.useWatch("indicatorCode", form);
  const ruleId = Form.useWatch("ruleId", form);
  const factKey = Form.useWatch("fact", form);
  const choices = useMemo(() => ruleChoices(framework, indicatorCode), [framework, indicatorCode]);
  const choice = choices.find((c) => c.id === ruleId);
  const fact = chosenFact(choice, factKey);

  async function handleSubmit(values: FormValues) {
    const body = findingBody({ ...values, foundOn: values.foundOn ? values.foundOn.format("YYYY-MM-DD") : null }, choice);
    if (finding) await reviewApi.updateFinding(campaign.id, finding.id, { ...body, version: finding.version });
    else await reviewApi.createFinding(campaign.id, body);
  }

  return (
    <FormModal<FormValues>
      title={finding ? t("review.findingEdit") : t("review.findingCreate")}
      open={open}
      onClose={onClose}
      onSubmit={handleSubmit}
      onSaved={onSaved}
      form={form}
      initialValues={initialValues(finding)}
      submitTestId="finding-submit"
      width={680}
    >
      <Form.Item name="unitId" label={t("review.unit")} rules={[selectRule(t, t("review.unit"))]}>
        <Select showSearch={{ optionFilterProp: "label" }} options={unitOptions} data-testid="finding-unit" />
      </Form.Item>
      <Form.Item name="indicatorCode" label={t("review.indicator")} rules={[selectRule(t, t("review.indicator"))]}>
        <TreeSelect
          treeData={treeData}
          treeDefaultExpandAll
          showSearch={{ treeNodeFilterProp: "title" }}
          onChange={() => form.setFieldsValue({ ruleId: undefined, fact: undefined } as Partial<FormValues>)}
          data-testid="finding-indicator"
        />
      </Form.Item>
      <Form.Item name="ruleId" label={t("review.rule")} rules={[selectRule(t, t("review.rule"))]} extra={ruleHint(t, choice)}>
        <Select
          options={ruleSelectOptions(t, choices)}
          onChange={() => form.setFieldsValue({ fact: undefined } as Partial<FormValues>)}
          notFoundContent={t(indicatorCode ? "review.noRules" : "review.pickIndicatorFirst")}
          data-testid="finding-rule"
        />
      </Form.Item>
      {choice && choice.facts.length > 1 && (
        <Form.Item name="fact" label={t("review.fact")} rules={[selectRule(t, t("review.fact"))]}>
          <Select options={choice.facts.map((f) => ({ value: f.key, label: `${f.label}（${f.key}）` }))} data-testid="finding-fact" />
        </Form.Item>
      )}
      {choice && choice.levels.length > 0 && (
        <Form.Item
          name="sourceLevel"
          label={t("review.sourceLevel")}
          rules={choice.isLevelRequired ? [selectRule(t, t("review.sourceLevel"))] : []}
        >
          <Select
            allowClear={!choice.isLevelRequired}
            options={SOURCE_LEVELS.filter((level) => choice.levels.includes(level)).map((level) => ({
              value: level,
              label: t(`enum.sourceLevel.${level}`),
            }))}
            data-testid="finding-level"
          />
        </Form.Item>
      )}
      {fact?.kind === "count" && (
        <Form.Item name="count" label={t("review.count")} rules={[selectRule(t, t("review.count"))]}>
          <InputNumber min={1} max={10_000} precision={0} style={{ width: "100%" }} data-testid="finding-count" />
        </Form.Item>
      )}
      {choice?.manual && <ManualPointsField range={choice.manual} />}
      {choice?.needsSubject && (
        <Form.Item
          name="subject"
          label={t("review.subject")}
          extra={t("review.subjectHint")}
          rules={textRules(t, t("review.subject"), 100)}
        >
          <Input data-testid="finding-subject" />
        </Form.Item>
      )}
      <Form.Item name="noticeNo" label={t("review.noticeNo")} rules={textRules(t, t("review.noticeNo"), 100, false)}>
        <Input data-testid="finding-notice" />
      </Form.Item>
      <Form.Item name="foundOn" label={t("review.foundOn")}>
        <DatePicker style={{ width: "100%" }} data-testid="finding-date" />
      </Form.Item>
      <Form.Item name="description" label={t("review.description")} rules={textRules(t, t("review.description"), 2000)}>
        <Input.TextArea rows={3} maxLength={2000} showCount data-testid="finding-description" />
      </Form.Item>
    </FormModal>
  );
}

function ManualPointsField({ range }: { range: NonNullable<RuleChoice["manual"]> }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="points"
      label={t(range.each ? "review.manualPointsEach" : "review.manualPoints", range)}
      rules={[
        { required: true, whitespace: true, message: t("common.required", { label: t("review.points") }) },
        {
          validator: async (_, value?: string) => {
            const problem = manualPointsProblem(value, range);
            if (problem) throw new Error(t(problem === "format" ? "review.pointsFormat" : "review.pointsRange", range));
          },
        },
      ]}
    >
      <Input placeholder={`${range.min}–${range.max}`} data-testid="finding-points" />
    </Form.Item>
  );
}

type T = ReturnType<typeof useTranslation>["t"];
type RuleOption = { value?: string; label: string; disabled?: boolean; options?: RuleOption[] };

/** Rules grouped by 取最高分; measurement rules shown but disabled (they are entered as 测评数据). */
function ruleSelectOptions(t: T, choices: RuleChoice[]): RuleOption[] {
  const option = (c: RuleChoice): RuleOption => ({
    value: c.id,
    disabled: c.isMeasurement,
    label: `${c.id}　${c.text}${c.isMeasurement ? t("review.ruleIsMeasurement") : ""}`,
  });
  const groups = new Map<string | undefined, RuleChoice[]>();
  for (const c of choices) groups.set(c.groupText, [...(groups.get(c.groupText) ?? []), c]);
  return [...groups].flatMap(([group, list]) =>
    group
      ? [{ label: t(list[0]?.needsSubject ? "review.groupMaxGroup" : "review.maxOfGroup", { text: group }), options: list.map(option) }]
      : list.map(option),
  );
}

function ruleHint(t: T, choice: RuleChoice | undefined) {
  if (!choice) return null;
  return (
    <Typography.Text type="secondary" style={{ whiteSpace: "pre-wrap" }}>
      {choice.text}
      {choice.manual ? `　${t(choice.manual.each ? "review.manualRangeEach" : "review.manualRange", choice.manual)}` : ""}
    </Typography.Text>
  );
}
