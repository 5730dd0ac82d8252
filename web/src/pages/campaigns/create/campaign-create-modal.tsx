import { Alert, App, Button, Form, Modal, Steps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { campaignsApi } from "../../../api/campaigns.ts";
import { ApiRequestError } from "../../../api/client.ts";
import { applyFieldErrors, errorText, testId } from "../../../components/feedback.ts";
import { campaignPath } from "../campaign-status.ts";
import { BasicsStep, type FrameworkCategory } from "./basics-step.tsx";
import { type CreateValues, phaseIssues, STEP_FIELDS, stepOfPath, toCreateInput, unitDetailMessages } from "./create-values.ts";
import { PhasesStep } from "./phases-step.tsx";
import { UnitsStep } from "./units-step.tsx";

/**
 * 新建考核 in three steps: framework and name, the assessed units, phases and
 * reviewers. One form spans the steps (inactive ones are hidden, not unmounted)
 * so a server error on any field shows there and the wizard jumps to its step.
 */
export function CampaignCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateValues>();
  const [step, setStep] = useState(0);
  const [categories, setCategories] = useState<FrameworkCategory[]>([]);
  const [isSaving, setIsSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  function handleClose() {
    form.resetFields();
    setStep(0);
    setFailure(null);
    setCategories([]);
    onClose();
  }

  async function validateStep(index: number): Promise<boolean> {
    const ok = await form.validateFields(STEP_FIELDS[index] as never).then(
      () => true,
      () => false,
    );
    if (!ok || index !== 2) return ok;
    const issues = phaseIssues(form.getFieldValue("phases") ?? {});
    form.setFields(issues);
    return issues.length === 0;
  }

  async function handleNext() {
    if (await validateStep(step)) setStep(step + 1);
  }

  async function handleSubmit() {
    if (!(await validateStep(2))) return;
    const values = form.getFieldsValue(true) as CreateValues;
    setIsSaving(true);
    setFailure(null);
    try {
      const created = await campaignsApi.create(toCreateInput(values));
      void message.success(t("campaign.created", { name: created.name }));
      handleClose();
      navigate(campaignPath(created.id));
    } catch (error) {
      showServerErrors(error, values);
    } finally {
      setIsSaving(false);
    }
  }

  function showServerErrors(error: unknown, values: CreateValues) {
    applyFieldErrors(form, error);
    const details = error instanceof ApiRequestError ? (error.details ?? []) : [];
    const unitMessages = unitDetailMessages(details, values.units ?? []);
    if (unitMessages.length) {
      form.setFields([{ name: "units", errors: unitMessages.map((m) => (m.unit ? t("campaign.unitRowError", m) : m.message)) }]);
    }
    const firstStep = details.map((detail) => stepOfPath(detail.path)).find((index) => index !== null);
    if (firstStep !== undefined && firstStep !== null) setStep(firstStep);
    setFailure(errorText(error));
  }

  const isLast = step === 2;
  const footer = [
    <Button key="cancel" onClick={handleClose}>
      {t("common.cancel")}
    </Button>,
    step > 0 && (
      <Button key="previous" onClick={() => setStep(step - 1)} data-testid="campaign-wizard-previous">
        {t("campaign.previous")}
      </Button>
    ),
    isLast ? (
      <Button key="submit" type="primary" loading={isSaving} onClick={handleSubmit} {...testId("campaign-create-submit")}>
        {t("campaign.submitCreate")}
      </Button>
    ) : (
      <Button key="next" type="primary" onClick={handleNext} data-testid="campaign-wizard-next">
        {t("campaign.next")}
      </Button>
    ),
  ];

  return (
    <Modal
      title={t("campaign.createTitle")}
      open={open}
      width={960}
      onCancel={handleClose}
      footer={footer}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Steps
        current={step}
        size="small"
        style={{ margin: "16px 0 24px" }}
        items={[{ title: t("campaign.stepBasics") }, { title: t("campaign.stepUnits") }, { title: t("campaign.stepPhases") }]}
      />
      {failure && (
        <Alert type="error" showIcon title={failure} closable={{ onClose: () => setFailure(null) }} style={{ marginBottom: 16 }} />
      )}
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={{ year: new Date().getFullYear(), units: [], phases: {}, reviewerIds: [] }}
      >
        <div hidden={step !== 0}>
          <BasicsStep form={form} onCategories={setCategories} />
        </div>
        <div hidden={step !== 1}>
          <UnitsStep categories={categories} />
        </div>
        <div hidden={step !== 2}>
          <PhasesStep />
        </div>
      </Form>
    </Modal>
  );
}
